/**
 * The operator console: sign in with the token, then the FAQ (edit, try, publish), its versions,
 * insights (what visitors asked and how they rated it), the inbox of requests to talk to a person,
 * the widget's settings, and usage. Pages are addressed by the URL hash (#faq, #versions, …;
 * one request of the inbox at #inbox/<id>).
 */
import { Component } from "preact";
import { AdminError, adminApi } from "./admin-api";
import { FaqPage } from "./pages/FaqPage";
import { InboxPage } from "./pages/InboxPage";
import { InsightsPage } from "./pages/InsightsPage";
import { SettingsPage } from "./pages/SettingsPage";
import { UsagePage } from "./pages/UsagePage";
import { VersionsPage } from "./pages/VersionsPage";
import { session } from "./session";

const PAGES = {
  faq: "FAQ",
  versions: "Versions",
  insights: "Insights",
  inbox: "Inbox",
  settings: "Settings",
  usage: "Usage",
} as const;
type Page = keyof typeof PAGES;

/** The page the URL names, and what it points at within the page (`#inbox/<id>`). */
function currentPage(): { page: Page; item: string | null } {
  const [hash = "", item] = location.hash.slice(1).split("/");
  return { page: hash in PAGES ? (hash as Page) : "faq", item: item || null };
}

/** How often the navigation's count of unread requests is refreshed. */
const UNREAD_POLL_MS = 60_000;

interface State {
  signedIn: boolean;
  page: Page;
  item: string | null;
  /** Requests to talk to a person with unread messages. */
  unread: number;
  error: string;
}

export class Console extends Component<object, State> {
  override state: State = { signedIn: session.token() !== null, ...currentPage(), unread: 0, error: "" };
  readonly #onHash = () => this.setState(currentPage());
  #timer: ReturnType<typeof setInterval> | undefined;

  override componentDidMount(): void {
    window.addEventListener("hashchange", this.#onHash);
    this.#timer = setInterval(() => void this.#countUnread(), UNREAD_POLL_MS);
    void this.#countUnread();
  }

  override componentWillUnmount(): void {
    window.removeEventListener("hashchange", this.#onHash);
    clearInterval(this.#timer);
  }

  async #countUnread(): Promise<void> {
    if (session.token() === null) return;
    try {
      this.setState({ unread: (await adminApi.handoffs()).unread });
    } catch {
      // The pages say what is wrong; the count waits for the next round.
    }
  }

  signIn = async (event: Event): Promise<void> => {
    event.preventDefault();
    const token = new FormData(event.currentTarget as HTMLFormElement).get("token")?.toString().trim() ?? "";
    session.signIn(token);
    try {
      await adminApi.faq();
      this.setState({ signedIn: true, error: "" });
      void this.#countUnread();
    } catch (err) {
      session.signOut();
      this.setState({ error: err instanceof AdminError ? err.message : "The console could not reach the Worker." });
    }
  };

  signOut = (): void => {
    session.signOut();
    this.setState({ signedIn: false });
  };

  override render() {
    const { signedIn, page, item, unread, error } = this.state;
    if (!signedIn) {
      return (
        <main class="sign-in">
          <h1>Support Chat console</h1>
          <form onSubmit={this.signIn}>
            <label for="token">Operator token</label>
            <input id="token" name="token" type="password" autocomplete="current-password" required />
            <button type="submit">Sign in</button>
            {error && (
              <p role="alert" class="error">
                {error}
              </p>
            )}
          </form>
          <p class="muted">The token is the Worker's ADMIN_TOKEN secret. It is kept for this tab only.</p>
        </main>
      );
    }
    return (
      <>
        <header class="top">
          <p class="brand">Support Chat</p>
          <nav aria-label="Console">
            {Object.entries(PAGES).map(([id, label]) => (
              <a
                key={id}
                href={`#${id}`}
                aria-current={page === id ? "page" : undefined}
                aria-label={id === "inbox" && unread > 0 ? `${label}, ${unread} unread` : undefined}
              >
                {label}
                {id === "inbox" && unread > 0 && <span class="count">{unread}</span>}
              </a>
            ))}
          </nav>
          <button type="button" class="quiet" onClick={this.signOut}>
            Sign out
          </button>
        </header>
        <main>
          {page === "faq" && <FaqPage onUnauthorized={this.signOut} />}
          {page === "versions" && <VersionsPage onUnauthorized={this.signOut} />}
          {page === "insights" && <InsightsPage onUnauthorized={this.signOut} />}
          {page === "inbox" && (
            <InboxPage
              selected={item}
              onUnauthorized={this.signOut}
              onUnread={(count) => this.setState({ unread: count })}
            />
          )}
          {page === "settings" && <SettingsPage onUnauthorized={this.signOut} />}
          {page === "usage" && <UsagePage onUnauthorized={this.signOut} />}
        </main>
      </>
    );
  }
}
