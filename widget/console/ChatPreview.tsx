/**
 * The widget's own chat panel, embedded in the console: in a shadow root with the widget's
 * stylesheet, laid out inline instead of floating. Used to try a draft FAQ and to preview settings.
 */
import { Component, createRef, render } from "preact";
import type { WidgetConfig } from "../../worker/src/protocol";
import { App } from "../src/panel/App";
import type { Transport } from "../src/panel/api";
import { ChatController } from "../src/panel/chat-controller";
import { readableOn } from "../src/panel/color";
import { EN } from "../src/panel/i18n";
import { WidgetStorage } from "../src/panel/storage";
import PANEL_CSS from "../src/panel/styles.css?inline";
import { ViewState } from "../src/panel/view-state";

const INLINE = ".panel{position:static;width:100%;height:100%;animation:none;box-shadow:none}";

interface Props {
  config: WidgetConfig;
  transport: Transport;
  /** Keeps this preview's conversation apart from others in localStorage. */
  name: string;
}

export class ChatPreview extends Component<Props> {
  readonly #host = createRef<HTMLDivElement>();
  #root: HTMLDivElement | undefined;
  #chat: ChatController | undefined;
  readonly #view = new ViewState(() => {}, true);

  override componentDidMount(): void {
    const host = this.#host.current;
    if (!host) return;
    const shadow = host.attachShadow({ mode: "open" });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(PANEL_CSS + INLINE);
    shadow.adoptedStyleSheets = [sheet];
    this.#root = document.createElement("div");
    this.#root.className = "root theme-light";
    this.#root.style.height = "100%";
    shadow.append(this.#root);
    this.#chat = new ChatController(
      new WidgetStorage(`${location.origin}/admin:${this.props.name}`),
      this.props.transport,
      () => {},
    );
    this.#draw();
  }

  override componentDidUpdate(): void {
    this.#draw();
  }

  override componentWillUnmount(): void {
    this.#chat?.stop();
    if (this.#root) render(null, this.#root);
  }

  #draw(): void {
    const root = this.#root;
    if (!root || !this.#chat) return;
    root.style.setProperty("--sc-color", this.props.config.color);
    root.style.setProperty("--sc-on-color", "#fff");
    render(<App chat={this.#chat} view={this.#view} config={this.props.config} strings={EN} embedded />, root);
    const header = root.querySelector(".head");
    if (header) root.style.setProperty("--sc-on-color", readableOn(header));
  }

  override render() {
    return <div ref={this.#host} class="chat-preview" />;
  }
}
