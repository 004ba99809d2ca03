/**
 * The panel chunk's entry: mounts the chat panel into the widget's shadow root, next to the
 * launcher that widget.js drew, and returns the controls behind `window.SupportChat`.
 */
import { render } from "preact";
import type { WidgetConfig } from "../../../worker/src/protocol";
import type { Language, PanelContext, PanelHandle } from "../contract";
import { App } from "./App";
import { chatTransport, feedbackSender, fetchConfig } from "./api";
import { ChatController } from "./chat-controller";
import { readableOn } from "./color";
import type * as HandoffModule from "./handoff/start";
import { DE, EN, ES } from "./i18n";
import { WidgetStorage } from "./storage";
import PANEL_CSS from "./styles.css?inline";
import { ViewState } from "./view-state";

/** The language this panel chunk was built for (widget/build.ts): the other languages' words are left out. */
declare const __PANEL_LANG__: Language;
/** The handoff chunk of the same language, beside this one (widget/build.ts). */
declare const __HANDOFF_FILE__: string;

export function mountPanel(context: PanelContext): PanelHandle {
  const { shadow, launcher, options, emit } = context;
  const strings = __PANEL_LANG__ === "es" ? ES : __PANEL_LANG__ === "de" ? DE : EN;
  const storage = new WidgetStorage(options.api);
  const visitorId = () => storage.visitorId();
  const chat = new ChatController(
    storage,
    chatTransport(options.api, visitorId),
    emit,
    feedbackSender(options.api, visitorId),
  );
  const view = new ViewState((open) => {
    launcher.setAttribute("aria-expanded", String(open));
    emit(open ? "open" : "close", undefined);
  });

  const sheet = new CSSStyleSheet();
  sheet.replaceSync(PANEL_CSS);
  shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
  const root = document.createElement("div");
  root.className = `root theme-${options.theme}`;
  shadow.append(root);

  const defaults: WidgetConfig = {
    title: strings.title,
    greeting: strings.greeting,
    suggestions: [],
    color: "#2563eb",
    position: "right",
    contactUrl: null,
  };
  let config: WidgetConfig = { ...defaults, ...storage.cachedConfig() };

  /** The form to reach the team and the watch for its replies: a chunk of its own, loaded once. */
  let handoff: Promise<() => void> | undefined;
  const loadHandoff = () =>
    (handoff ??= (import(/* @vite-ignore */ __HANDOFF_FILE__) as Promise<typeof HandoffModule>).then((module) =>
      module.startHandoff({ ...context, storage, chat, view, config: () => config }),
    ));
  // Someone waiting on the team: the chunk badges the launcher and reads the replies.
  if (context.waiting) void loadHandoff().catch(() => undefined);

  /** The operator's settings, overridden by the script tag's attributes (docs/embed.md). */
  const draw = () => {
    const effective: WidgetConfig = {
      ...config,
      ...(options.title ? { title: options.title } : {}),
      ...(options.greeting ? { greeting: options.greeting } : {}),
      ...(options.color ? { color: options.color } : {}),
      ...(options.position ? { position: options.position } : {}),
    };
    for (const element of [root, launcher]) {
      element.classList.toggle("left", effective.position === "left");
      element.style.setProperty("--sc-color", effective.color);
    }
    const onColor = readableOn(launcher);
    for (const element of [root, launcher]) element.style.setProperty("--sc-on-color", onColor);
    render(
      <App
        chat={chat}
        view={view}
        config={effective}
        strings={strings}
        onClosed={() => launcher.focus()}
        handoff={() =>
          void loadHandoff().then(
            (open) => open(),
            () => undefined,
          )
        }
      />,
      root,
    );
  };
  draw();

  let configLoaded = false;
  const loadConfig = () => {
    if (configLoaded) return;
    configLoaded = true;
    void fetchConfig(options.api).then((fresh) => {
      if (!fresh) return;
      storage.cacheConfig(fresh);
      config = fresh;
      draw();
    });
  };
  const unsubscribe = view.subscribe((open) => open && loadConfig());

  const onStorage = (event: StorageEvent) => {
    if (event.key === storage.conversationKey) chat.syncFromStorage();
  };
  window.addEventListener("storage", onStorage);
  const fitViewport = () => {
    const viewport = window.visualViewport;
    if (!viewport) return;
    root.style.setProperty("--sc-vh", `${viewport.height}px`);
    root.style.setProperty("--sc-vtop", `${viewport.offsetTop}px`);
  };
  window.visualViewport?.addEventListener("resize", fitViewport);
  window.visualViewport?.addEventListener("scroll", fitViewport);
  fitViewport();

  return {
    open: () => view.setOpen(true),
    close: () => view.setOpen(false),
    toggle: () => view.setOpen(!view.open),
    async send(text: string) {
      view.setOpen(true);
      await chat.send(text);
    },
    reset: () => chat.reset(),
    destroy() {
      chat.stop();
      unsubscribe();
      window.removeEventListener("storage", onStorage);
      window.visualViewport?.removeEventListener("resize", fitViewport);
      window.visualViewport?.removeEventListener("scroll", fitViewport);
      render(null, root);
    },
  };
}
