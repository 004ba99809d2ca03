/**
 * The operator's token lives in sessionStorage for this tab only: never in the URL, gone when the
 * tab closes. A token the Worker refuses (it was rotated, say) ends the session wherever that is
 * noticed: `onEnd` listeners (the console) send the operator back to sign in.
 */
const KEY = "support-chat:admin-token";
const listeners = new Set<() => void>();

export const session = {
  token: (): string | null => sessionStorage.getItem(KEY),
  signIn: (token: string) => sessionStorage.setItem(KEY, token),
  signOut: () => sessionStorage.removeItem(KEY),
  /** The Worker refused the token: forget it and tell whoever listens. */
  refused: () => {
    sessionStorage.removeItem(KEY);
    for (const listener of listeners) listener();
  },
  /** Calls `listener` whenever the token is refused; returns the unsubscribe. */
  onRefused: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
