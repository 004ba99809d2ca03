/**
 * What the loader (widget.js) hands the panel chunk, and what the panel gives back. Types only:
 * the two are built separately, so neither bundles the other's code.
 */
export type Theme = "light" | "dark" | "auto";
export type Position = "right" | "left";
export type Language = "en" | "es" | "de";

/** The widget's options, read from the script tag's data attributes (CONTRACT §2). */
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

export type WidgetEventName = "open" | "close" | "message" | "error";

export interface WidgetEventMap {
  open: undefined;
  close: undefined;
  message: { role: "user" | "assistant"; content: string };
  error: { code: string; message: string };
}

export type Emit = <K extends WidgetEventName>(event: K, detail: WidgetEventMap[K]) => void;

export interface PanelContext {
  shadow: ShadowRoot;
  launcher: HTMLButtonElement;
  options: WidgetOptions;
  emit: Emit;
}

/** The panel chunk's controls, used by the loader and `window.SupportChat`. */
export interface PanelHandle {
  open(): void;
  close(): void;
  toggle(): void;
  send(text: string): Promise<void>;
  reset(): void;
  destroy(): void;
}

export interface PanelModule {
  mountPanel(context: PanelContext): PanelHandle;
}
