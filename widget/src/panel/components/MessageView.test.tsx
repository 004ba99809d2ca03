import { render } from "preact";
import { afterEach, describe, expect, it } from "vitest";
import { EN } from "../i18n";
import type { StoredMessage } from "../storage";
import { MessageView } from "./MessageView";

let root: HTMLDivElement | undefined;

function show(message: Partial<StoredMessage>): HTMLDivElement {
  root = document.createElement("div");
  document.body.append(root);
  render(
    <MessageView message={{ id: "1", role: "assistant", content: "Yes.", at: 1, ...message }} strings={EN} />,
    root,
  );
  return root;
}

afterEach(() => {
  if (root) render(null, root);
  root?.remove();
});

describe("an answer's sources", () => {
  it("show under the answer as links that open in a new tab, or as plain titles without a URL", () => {
    const element = show({
      sources: [{ title: "How do I pay?", url: "https://help.shop.example/pay" }, { title: "Do you ship abroad?" }],
    });
    const line = [...element.querySelectorAll(".source")].find((p) => p.textContent?.startsWith("Sources"));
    expect(line?.textContent).toBe("Sources: How do I pay?, Do you ship abroad?");
    const links = [...(line?.querySelectorAll("a") ?? [])];
    expect(links.map((a) => [a.textContent, a.href, a.target, a.rel])).toEqual([
      ["How do I pay?", "https://help.shop.example/pay", "_blank", "noopener noreferrer"],
    ]);
  });

  it("never link a URL with an unsafe scheme", () => {
    const element = show({ sources: [{ title: "Click", url: "javascript:alert(1)" }] });
    expect(element.querySelector("a")).toBeNull();
    expect(element.textContent).toContain("Sources: Click");
  });

  it("are not shown when there are none", () => {
    expect(show({ sources: [] }).textContent).not.toContain("Sources");
    expect(show({}).textContent).not.toContain("Sources");
  });
});
