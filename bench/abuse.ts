/**
 * What an abusive client gets (docs/http-api.md#limits): one client making up a new visitor id for
 * every chat, from one IPv4 address, from every address of one IPv6 /64, and in a concurrent
 * burst; how much of the site's budget that is; and what an ordinary visitor elsewhere gets during
 * the attack and once the budget is spent. `wrangler dev` passes `CF-Connecting-IP` through, so
 * one process can be many clients.
 */
import { pool } from "./streams.ts";

export interface AbuseRules {
  tokensPerDay: number;
  dailyBudget: number;
}

export interface ChatResult {
  status: number;
  source: "model" | "faq" | null;
  /** Tokens a model answer cost, as its `done` event reports them. */
  tokens: number;
}

export interface AttackFigures {
  chats: number;
  model: number;
  faq: number;
  refused: number;
  tokens: number;
}

let visitors = 0;

/** One chat as a new visitor from `ip`. */
export async function chatFrom(origin: string, ip: string): Promise<ChatResult> {
  const response = await fetch(`${origin}/api/chat`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "CF-Connecting-IP": ip },
    body: JSON.stringify({
      visitorId: `abuser-${process.pid}-${visitors++}`,
      messages: [{ role: "user", content: "Do you have decaf?" }],
    }),
  });
  const text = await response.text();
  if (!response.ok) return { status: response.status, source: null, tokens: 0 };
  const done = /event: done\ndata: (.*)/.exec(text)?.[1];
  const data = done
    ? (JSON.parse(done) as { source: "model" | "faq"; usage: { promptTokens: number; completionTokens: number } })
    : null;
  const tokens = data?.source === "model" ? data.usage.promptTokens + data.usage.completionTokens : 0;
  return { status: response.status, source: data?.source ?? null, tokens };
}

export function tally(results: ChatResult[]): AttackFigures {
  return {
    chats: results.length,
    model: results.filter((r) => r.source === "model").length,
    faq: results.filter((r) => r.source === "faq").length,
    refused: results.filter((r) => r.status === 429).length,
    tokens: results.reduce((sum, r) => sum + r.tokens, 0),
  };
}

/** One after another from one IPv4 address, a new visitor id each time. */
export async function fromOneAddress(origin: string, ip: string, chats: number): Promise<AttackFigures> {
  const results: ChatResult[] = [];
  for (let i = 0; i < chats; i++) results.push(await chatFrom(origin, ip));
  return tally(results);
}

/** One after another from the addresses of one IPv6 /64, a new visitor id each time. */
export async function fromOnePrefix(origin: string, prefix: string, chats: number): Promise<AttackFigures> {
  const results: ChatResult[] = [];
  for (let i = 0; i < chats; i++) results.push(await chatFrom(origin, `${prefix}:${(i + 1).toString(16)}`));
  return tally(results);
}

/** All at once from one address. */
export async function burst(origin: string, ip: string, chats: number): Promise<AttackFigures> {
  return tally(await pool(chats, chats, () => chatFrom(origin, ip)));
}
