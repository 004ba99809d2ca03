import { describe, expect, it } from "vitest";
import { contactFromPreamble, parseFaq } from "./parse-faq";

describe("parseFaq", () => {
  it("splits the preamble from the ## entries, across line ending styles", () => {
    const faq =
      "Be kind.\r\nEscalate refunds.\r\n\r\n## How do I pay?\r\nBy card.\r\n\r\n## Do you ship? ##\nYes.\n### Details\nSoon.\n";
    expect(parseFaq(faq)).toEqual({
      preamble: "Be kind.\nEscalate refunds.",
      entries: [
        { question: "How do I pay?", answer: "By card." },
        { question: "Do you ship?", answer: "Yes.\n### Details\nSoon." },
      ],
    });
  });

  it("drops headings without an answer and reads an FAQ without preamble", () => {
    expect(parseFaq("## Empty?\n\n## Real?\nAnswer")).toEqual({
      preamble: "",
      entries: [{ question: "Real?", answer: "Answer" }],
    });
  });
});

describe("contactFromPreamble", () => {
  it("finds the first email address or link", () => {
    expect(contactFromPreamble("Write to help@shop.example or see https://shop.example/help.")).toBe(
      "mailto:help@shop.example",
    );
    expect(contactFromPreamble("See https://shop.example/help, or mail help@shop.example.")).toBe(
      "https://shop.example/help",
    );
    expect(contactFromPreamble("Be kind.")).toBeNull();
  });
});

describe("Source lines", () => {
  it("take an entry's help-centre page out of its answer", () => {
    const faq =
      "## How do I pay?\nBy card.\n\nSource: https://help.shop.example/pay\n\n## Do you ship?\nsource: <https://help.shop.example/ship>\nYes.";
    expect(parseFaq(faq).entries).toEqual([
      { question: "How do I pay?", answer: "By card.", url: "https://help.shop.example/pay" },
      { question: "Do you ship?", answer: "Yes.", url: "https://help.shop.example/ship" },
    ]);
  });

  it("keep a Source line that is not a web address, or a second one, as text", () => {
    const faq = "## Pay?\nSource: our accountant\nSource: https://a.example/1\nSource: https://a.example/2";
    expect(parseFaq(faq).entries).toEqual([
      { question: "Pay?", answer: "Source: our accountant\nSource: https://a.example/2", url: "https://a.example/1" },
    ]);
  });

  it("leave an entry whose only line is its Source out, like any entry without an answer", () => {
    expect(parseFaq("## Empty?\nSource: https://a.example/1\n## Real?\nYes").entries).toEqual([
      { question: "Real?", answer: "Yes" },
    ]);
  });
});
