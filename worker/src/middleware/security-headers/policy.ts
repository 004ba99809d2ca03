/**
 * The security headers, as data: applied to API answers by security-headers.ts, and written into
 * the static assets' `_headers` for the console by the build. (widget.js deliberately has no
 * Cross-Origin-Resource-Policy, so any site can load it.)
 */
export const API_SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
} as const;

/** The console's page: only its own scripts, styles and API; never framed. */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
