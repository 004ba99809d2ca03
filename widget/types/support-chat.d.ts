/**
 * Types of the Support Chat widget's JS API, `window.SupportChat` (docs/embed.md). The API is
 * ready when `window` receives the `support-chat:ready` event:
 *
 *   window.addEventListener("support-chat:ready", () => window.SupportChat?.open());
 */
export interface SupportChatEvents {
  /** The panel opened. */
  open: undefined;
  /** The panel closed. */
  close: undefined;
  /** An answer completed. */
  message: { role: "user" | "assistant"; content: string };
  /** A request failed; `code` is the API's error code (e.g. `rate_limited`) or `offline`. */
  error: { code: string; message: string };
}

export interface SupportChat {
  /** Opens the chat panel. */
  open(): void;
  /** Closes the chat panel. */
  close(): void;
  /** Opens the panel if closed, closes it if open. */
  toggle(): void;
  /** Sends `text` as the visitor; resolves when the answer is complete, rejects if it fails. */
  send(text: string): Promise<void>;
  /** Starts a new conversation. */
  reset(): void;
  /** Removes the widget and its listeners (for single-page apps); load widget.js again to restore it. */
  destroy(): void;
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof SupportChatEvents>(event: K, handler: (detail: SupportChatEvents[K]) => void): () => void;
}

declare global {
  interface Window {
    SupportChat?: SupportChat;
  }
  interface WindowEventMap {
    "support-chat:ready": Event;
  }
}
