/**
 * The operator console: sign in with the token, then the FAQ (edit, try, publish), its versions,
 * insights (what visitors asked and how they rated it), the inbox of requests to talk to a person,
 * the widget's settings, usage, and the model provider's health. Pages are addressed by the URL
 * hash (#faq, #versions, …; one request of the inbox at #inbox/<id>). While the provider fails, a
 * banner says so above every page; a token the Worker refuses (rotated) signs the console out.
 */
import { Component } from "preact";
import type { ProviderStatus } from "../../worker/src/protocol";
import { AdminError, adminApi } from "./admin-api";
import { FaqPage } from "./pages/FaqPage";
import { InboxPage } from "./pages/InboxPage";
import { InsightsPage } from "./pages/InsightsPage";
import { ProviderPage } from "./pages/ProviderPage";
import { SettingsPage } from "./pages/SettingsPage";
import { UsagePage } from "./pages/UsagePage";
import { VersionsPage } from "./pages/VersionsPage";
import { ProviderBanner } from "./provider/ProviderBanner";
import { session } from "./session";

const PAGES = {
  faq: "FAQ",
  versions: "Versions",
  insights: "Insights",
  inbox: "Inbox",
  settings: "Settings",
  usage: "Usage",
  provider: "Provider",
} as const;
type Page = keyof typeof PAGES;

/** The page the URL names, and what it points at within the page (`#inbox/<id>`). */
function currentPage(): { page: Page; item: string | null } {
  const [hash = "", item] = location.hash.slice(1).split("/");
  return { page: hash in PAGES ? (hash as Page) : "faq", item: item || null };
}

/**
 * How often the navigation's count of unread requests and the provider's state are refreshed:
 * also how soon an open console notices that its token was rotated.
 */
export const POLL_MS = 60_000;

interface State {
  signedIn: boolean;
  page: Page;
  item: string | null;
  /** Requests to talk to a person with unread messages. */
  unread: number;
  /** The model provider's health, for the banner and the Provider page (undefined until read). */
  provider: ProviderStatus | undefined;
  error: string;
}

export class Console extends Component<object, State> {
  override state: State = {
    signedIn: session.token() !== null,
    ...currentPage(),
    unread: 0,
    provider: undefined,
    error: "",
  };
  readonly #onHash = () => {
    this.setState(currentPage());
    void this.#readProvider();
  };
  #timer: ReturnType<typeof setInterval> | undefined;
  #stopListening: (() => void) | undefined;

  override componentDidMount(): void {
    window.addEventListener("hashchange", this.#onHash);
    this.#stopListening = session.onRefused(this.#refused);
    this.#timer = setInterval(() => void this.#poll(), POLL_MS);
    void this.#poll();
  }

  override componentWillUnmount(): void {
    window.removeEventListener("hashchange", this.#onHash);
    this.#stopListening?.();
    clearInterval(this.#timer);
  }

  /** Any call found the token refused: back to signing in, saying why. */
  readonly #refused = () => {
    if (!this.state.signedIn) return;
    this.setState({
      signedIn: false,
      provider: undefined,
      error:
        "You were signed out: the operator token was refused (it may have been rotated). Sign in with the current one.",
    });
  };

  async #poll(): Promise<void> {
    await Promise.all([this.#countUnread(), this.#readProvider()]);
  }

  async #countUnread(): Promise<void> {
    if (session.token() === null) return;
    try {
      this.setState({ unread: (await adminApi.handoffs()).unread });
    } catch {
      // The pages say what is wrong (a refused token signs out by itself); the count waits for the next round.
    }
  }

  readonly #readProvider = async (): Promise<void> => {
    if (session.token() === null) return;
    try {
      this.setState({ provider: await adminApi.provider() });
    } catch {
      // As for the count: the banner keeps what it knew until the next round.
    }
  };

  signIn = async (event: Event): Promise<void> => {
    event.preventDefault();
    const token = new FormData(event.currentTarget as HTMLFormElement).get("token")?.toString().trim() ?? "";
    session.signIn(token);
    try {
      await adminApi.faq();
      this.setState({ signedIn: true, error: "" });
      void this.#poll();
    } catch (err) {
      session.signOut();
      this.setState({ error: err instanceof AdminError ? err.message : "The console could not reach the Worker." });
    }
  };

  signOut = (): void => {
    session.signOut();
    this.setState({ signedIn: false, provider: undefined });
  };

  override render() {
    const { signedIn, page, item, unread, provider, error } = this.state;
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
        <ProviderBanner status={provider} />
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
          {page === "provider" && (
            <ProviderPage status={provider} onChanged={this.#readProvider} onUnauthorized={this.signOut} />
          )}
        </main>
      </>
    );
  }
}
