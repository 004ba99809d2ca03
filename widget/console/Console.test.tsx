/**
 * The console around its pages, with the operator API stubbed: the provider banner above every
 * page while the provider fails (read on sign-in, on every page change and every minute), and a
 * rotated token (every call now 401) signing the console out within a minute.
 */
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ProviderStatus } from "../../worker/src/protocol";
import { PROVIDER_ADVICE } from "../../worker/src/protocol/provider-advice";
import { Console, POLL_MS } from "./Console";
import { session } from "./session";

const FAILING: ProviderStatus = {
  mode: "model",
  model: "gpt-4o-mini",
  state: "key_rejected",
  since: "2026-03-01T09:12:00.000Z",
  lastAnswerAt: "2026-03-01T09:10:00.000Z",
  fallbacksSince: 7,
};
const OK: ProviderStatus = { ...FAILING, state: "ok", since: "2026-03-01T09:20:00.000Z", fallbacksSince: 0 };

/** The operator API as the stub answers it; `refuse` makes every call a 401, as after a rotation. */
const api = { provider: FAILING, refuse: false };
const calls: string[] = [];

function stubApi(): void {
  vi.stubGlobal("fetch", async (input: RequestInfo | URL) => {
    const path = new URL(String(input), location.href).pathname;
    calls.push(path);
    if (api.refuse) {
      return Response.json(
        { error: { code: "unauthorized", message: "Sign in with the operator token" } },
        { status: 401 },
      );
    }
    const answers: Record<string, unknown> = {
      "/api/admin/provider": api.provider,
      "/api/admin/handoffs": {
        handoffs: [],
        unread: 0,
        channels: { email: false, emailReplies: false, emailVisitors: false, webhook: false },
      },
      "/api/admin/stats": [],
      "/api/admin/faq/versions": [],
    };
    return path in answers
      ? Response.json(answers[path])
      : Response.json({ error: { code: "not_found", message: path } }, { status: 404 });
  });
}

let root: HTMLElement;
const banner = () => root.querySelector("aside.provider-banner");
const providerReads = () => calls.filter((path) => path === "/api/admin/provider").length;

async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

async function go(hash: string): Promise<void> {
  location.hash = hash;
  await settle();
}

beforeEach(() => {
  Object.assign(api, { provider: FAILING, refuse: false });
  calls.length = 0;
  stubApi();
  session.signIn("operator-token");
  history.replaceState(null, "", "#usage");
  root = document.createElement("div");
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  session.signOut();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("the console", () => {
  it("shows a banner on every page while the provider fails, and drops it once it answers", async () => {
    render(<Console />, root);
    await settle();
    expect(banner()?.textContent).toContain("The AI provider is failing: key rejected");
    expect(banner()?.textContent).toContain("7 chats were answered from the FAQ instead");
    expect(banner()?.querySelector("code")?.textContent).toBe("npx wrangler secret put OPENAI_API_KEY");
    expect(banner()?.textContent).toContain(PROVIDER_ADVICE.key_rejected.replaceAll("`", ""));
    expect(banner()?.querySelector("a")?.getAttribute("href")).toBe("#provider");

    const before = providerReads();
    await go("#versions");
    expect(providerReads()).toBe(before + 1);
    expect(banner()).not.toBeNull();

    api.provider = OK;
    await go("#provider");
    expect(banner()).toBeNull();
    expect(root.querySelector("h1")?.textContent).toBe("Provider");
    expect(root.textContent).toContain("Answering");
  });

  it("reads the provider's state again every minute", async () => {
    vi.useFakeTimers({ toFake: ["setInterval"] });
    api.provider = OK;
    render(<Console />, root);
    await settle();
    expect(banner()).toBeNull();
    api.provider = FAILING;
    await act(async () => {
      vi.advanceTimersByTime(POLL_MS);
    });
    await settle();
    expect(banner()).not.toBeNull();
  });

  it("signs out within a minute once the token is rotated, saying why", async () => {
    vi.useFakeTimers({ toFake: ["setInterval"] });
    render(<Console />, root);
    await settle();
    expect(root.querySelector("nav")).not.toBeNull();

    api.refuse = true;
    await act(async () => {
      vi.advanceTimersByTime(POLL_MS);
    });
    await settle();
    expect(root.querySelector("nav")).toBeNull();
    expect(root.querySelector("input#token")).not.toBeNull();
    expect(root.querySelector("[role=alert]")?.textContent).toContain("the operator token was refused");
    expect(session.token()).toBeNull();
    // Signed out, it stops calling with the old token (which would count as failed sign-ins).
    const made = calls.length;
    await act(async () => {
      vi.advanceTimersByTime(3 * POLL_MS);
    });
    await settle();
    expect(calls.length).toBe(made);
  });
});
