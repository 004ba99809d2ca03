/**
 * The operator console: sign in with the token, then the FAQ (edit, try, publish), its versions,
 * insights (what visitors asked and how they rated it), the widget's settings, and usage. Pages are
 * addressed by the URL hash (#faq, #versions, …).
 */
import { Component } from "preact";
import { AdminError, adminApi } from "./admin-api";
import { FaqPage } from "./pages/FaqPage";
import { InsightsPage } from "./pages/InsightsPage";
import { SettingsPage } from "./pages/SettingsPage";
import { UsagePage } from "./pages/UsagePage";
import { VersionsPage } from "./pages/VersionsPage";
import { session } from "./session";

const PAGES = {
  faq: "FAQ",
  versions: "Versions",
  insights: "Insights",
  settings: "Settings",
  usage: "Usage",
} as const;
type Page = keyof typeof PAGES;

function currentPage(): Page {
  const hash = location.hash.slice(1);
  return hash in PAGES ? (hash as Page) : "faq";
}

interface State {
  signedIn: boolean;
  page: Page;
  error: string;
}

export class Console extends Component<object, State> {
  override state: State = { signedIn: session.token() !== null, page: currentPage(), error: "" };
  readonly #onHash = () => this.setState({ page: currentPage() });

  override componentDidMount(): void {
    window.addEventListener("hashchange", this.#onHash);
  }

  override componentWillUnmount(): void {
    window.removeEventListener("hashchange", this.#onHash);
  }

  signIn = async (event: Event): Promise<void> => {
    event.preventDefault();
    const token = new FormData(event.currentTarget as HTMLFormElement).get("token")?.toString().trim() ?? "";
    session.signIn(token);
    try {
      await adminApi.faq();
      this.setState({ signedIn: true, error: "" });
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
    const { signedIn, page, error } = this.state;
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
              <a key={id} href={`#${id}`} aria-current={page === id ? "page" : undefined}>
                {label}
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
          {page === "settings" && <SettingsPage onUnauthorized={this.signOut} />}
          {page === "usage" && <UsagePage onUnauthorized={this.signOut} />}
        </main>
      </>
    );
  }
}
