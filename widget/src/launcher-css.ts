/**
 * The loader's styles, adopted as a constructable stylesheet (no inline <style>, so a strict CSP
 * needs no 'unsafe-inline'). `:host` rules are `!important` because host-page `!important` rules
 * lose to them: the host page cannot move, hide or restyle the widget.
 */
export const LAUNCHER_CSS = `
:host{all:initial!important;display:block!important;position:fixed!important;inset:auto!important;width:0!important;height:0!important;margin:0!important;padding:0!important;border:0!important;z-index:var(--sc-z,2147483000)!important;visibility:visible!important;opacity:1!important;transform:none!important;filter:none!important}
.launcher{all:initial;position:fixed;bottom:max(20px,env(safe-area-inset-bottom));right:max(20px,env(safe-area-inset-right));width:56px;height:56px;border-radius:50%;display:flex;align-items:center;justify-content:center;cursor:pointer;background:var(--sc-color,#2563eb);color:var(--sc-on-color,#fff);box-shadow:0 4px 14px rgba(0,0,0,.25);transition:transform .15s ease}
.launcher.left{right:auto;left:max(20px,env(safe-area-inset-left))}
.launcher:hover{transform:scale(1.06)}
.launcher:focus-visible{outline:3px solid var(--sc-color,#2563eb);outline-offset:3px}
.launcher svg{display:block;width:28px;height:28px}
@media (prefers-reduced-motion:reduce){.launcher{transition:none}.launcher:hover{transform:none}}
`;
