/** What the handoff chunk gets from the panel that loads it (mount.tsx). */
import type { WidgetConfig } from "../../../../worker/src/protocol";
import type { PanelContext } from "../../contract";
import type { ChatController } from "../chat-controller";
import type { WidgetStorage } from "../storage";
import type { ViewState } from "../view-state";

/** The panel's own context (the shadow root, for the chunk's stylesheet; the launcher, for its badge), and more. */
export interface HandoffContext extends PanelContext {
  storage: WidgetStorage;
  chat: ChatController;
  view: ViewState;
  /** The operator's settings as last fetched: office hours and reply time. */
  config: () => WidgetConfig;
}
