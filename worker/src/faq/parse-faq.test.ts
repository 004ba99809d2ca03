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
