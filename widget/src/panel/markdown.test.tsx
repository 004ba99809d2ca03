import { render } from "preact";
import { afterEach, describe, expect, it } from "vitest";
import { renderMarkdown, safeHref } from "./markdown";

let root: HTMLDivElement | undefined;

/** Renders `source` into a fresh element of the page and returns it. */
function show(source: string): HTMLDivElement {
  root = document.createElement("div");
  document.body.append(root);
  render(<div>{renderMarkdown(source)}</div>, root);
  return root;
}

const links = (element: Element) =>
  [...element.querySelectorAll("a")].map((a) => [a.textContent, a.getAttribute("href")]);

afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  Reflect.deleteProperty(window, "pwned");
});

describe("renderMarkdown: model output is never HTML", () => {
  const vectors = [
    '<img src=x onerror="window.pwned=1">',
    "<script>window.pwned=2</script>",
    '<iframe src="javascript:window.pwned=3"></iframe>',
    '<svg onload="window.pwned=4"></svg>',
    '<a href="https://evil.example">raw anchor</a>',
    '**<b onclick="window.pwned=5">bold</b>**',
    "<style>* { display: none }</style>",
    '<object data="data:text/html,<script>window.pwned=6</script>"></object>',
    "&lt;script&gt; &#x3C;img src=x onerror=window.pwned=7&#x3E;",
  ];

  it.each(vectors)("shows %s as text, creating no element from it", async (vector) => {
    const element = show(`Before ${vector} after`);
    expect(element.querySelectorAll("img, script, iframe, svg, style, object, b, a")).toHaveLength(0);
    expect(element.textContent).toContain(vector.replace(/\*\*/g, ""));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(Reflect.get(window, "pwned")).toBeUndefined();
  });

  it("keeps parentheses that belong to a link's URL", () => {
    expect(links(show("[Coffee](https://en.wikipedia.org/wiki/Coffee_(disambiguation)) (see)"))).toEqual([
      ["Coffee", "https://en.wikipedia.org/wiki/Coffee_(disambiguation)"],
    ]);
  });

  it("keeps only http, https, mailto and tel links", () => {
    const element = show(
      "[a](javascript:window.pwned=1) [b](data:text/html,hi) [c](vbscript:msgbox(1)) [d](JaVaScRiPt:alert(1)) [e](//evil.example) [f](/relative) " +
        "[ok](https://shop.example/help) [mail](mailto:help@shop.example) [call](tel:+15551234)",
    );
    expect(links(element)).toEqual([
      ["ok", "https://shop.example/help"],
      ["mail", "mailto:help@shop.example"],
      ["call", "tel:+15551234"],
    ]);
    expect(element.textContent).toContain("a b c d e f");
  });

  it("opens links in a new tab without an opener or referrer", () => {
    const anchor = show("See https://shop.example/help.").querySelector("a");
    expect(anchor?.getAttribute("href")).toBe("https://shop.example/help");
    expect(anchor?.getAttribute("target")).toBe("_blank");
    expect(anchor?.getAttribute("rel")).toBe("noopener noreferrer");
    expect(anchor?.parentElement?.textContent).toBe("See https://shop.example/help.");
  });

  it("shows where a link really goes when its text names another site", () => {
    const element = show(
      "[https://tidewater.coffee/login](https://evil.example/steal) and [tidewater.coffee](https://www.tidewater.coffee/help)",
    );
    expect(element.textContent).toContain("https://tidewater.coffee/login (evil.example)");
    expect(element.textContent).not.toContain("(www.tidewater.coffee)");
  });
});

describe("renderMarkdown: formatting", () => {
  it("renders paragraphs, bold, italic, code, lists and fenced code", () => {
    const element = show("**Bold** and *soft* `x < y`\n\n- one\n- two\n\n1. first\n2. second\n\n```\n<b>raw</b>\n```");
    expect(element.querySelector("strong")?.textContent).toBe("Bold");
    expect(element.querySelector("em")?.textContent).toBe("soft");
    expect(element.querySelector("p code")?.textContent).toBe("x < y");
    expect([...element.querySelectorAll("ul li")].map((li) => li.textContent)).toEqual(["one", "two"]);
    expect([...element.querySelectorAll("ol li")].map((li) => li.textContent)).toEqual(["first", "second"]);
    expect(element.querySelector("pre code")?.textContent).toBe("<b>raw</b>");
  });

  it("nests inline formatting, and never a link inside a link", () => {
    const element = show(
      "**bold *italic* inside** and [**bold link** with https://inner.example](https://outer.example)",
    );
    expect(element.querySelector("strong em")?.textContent).toBe("italic");
    expect(links(element)).toEqual([["bold link with https://inner.example", "https://outer.example/"]]);
    expect(element.querySelector("a strong")?.textContent).toBe("bold link");
    expect(element.querySelectorAll("a a")).toHaveLength(0);
  });

  it("turns two trailing spaces or a backslash into a line break, and single newlines into spaces", () => {
    const element = show("one  \ntwo\\\nthree\nfour");
    expect(element.querySelectorAll("br")).toHaveLength(2);
    expect(element.textContent).toBe("onetwothree four");
  });

  it("renders a half-streamed answer without losing text", () => {
    const element = show("**unfinished bold and [a link](https://shop.exa");
    expect(element.textContent).toBe("**unfinished bold and [a link](https://shop.exa");
  });

  it("copes with very long and pathological input", () => {
    const long = `${"*a ".repeat(5_000)}${"[".repeat(5_000)}${"_x".repeat(5_000)}${"`".repeat(3_000)}`;
    const element = show(long);
    expect(element.textContent?.length).toBeGreaterThan(20_000);
    const words = show(`${"word ".repeat(20_000)}https://shop.example/end`);
    expect(links(words)).toEqual([["https://shop.example/end", "https://shop.example/end"]]);
  });
});

describe("safeHref", () => {
  it("normalises allowed URLs and refuses everything else", () => {
    expect(safeHref("HTTPS://Shop.Example/a b")).toBe("https://shop.example/a%20b");
    expect(safeHref(" javascript:alert(1)")).toBeUndefined();
    expect(safeHref("relative/path")).toBeUndefined();
    expect(safeHref("ftp://files.example")).toBeUndefined();
  });
});
