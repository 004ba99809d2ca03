/**
 * What a chat costs as the FAQ grows: FAQs of 10, 100 and 1,000 entries (taken evenly from the
 * evaluation FAQ, tests/fixtures/faq-eval/) published to a running Support Chat, then chats whose
 * prompts the fake provider records: prompt tokens counted with gpt-4o-mini's own tokenizer
 * (o200k), and time to first token. With EMBEDDINGS_MODEL on a second Worker: what publishing
 * 1,000 entries takes, and what the question's embedding adds to the time to first token.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { countTokens } from "gpt-tokenizer/model/gpt-4o-mini";
import { TUNING } from "../tests/fixtures/faq-eval/tuning.ts";
import type { FakeProvider } from "../worker/tools/fake-provider/server.ts";
import { deltaHasText, percentile, timeStream } from "./streams.ts";

const FAQ = readFileSync(fileURLToPath(new URL("../tests/fixtures/faq-eval/faq.md", import.meta.url)), "utf8");

/** The preamble and `count` entries spread evenly over the evaluation FAQ. */
export function faqOf(count: number): string {
  const [preamble = "", ...entries] = FAQ.split(/\n(?=## )/);
  const step = entries.length / count;
  return [preamble, ...Array.from({ length: count }, (_, i) => entries[Math.floor(i * step)] ?? "")].join("\n");
}

export interface FaqWorker {
  origin: string;
  adminToken: string;
  /** The fake provider's tag that this Worker's base URL carries. */
  tag: string;
}

/** Publishes `content` on top of the latest version: how long it took, its embeddings, whether chats get it whole. */
export async function publish(
  worker: FaqWorker,
  content: string,
): Promise<{ ms: number; embeddings: string; whole: boolean }> {
  const headers = { Authorization: `Bearer ${worker.adminToken}`, "Content-Type": "application/json" };
  const latest = (await (await fetch(`${worker.origin}/api/admin/faq`, { headers })).json()) as { version: number };
  const started = performance.now();
  const response = await fetch(`${worker.origin}/api/admin/faq`, {
    method: "PUT",
    headers,
    body: JSON.stringify({ content, baseVersion: latest.version, note: "bench" }),
  });
  if (!response.ok) throw new Error(`publish failed: HTTP ${response.status} ${await response.text()}`);
  const ms = performance.now() - started;
  const body = (await response.json()) as { embeddings: { state: string } };
  const now = (await (await fetch(`${worker.origin}/api/admin/faq`, { headers })).json()) as {
    retrieval: { whole: boolean };
  };
  return { ms, embeddings: body.embeddings.state, whole: now.retrieval.whole };
}

export interface ChatFigures {
  /** Median prompt tokens of a chat (the provider's tokenizer), and the Worker's own estimate's median. */
  promptTokens: number;
  ttftP50: number;
  failed: number;
}

/** `count` one-question chats (questions of the labelled set), timed; their prompts read back from the provider. */
export async function chatFigures(worker: FaqWorker, provider: FakeProvider, count: number): Promise<ChatFigures> {
  const before = provider.requests(worker.tag).length;
  const ttft: number[] = [];
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const question = TUNING.answerable[i % TUNING.answerable.length]?.question ?? "Hi";
    const body = { visitorId: `bench-faq-${i}`, messages: [{ role: "user", content: question }] };
    const timing = await timeStream(`${worker.origin}/api/chat`, body, {}, deltaHasText);
    if (timing.ok) ttft.push(timing.ttftMs);
    else failed++;
  }
  const prompts = provider
    .requests(worker.tag)
    .slice(before)
    .filter((r) => r.path.endsWith("/chat/completions"))
    .map((r) => (r.body as { messages: { role: "system" | "user" | "assistant"; content: string }[] }).messages);
  const tokens = prompts.map((messages) => countTokens(messages));
  return { promptTokens: percentile(tokens, 50), ttftP50: percentile(ttft, 50), failed };
}

/** Figures of retrieval quality on one labelled set, as the Worker tests measure them inside workerd. */
export interface QualityFigures {
  answerable: number;
  unanswerable: number;
  recall: number;
  rightFirst: number;
  wrongFirst: number;
  confidentlyWrong: number;
  sourcesRight: number;
  givenEntries: number;
}

/** Where the Worker tests measure each set: the held-out half of the 1,000-entry FAQ's labelled set, and the independent probes of four other FAQs. */
const QUALITY_TESTS = {
  "held-out": "worker/src/faq/retrieval-quality.test.ts",
  probes: "worker/src/faq/independent-probe.test.ts",
} as const;

export type QualitySet = keyof typeof QUALITY_TESTS;

/** Runs the test that measures `set` and reads the figures it prints. */
export function retrievalQuality(root: string, set: QualitySet): QualityFigures {
  const args = ["vitest", "run", "--project", "worker", QUALITY_TESTS[set], "--silent=false"];
  let output: string;
  try {
    output = execFileSync("npx", args, {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1" },
    });
  } catch (err) {
    // A figure below its goal fails the test; the figures are reported all the same.
    output = String((err as { stdout?: unknown }).stdout ?? "");
  }
  const marker = `RETRIEVAL_FIGURES ${set} `;
  const line = output.split("\n").find((l) => l.includes(marker));
  if (!line) throw new Error(`${QUALITY_TESTS[set]} printed no figures`);
  return JSON.parse(line.slice(line.indexOf("{"))) as QualityFigures;
}
