/**
 * widget.js — the loader a site owner embeds with one script tag (docs/embed.md). It reads the tag,
 * creates `<support-chat>` with an open shadow root, draws the launcher, and installs
 * `window.SupportChat`. Everything else (the chat panel) is a second script, fetched when the
 * visitor hovers, focuses or opens the launcher. No API call, cookie or layout shift before that,
 * except for a visitor waiting on a reply from the team (panel/handoff/replies.ts).
 */

import { LANGUAGES } from "../../worker/src/protocol/limits";
import type { SupportChat } from "../types/support-chat";
import type {
  Emit,
  Language,
  PanelHandle,
  PanelModule,
  WidgetEventMap,
  WidgetEventName,
  WidgetOptions,
} from "./contract";
import { LAUNCHER_CSS } from "./launcher-css";

/** The panel chunk of each language, content-hashed; injected by the build. */
declare const __PANEL_FILES__: Record<Language, string>;

type Handler = (detail: never) => void;

const LABELS: Record<Language, string> = {
  en: "Open support chat",
  es: "Abrir el chat de soporte",
  de: "Support-Chat öffnen",
};

const ICON =
  '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 3C6.5 3 2 6.9 2 11.7c0 2.4 1.1 4.6 3 6.2L4.3 21l3.9-1.8c1.2.4 2.5.6 3.8.6 5.5 0 10-3.9 10-8.7S17.5 3 12 3z"/></svg>';

const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;

function readOptions(tag: HTMLScriptElement | null): WidgetOptions {
  const data = tag?.dataset ?? {};
  const src = tag?.src ? new URL(tag.src, location.href) : new URL(location.href);
  const pick = <T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined =>
    allowed.find((item) => item === value);
  const options: WidgetOptions = {
    api: (data.api || src.origin).replace(/\/+$/, ""),
    open: data.open === "true",
    lang: language(data.lang),
    theme: pick(data.theme, ["light", "dark", "auto"] as const) ?? "auto",
    zIndex: Number.parseInt(data.zIndex ?? "", 10) || 2147483000,
  };
  const position = pick(data.position, ["right", "left"] as const);
  if (position) options.position = position;
  if (data.title) options.title = data.title;
  if (data.greeting) options.greeting = data.greeting;
  if (data.color) options.color = data.color;
  return options;
}

/** `data-lang`, else the page's language, else the browser's; English when unsupported. */
function language(attribute: string | undefined): Language {
  for (const tag of [attribute, document.documentElement.lang, ...navigator.languages]) {
    const code = LANGUAGES.find((known) => known === tag?.slice(0, 2).toLowerCase());
    if (code) return code;
  }
  return "en";
}

function boot(options: WidgetOptions, panelUrl: string): void {
  const listeners = new Map<WidgetEventName, Set<Handler>>();
  const emit: Emit = (event, detail) => {
    for (const handler of listeners.get(event) ?? []) (handler as (d: typeof detail) => void)(detail);
  };

  const host = document.createElement("support-chat");
  host.style.setProperty("--sc-z", String(options.zIndex));
  const shadow = host.attachShadow({ mode: "open" });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(LAUNCHER_CSS);
  shadow.adoptedStyleSheets = [sheet];

  const launcher = document.createElement("button");
  launcher.type = "button";
  launcher.className = `launcher ${options.position ?? "right"}`;
  launcher.setAttribute("aria-label", LABELS[options.lang]);
  launcher.setAttribute("aria-expanded", "false");
  launcher.innerHTML = ICON;
  if (options.color) launcher.style.setProperty("--sc-color", options.color);
  shadow.append(launcher);

  let waiting = false;
  try {
    // The flag the handoff chunk keeps while someone waits (panel/handoff/record.ts), by its key.
    waiting = !!localStorage.getItem(`support-chat:v1:${options.api}:waiting`);
  } catch {
    // No storage: nobody can be waiting.
  }
  let panel: Promise<PanelHandle> | undefined;
  const load = (): Promise<PanelHandle> => {
    panel ??= (import(/* @vite-ignore */ panelUrl) as Promise<PanelModule>).then((module) =>
      module.mountPanel({ shadow, launcher, options, emit, waiting }),
    );
    return panel;
  };
  const withPanel = (action: (handle: PanelHandle) => void) => () => {
    load().then(action, (error: unknown) => emit("error", { code: "load_failed", message: String(error) }));
  };

  const preload = () => void load().catch(() => undefined);
  // A visitor waiting on the team: the panel loads now, and checks for replies to badge the launcher.
  if (waiting) preload();
  launcher.addEventListener("pointerenter", preload, { once: true });
  launcher.addEventListener("focus", preload, { once: true });
  launcher.addEventListener(
    "click",
    withPanel((handle) => handle.toggle()),
  );

  const api: SupportChat = {
    open: withPanel((handle) => handle.open()),
    close: withPanel((handle) => handle.close()),
    toggle: withPanel((handle) => handle.toggle()),
    reset: withPanel((handle) => handle.reset()),
    send: (text: string) => load().then((handle) => handle.send(text)),
    on<K extends WidgetEventName>(event: K, handler: (detail: WidgetEventMap[K]) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      set.add(handler as Handler);
      listeners.set(event, set);
      return () => set.delete(handler as Handler);
    },
    destroy(): void {
      panel?.then(
        (handle) => handle.destroy(),
        () => undefined,
      );
      listeners.clear();
      host.remove();
      if (window.SupportChat === api) delete window.SupportChat;
    },
  };
  window.SupportChat = api;
  document.body.append(host);
  if (options.open) api.open();
  window.dispatchEvent(new Event("support-chat:ready"));
}

if (!window.SupportChat) {
  const options = readOptions(script);
  const panelUrl = new URL(__PANEL_FILES__[options.lang], script?.src || location.href).href;
  if (document.body) boot(options, panelUrl);
  else document.addEventListener("DOMContentLoaded", () => boot(options, panelUrl), { once: true });
}
