/** The operator's token lives in sessionStorage for this tab only: never in the URL, gone when the tab closes. */
const KEY = "support-chat:admin-token";

export const session = {
  token: (): string | null => sessionStorage.getItem(KEY),
  signIn: (token: string) => sessionStorage.setItem(KEY, token),
  signOut: () => sessionStorage.removeItem(KEY),
};
