/**
 * `npm run bench [-- --quick]`: what users feel and what the owner pays, each figure measured
 * against a baseline in the same run (so ratios hold on a noisy machine). Everything is local:
 * `wrangler dev` (workerd), the fake provider with a fixed first-token delay and fixed gaps, and
 * headless Chromium. Prints a table with a progress line per stage and writes bench/RESULTS.md.
 * `--quick` runs every stage with tiny counts (it runs in `npm test`, so it cannot rot); figures
 * are reported, never asserted.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { countTokens } from "gpt-tokenizer/model/gpt-4o-mini";
import { startDemo } from "../demo/server.ts";
import { CHROME_PATH, HAS_CHROMIUM, launchChromium } from "../tests/support/browser.ts";
import { freePort, startWorker, startWranglerDev, type WorkerProcess } from "../tests/support/worker-process.ts";
import { measureWidget } from "../widget/tools/bundle-size.ts";
import { scenarioBaseUrl } from "../worker/tools/fake-provider/scenarios.ts";
import { startFakeProvider } from "../worker/tools/fake-provider/server.ts";
import { type AttackFigures, burst, chatFrom, fromOneAddress, fromOnePrefix } from "./abuse.ts";
import { chatFigures, faqOf, publish, retrievalQuality } from "./faq-scale.ts";
import { plantJunk } from "./junk.ts";
import { measurePage, type PageFigures } from "./page.ts";
import { cpuMs, peakMemoryMb, workerdPids } from "./process-stats.ts";
import { deltaHasText, percentile, pool, providerHasText, type StreamTiming, timeStream } from "./streams.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const quick = process.argv.includes("--quick");
const outArg = process.argv.indexOf("--out");
const OUT = outArg > -1 ? (process.argv[outArg + 1] ?? "") : `${ROOT}bench/RESULTS.md`;

const N = quick
  ? { ttft: 8, cpu: 20, cpuRounds: 1, concurrency: [10, 20], pages: 1, faqChats: 4 }
  : { ttft: 200, cpu: 200, cpuRounds: 5, concurrency: [50, 100, 200], pages: 5, faqChats: 60 };
/** The fake provider's fixed timing: first token after 50 ms, then a piece every 20 ms. */
const TIMING = { firstDelayMs: 50, gapMs: 20 };
const ANSWER = "Our decaf is a Swiss Water Process coffee from Colombia.";

interface Row {
  figure: string;
  value: string;
  baseline: string;
  result: string;
  goal: string;
}
const rows: Row[] = [];
const stage = (name: string) => process.stdout.write(`bench: ${name}…\n`);
const ms = (value: number) => `${value.toFixed(1)} ms`;
/** A difference with its sign: "+1.2 ms", "−0.3 ms". */
const delta = (value: number) => `${value < 0 ? "−" : "+"}${ms(Math.abs(value))}`;
const median = (values: number[]) => percentile(values, 50);

const provider = await startFakeProvider();
const vars = (tag: string, scenario: Parameters<typeof scenarioBaseUrl>[2]) => ({
  OPENAI_API_KEY: "sk-bench-0123456789abcdef",
  OPENAI_BASE_URL: scenarioBaseUrl(provider.origin, tag, scenario),
  ALLOWED_ORIGINS: "*",
  RATE_LIMIT_PER_MINUTE: "1000000",
  RATE_LIMIT_TOKENS_PER_DAY: "1000000000",
  DAILY_TOKEN_BUDGET: "1000000000",
});
const workers: WorkerProcess[] = [];
const chatBody = (i: number) => ({
  visitorId: `bench-visitor-${i % 1000}`,
  messages: [{ role: "user", content: `Do you have decaf? (${i})` }],
});
/** The same question as the provider gets it, for the pass-through baselines. */
const providerBody = (i: number) => ({ model: "m", stream: true, messages: chatBody(i).messages });

try {
  stage("starting Support Chat and the two pass-through baselines under wrangler dev");
  const timed = vars("timed", { mode: "answer", text: ANSWER, ...TIMING });
  const [ours, passthrough] = await Promise.all([
    startWorker(timed),
    startWranglerDev("bench/passthrough/wrangler.toml", timed),
  ]);
  workers.push(ours, passthrough);
  // Not beside Support Chat: two Workers with Durable Objects starting at once race for a local socket.
  const counted = await startWranglerDev("bench/passthrough-counted/wrangler.toml", timed);
  workers.push(counted);

  stage("widget bytes (as npm run serve just built them)");
  const weight = measureWidget(`${ROOT}dist/public`);
  rows.push({
    figure: "Widget before first interaction (widget.js)",
    value: `${weight.loader} B gzip`,
    baseline: `${weight.loaderRaw} B raw`,
    result: "",
    goal: "≤ 3 000 B gzip",
  });
  rows.push({
    figure: "Widget after opening (widget.js + panel, heaviest language)",
    value: `${weight.opened} B gzip`,
    baseline: `${weight.openedRaw} B raw`,
    result: "",
    goal: "≤ 15 000 B gzip",
  });

  stage(`time to first token and gaps between chunks (${N.ttft} chats each way)`);
  const direct: StreamTiming[] = [];
  const through: StreamTiming[] = [];
  const relayed: StreamTiming[] = [];
  const providerUrl = `${scenarioBaseUrl(provider.origin, "timed", { mode: "answer", text: ANSWER, ...TIMING })}/chat/completions`;
  for (let i = 0; i < N.ttft; i++) {
    direct.push(await timeStream(providerUrl, providerBody(i), {}, providerHasText));
    through.push(await timeStream(`${ours.origin}/api/chat`, chatBody(i), {}, deltaHasText));
    relayed.push(await timeStream(`${passthrough.origin}/`, providerBody(i), {}, providerHasText));
  }
  const ttftDirect = direct.map((t) => t.ttftMs);
  const ttftOurs = through.map((t) => t.ttftMs);
  rows.push({
    figure: "Time to first token, p50 / p95",
    value: `${ms(median(ttftOurs))} / ${ms(percentile(ttftOurs, 95))}`,
    baseline: `${ms(median(ttftDirect))} / ${ms(percentile(ttftDirect, 95))} direct`,
    result: `${delta(median(ttftOurs) - median(ttftDirect))} / ${delta(percentile(ttftOurs, 95) - percentile(ttftDirect, 95))}`,
    goal: "≤ +5 ms at p50",
  });
  const ttftRelayed = relayed.map((t) => t.ttftMs);
  rows.push({
    figure: "Time to first token, p50: ours vs the pass-through Worker (both under wrangler dev)",
    value: ms(median(ttftOurs)),
    baseline: `${ms(median(ttftRelayed))} pass-through`,
    result: `${delta(median(ttftOurs) - median(ttftRelayed))}`,
    goal: "(what our own code adds)",
  });
  const steps = [...new Set(through.flatMap((t) => Object.keys(t.serverTiming)))];
  rows.push({
    figure: "Server-Timing of our answers, p50 per step",
    value: steps
      .map((step) => `${step} ${ms(median(through.map((t) => t.serverTiming[step] ?? Number.NaN)))}`)
      .join(", "),
    baseline: `headers at ${ms(median(through.map((t) => t.headersMs)))}, then the model's first token (DevTools: waiting for content)`,
    result: "",
    goal: "",
  });
  const gapsDirect = direct.flatMap((t) => t.gapsMs);
  const gapsOurs = through.flatMap((t) => t.gapsMs);
  rows.push({
    figure: "Gap between streamed chunks, p50 / p95",
    value: `${ms(median(gapsOurs))} / ${ms(percentile(gapsOurs, 95))}`,
    baseline: `${ms(median(gapsDirect))} / ${ms(percentile(gapsDirect, 95))} direct`,
    result: `${delta(median(gapsOurs) - median(gapsDirect))} / ${delta(percentile(gapsOurs, 95) - percentile(gapsDirect, 95))}`,
    goal: "≤ +5 ms per chunk",
  });

  stage(
    `Worker CPU per chat (${N.cpuRounds} round${N.cpuRounds === 1 ? "" : "s"} of ${N.cpu} chats each way, read from workerd)`,
  );
  // The three Workers take turns, round after round, so that the machine's load weighs on each alike;
  // the ratio of each round is taken, and their median reported with their range.
  const contender = (worker: WorkerProcess, url: string, body: (i: number) => unknown) => ({
    url,
    body,
    pids: workerdPids(worker.pgid),
    perChat: [] as number[],
    failed: 0,
  });
  const oursCpu = contender(ours, `${ours.origin}/api/chat`, chatBody);
  const baseCpu = contender(passthrough, `${passthrough.origin}/`, providerBody);
  const countedCpu = contender(counted, `${counted.origin}/`, providerBody);
  const contenders = [oursCpu, baseCpu, countedCpu];
  for (const c of contenders) await pool(10, 5, (i) => timeStream(c.url, c.body(i), {}, (chunk) => chunk.length > 0));
  for (let round = 0; round < N.cpuRounds; round++) {
    for (const c of contenders) {
      const before = cpuMs(c.pids);
      const results = await pool(N.cpu, 10, (i) =>
        timeStream(c.url, c.body(round * N.cpu + i), {}, (chunk) => chunk.length > 0),
      );
      c.perChat.push((cpuMs(c.pids) - before) / N.cpu);
      c.failed += results.filter((r) => !r.ok).length;
    }
  }
  const cpuRatio = (baseline: typeof baseCpu) => {
    const ratios = oursCpu.perChat.map((value, round) => value / Math.max(baseline.perChat[round] ?? 0, 0.01));
    const range =
      N.cpuRounds > 1 ? ` (rounds ×${Math.min(...ratios).toFixed(2)} to ×${Math.max(...ratios).toFixed(2)})` : "";
    return `×${median(ratios).toFixed(2)}${range}${oursCpu.failed ? `, ${oursCpu.failed} failed` : ""}`;
  };
  rows.push({
    figure: "Worker CPU per chat (workerd, user + system; median of rounds)",
    value: `${median(oursCpu.perChat).toFixed(2)} ms`,
    baseline: `${median(baseCpu.perChat).toFixed(2)} ms pass-through`,
    result: cpuRatio(baseCpu),
    goal: "≤ ×1.5 pass-through",
  });
  rows.push({
    figure: "Worker CPU per chat against a pass-through that first makes one Durable Object call",
    value: `${median(oursCpu.perChat).toFixed(2)} ms`,
    baseline: `${median(countedCpu.perChat).toFixed(2)} ms pass-through + one call`,
    result: cpuRatio(countedCpu),
    goal: "(the least an exact limiter adds is in the baseline)",
  });

  for (const count of N.concurrency) {
    stage(`${count} concurrent streams`);
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        timeStream(`${ours.origin}/api/chat`, chatBody(10_000 + i), {}, deltaHasText),
      ),
    );
    const errors = results.filter((r) => !r.ok).length;
    rows.push({
      figure: `Concurrent streams: ${count}`,
      value: `${count - errors} held`,
      baseline: `${ms(performance.now() - started)} for all`,
      result: `${errors} errors`,
      goal: "0 errors at 200",
    });
  }
  rows.push({
    figure: "Peak memory of the Worker process (workerd RSS)",
    value: `${peakMemoryMb(oursCpu.pids).toFixed(0)} MB`,
    baseline: `${peakMemoryMb(baseCpu.pids).toFixed(0)} MB pass-through`,
    result: "",
    goal: "",
  });

  stage("limiter exactness (30 concurrent requests, limit 10)");
  const limited = await startWorker({
    ...vars("limited", { mode: "answer", text: "ok" }),
    OPENAI_API_KEY: "",
    RATE_LIMIT_PER_MINUTE: "10",
  });
  workers.push(limited);
  const statuses = await Promise.all(
    Array.from({ length: 30 }, async () => {
      const response = await fetch(`${limited.origin}/api/chat`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(chatBody(777)),
      });
      await response.body?.cancel();
      return response.status;
    }),
  );
  const passed = statuses.filter((s) => s === 200).length;
  rows.push({
    figure: "Rate limiter: 30 concurrent requests, limit 10",
    value: `${passed} passed`,
    baseline: `${statuses.filter((s) => s === 429).length} refused (429)`,
    result: passed === 10 ? "exact" : "NOT exact",
    goal: "exactly 10",
  });

  stage("an abusive client (new visitor id per chat; one IPv4, one IPv6 /64, a burst)");
  const rules = { tokensPerDay: 3000, dailyBudget: 60_000 };
  const abused = await startWorker({
    ...vars("abuse", { mode: "answer", text: "Yes, a Swiss Water Process decaf.", omitUsage: true }),
    RATE_LIMIT_PER_MINUTE: "1000",
    RATE_LIMIT_TOKENS_PER_DAY: String(rules.tokensPerDay),
    DAILY_TOKEN_BUDGET: String(rules.dailyBudget),
  });
  workers.push(abused);
  const allowance = 5 * rules.tokensPerDay;
  const attackRow = (figure: string, result: AttackFigures) =>
    rows.push({
      figure,
      value: `${result.tokens} tokens: ${result.model} model, ${result.faq} FAQ answers, ${result.refused} refused`,
      baseline: `network allowance ${allowance}`,
      result: `${((result.tokens / rules.dailyBudget) * 100).toFixed(0)}% of the site's budget`,
      goal: "≤ allowance + 1 answer, then FAQ",
    });
  attackRow(`Abuse: one IPv4 address, 40 chats`, await fromOneAddress(abused.origin, "198.51.100.10", 40));
  attackRow(`Abuse: one IPv6 /64, 40 addresses`, await fromOnePrefix(abused.origin, "2001:db8:42:7:", 40));
  attackRow(`Abuse: a burst of 20 concurrent chats`, await burst(abused.origin, "198.51.100.20", 20));
  const during = await chatFrom(abused.origin, "203.0.113.7");
  rows.push({
    figure: "Abuse: a visitor elsewhere, during the attack",
    value: `${during.status} ${during.source ?? ""} answer`,
    baseline: "",
    result: during.source === "model" ? "unaffected" : "AFFECTED",
    goal: "a model answer",
  });
  let spentAfter = 0;
  for (let i = 0; i < 100 && (await chatFrom(abused.origin, `198.51.101.${i + 1}`)).source === "model"; i++)
    spentAfter++;
  const after = await chatFrom(abused.origin, "203.0.113.8");
  rows.push({
    figure: "Abuse: a visitor once the site's budget is spent",
    value: `${after.status} ${after.source ?? ""} answer`,
    baseline: `budget spent after ${spentAfter} more networks' chats`,
    result: after.source === "faq" ? "degraded, not dead" : "NOT degraded",
    goal: "an FAQ answer",
  });

  stage("the Insights page over 500 planted 4,000-character questions of unknown words");
  const insightsWorker = await startWorker({
    ...vars("insights", { mode: "answer" }),
    ADMIN_TOKEN: "bench-admin-token",
  });
  workers.push(insightsWorker);
  plantJunk(ROOT, insightsWorker.persistDir, 500);
  const insightsTimes: number[] = [];
  for (let i = 0; i < (quick ? 1 : 5); i++) {
    const started = performance.now();
    const response = await fetch(`${insightsWorker.origin}/api/admin/insights`, {
      headers: { Authorization: "Bearer bench-admin-token" },
    });
    const groups = ((await response.json()) as { unanswered?: unknown[] }).unanswered?.length ?? 0;
    insightsTimes.push(performance.now() - started);
    if (response.status !== 200 || groups < 500)
      throw new Error(`insights answered ${response.status}, ${groups} groups`);
  }
  rows.push({
    figure: "Insights page over 500 planted 4,000-character junk questions",
    value: ms(median(insightsTimes)),
    baseline: "103 s before the work was bounded (same junk, worker test)",
    result: "",
    goal: "well under Cloudflare's CPU limit (30 s)",
  });

  stage(`prompt tokens and time to first token as the FAQ grows (${N.faqChats} chats per size)`);
  const adminToken = "bench-admin-token-0123456789";
  const faqWorkerVars = (tag: string, extra: Record<string, string> = {}) => ({
    ...vars(tag, { mode: "answer", text: ANSWER, ...TIMING }),
    ADMIN_TOKEN: adminToken,
    ...extra,
  });
  // One after the other: each `npm run serve` builds into the same dist/public.
  const lexical = await startWorker(faqWorkerVars("faq-lexical"));
  workers.push(lexical);
  const embedded = await startWorker(faqWorkerVars("faq-embedded", { EMBEDDINGS_MODEL: "fake-embedding" }));
  workers.push(embedded);
  const byWords = { origin: lexical.origin, adminToken, tag: "faq-lexical" };
  const ttftBySize: string[] = [];
  let ttftAtThousand = Number.NaN;
  for (const entries of [10, 100, 1000]) {
    const faq = faqOf(entries);
    const delivery = await publish(byWords, faq);
    const figures = await chatFigures(byWords, provider, N.faqChats);
    rows.push({
      figure: `Prompt tokens per chat, ${entries.toLocaleString("en")}-entry FAQ (${faq.length.toLocaleString("en")} characters, ${delivery.whole ? "whole" : "by retrieval"})`,
      value: `${figures.promptTokens} tokens`,
      baseline: `${countTokens(faq)} tokens in the whole FAQ`,
      result: figures.failed ? `${figures.failed} failed` : "",
      goal: entries === 1000 ? "flat; ≤ 3,000 at 1,000 entries" : "",
    });
    ttftBySize.push(`${entries.toLocaleString("en")}: ${ms(figures.ttftP50)}`);
    if (entries === 1000) ttftAtThousand = figures.ttftP50;
  }
  rows.push({
    figure: "Time to first token by FAQ size, p50 (entries: time)",
    value: ttftBySize.join(" · "),
    baseline: "",
    result: "",
    goal: "flat",
  });
  const byMeaning = { origin: embedded.origin, adminToken, tag: "faq-embedded" };
  const publishing = await publish(byMeaning, faqOf(1000));
  rows.push({
    figure: "Publishing a 1,000-entry FAQ with EMBEDDINGS_MODEL (entries embedded and stored)",
    value: ms(publishing.ms),
    baseline: `embeddings ${publishing.embeddings}`,
    result: "",
    goal: "",
  });
  const withEmbeddings = await chatFigures(byMeaning, provider, N.faqChats);
  rows.push({
    figure: "Time to first token at 1,000 entries with embeddings (the question embedded per chat), p50",
    value: ms(withEmbeddings.ttftP50),
    baseline: `${ms(ttftAtThousand)} by words alone`,
    result: delta(withEmbeddings.ttftP50 - ttftAtThousand),
    goal: "+ the provider's embedding latency, at most 800 ms",
  });

  stage("retrieval quality on the held-out half of the labelled set");
  const quality = retrievalQuality(ROOT, "held-out");
  const share = (part: number, whole: number) =>
    `${((100 * part) / Math.max(1, whole)).toFixed(1)}% (${part}/${whole})`;
  rows.push(
    {
      figure: "Held-out: the right entry among those the model is given (1,000-entry FAQ)",
      value: share(quality.recall, quality.answerable),
      baseline: `${quality.givenEntries.toFixed(1)} entries given on average`,
      result: "",
      goal: "≥ 97%",
    },
    {
      figure: "Held-out: the right entry first in FAQ-only answers",
      value: share(quality.rightFirst, quality.answerable),
      baseline: `${share(quality.wrongFirst, quality.answerable)} a wrong entry first`,
      result: "",
      goal: "≥ 90%",
    },
    {
      figure: "Held-out: confident answers to questions the FAQ cannot answer",
      value: share(quality.confidentlyWrong, quality.unanswerable),
      baseline: "",
      result: "",
      goal: "0",
    },
    {
      figure: "Held-out: sources right (simulated answers, see README)",
      value: share(quality.sourcesRight, quality.answerable + quality.unanswerable),
      baseline: "",
      result: "",
      goal: "",
    },
  );

  stage("retrieval quality on independent probes of four other FAQs");
  const probes = retrievalQuality(ROOT, "probes");
  rows.push(
    {
      figure: "Independent probes (4 other FAQs of 31–36 entries, EN/ES/DE): the right entry first in FAQ-only answers",
      value: share(probes.rightFirst, probes.answerable),
      baseline: `${share(probes.wrongFirst, probes.answerable)} a wrong entry first`,
      result: "",
      goal: "≥ 90%",
    },
    {
      figure: "Independent probes: confident answers to questions the FAQ cannot answer",
      value: share(probes.confidentlyWrong, probes.unanswerable),
      baseline: "",
      result: "",
      goal: "0",
    },
  );

  if (HAS_CHROMIUM) {
    stage(`host page figures in Chromium (${N.pages} loads each)`);
    const browser = await launchChromium();
    const demo = await startDemo({ port: await freePort(), host: "localhost", workerOrigin: ours.origin });
    const html = readFileSync(`${ROOT}demo/index.html`, "utf8").replaceAll("http://localhost:8787", ours.origin);
    demo.addPage("/without-widget.html", {
      body: html.replace(/<script src="[^"]*widget\.js"[^>]*><\/script>/, ""),
      type: "text/html; charset=utf-8",
    });
    // Interleaved, so warm-up and noise fall on both sides alike.
    const withWidget: PageFigures[] = [];
    const without: PageFigures[] = [];
    for (let i = 0; i < N.pages; i++) {
      withWidget.push(await measurePage(browser, `${demo.origin}/`, ours.origin));
      without.push(await measurePage(browser, `${demo.origin}/without-widget.html`, ours.origin));
    }
    const mainThread = (list: typeof withWidget) => median(list.map((f) => f.mainThreadMs));
    rows.push({
      figure: "Host page main-thread time at load",
      value: ms(mainThread(withWidget)),
      baseline: `${ms(mainThread(without))} without widget`,
      result: `${delta(mainThread(withWidget) - mainThread(without))}`,
      goal: "",
    });
    rows.push({
      figure: "Layout shift at load (CLS)",
      value: median(withWidget.map((f) => f.layoutShift)).toFixed(3),
      baseline: `${median(without.map((f) => f.layoutShift)).toFixed(3)} without widget`,
      result: "",
      goal: "0 added",
    });
    rows.push({
      figure: "Requests before the visitor opens the chat",
      value: `${median(withWidget.map((f) => f.workerRequests))} to the Worker, ${median(withWidget.map((f) => f.apiCalls))} API calls`,
      baseline: "0 without widget",
      result: "",
      goal: "1 (widget.js), 0 API calls",
    });
    await demo.close();
    await browser.close();
  } else {
    rows.push({
      figure: "Host page figures",
      value: "skipped",
      baseline: `no Chromium at ${CHROME_PATH}`,
      result: "",
      goal: "",
    });
  }
} finally {
  await Promise.all(workers.map((worker) => worker.stop()));
  await provider.close();
}

const header = "| figure | value | baseline (same run) | overhead / ratio | goal |\n| --- | --- | --- | --- | --- |\n";
const table =
  header + rows.map((r) => `| ${r.figure} | ${r.value} | ${r.baseline} | ${r.result} | ${r.goal} |`).join("\n");
const fromWrangler = createRequire(createRequire(import.meta.url).resolve("wrangler/package.json"));
const workerdVersion = (
  JSON.parse(readFileSync(fromWrangler.resolve("workerd/package.json"), "utf8")) as { version: string }
).version;
const machine = `${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, Node ${process.version}, workerd ${workerdVersion}`;
process.stdout.write(`\n${table}\n\n${machine}${quick ? " (quick run)" : ""}\n`);
writeFileSync(
  OUT,
  `# Benchmark results\n\n${quick ? "A quick smoke run (tiny counts): the figures are not meaningful. " : ""}Measured ${new Date().toISOString().slice(0, 10)} on ${machine}, by \`npm run bench${quick ? " -- --quick" : ""}\`.\n\n` +
    `Every figure is compared with a baseline measured in the same run: the fake provider called directly (TTFT, chunk gaps), a minimal pass-through Worker run the same way (CPU, memory; for CPU also one that first makes a Durable Object call, the least an exact limiter costs), and the same host page without the widget (page figures). The fake provider sends its first token after ${TIMING.firstDelayMs} ms and a piece every ${TIMING.gapMs} ms. Counts: ${N.ttft} chats each way for TTFT; for CPU, ${N.cpuRounds} round${N.cpuRounds === 1 ? "" : "s"} of ${N.cpu} chats each way, the Workers taking turns.\n\n${table}\n`,
);
