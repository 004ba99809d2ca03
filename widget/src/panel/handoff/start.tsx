/**
 * The handoff chunk's entry, loaded by the panel when the visitor first asks for a person (or,
 * for a visitor waiting on the team, when the panel loads): the watch for the team's replies,
 * and the form, in this chunk's language, shown in the panel in place of the conversation.
 */
import { render } from "preact";
import type { Language } from "../../contract";
import type { HandoffContext } from "./context";
import { HandoffForm } from "./HandoffForm";
import HANDOFF_CSS from "./handoff.css?inline";
import { watchReplies } from "./replies";
import { DE, EN, ES } from "./strings";

/** The language of this chunk, as of the panel that loads it (widget/build.ts). */
declare const __PANEL_LANG__: Language;

/** Starts watching for replies; returns what opens the form. */
export function startHandoff(context: HandoffContext): () => void {
  const strings = __PANEL_LANG__ === "es" ? ES : __PANEL_LANG__ === "de" ? DE : EN;
  const { shadow } = context;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(HANDOFF_CSS);
  shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
  watchReplies(context, strings);

  // The form goes last in the panel, which hides the conversation and the composer meanwhile.
  const slot = document.createElement("div");
  slot.className = "handoff-slot";
  const close = () => {
    render(null, slot);
    slot.remove();
    shadow.querySelector(".root")?.classList.remove("handoff-open");
    shadow.querySelector<HTMLElement>(".talk")?.focus();
  };
  return () => {
    if (slot.isConnected) return;
    shadow.querySelector(".panel")?.append(slot);
    shadow.querySelector(".root")?.classList.add("handoff-open");
    render(<HandoffForm context={context} strings={strings} lang={__PANEL_LANG__} onClose={close} />, slot);
  };
}
