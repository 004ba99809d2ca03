/**
 * What the loader (widget.js) hands the panel chunk, and what the panel gives back. Types only:
 * the two are built separately, so neither bundles the other's code. The public API's types are
 * the ones shipped to site owners, in types/support-chat.d.ts.
 */
import type { WidgetConfig } from "../../worker/src/protocol";
import type { Language } from "../../worker/src/protocol/limits";
import type { SupportChat, SupportChatEvents } from "../types/support-chat";

export type Theme = "light" | "dark" | "auto";
export type Position = WidgetConfig["position"];
export type { Language };

/** The widget's options, read from the script tag's data attributes (docs/embed.md). */
export interface WidgetOptions {
  /** API base URL: `data-api`, else the origin of the script's own `src`. */
  api: string;
  title?: string;
  greeting?: string;
  color?: string;
  position?: Position;
  open: boolean;
  lang: Language;
  theme: Theme;
  zIndex: number;
}

export type WidgetEventMap = SupportChatEvents;
export type WidgetEventName = keyof WidgetEventMap;

export type Emit = <K extends WidgetEventName>(event: K, detail: WidgetEventMap[K]) => void;

export interface PanelContext {
  shadow: ShadowRoot;
  launcher: HTMLButtonElement;
  options: WidgetOptions;
  emit: Emit;
  /** The visitor waits on a reply from the team (panel/handoff/record.ts): the panel watches for it. */
  waiting: boolean;
}

/** The panel chunk's controls behind `window.SupportChat` (events and listeners stay in the loader). */
export type PanelHandle = Pick<SupportChat, "open" | "close" | "toggle" | "send" | "reset" | "destroy">;

export interface PanelModule {
  mountPanel(context: PanelContext): PanelHandle;
}
