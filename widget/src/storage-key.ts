/**
 * The widget's keys in localStorage, scoped per API base so that two widgets (or two deployments)
 * on one site keep apart: `support-chat:v1:<API base>:<name>`. The panel's storage.ts and the
 * handoff record use it; widget.js spells out the one key it reads (the waiting flag), to stay small.
 */
export const storageKey = (apiBase: string, name: string) => `support-chat:v1:${apiBase}:${name}`;
