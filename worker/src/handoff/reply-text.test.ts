/** The team's words in an email reply, as Gmail, Outlook, Apple Mail and Thunderbird write them. */
import { describe, expect, it } from "vitest";
import { htmlToText, replyText, stripQuoted } from "./reply-text";

const lines = (...text: string[]) => text.join("\r\n");

describe("stripQuoted", () => {
  it("keeps a Gmail reply above 'On … wrote:' and its quote", () => {
    const text = lines(
      "Yes, you can change it any time under Account > Subscription.",
      "",
      "Best,",
      "Maria",
      "",
      "On Thu, Dec 3, 2026 at 10:00 AM Shop Support <support@shop.example> wrote:",
      "",
      "> Ann <ann@example.org> asked to talk to a person:",
      ">",
      ">     Can I change the grind?",
    );
    expect(stripQuoted(text)).toBe("Yes, you can change it any time under Account > Subscription.\n\nBest,\nMaria");
  });

  it("recognises an attribution Gmail wrapped over two lines", () => {
    const text = lines(
      "Sure thing.",
      "",
      "On Thu, Dec 3, 2026 at 10:00 AM Shop Support via Support Chat <",
      "support@shop.example> wrote:",
      "> Can I change the grind?",
    );
    expect(stripQuoted(text)).toBe("Sure thing.");
  });

  it("cuts Outlook's '-----Original Message-----' and its header block", () => {
    const text = lines(
      "We ship on Mondays.",
      "",
      "Regards",
      "Tom",
      "",
      "-----Original Message-----",
      "From: Shop Support <support@shop.example> ",
      "Sent: Thursday, December 3, 2026 10:00 AM",
      "To: team@shop.example",
      "Subject: Chat request from Ann: When do you ship?",
      "",
      "Ann <ann@example.org> asked to talk to a person:",
    );
    expect(stripQuoted(text)).toBe("We ship on Mondays.\n\nRegards\nTom");
  });

  it("cuts Outlook on the web's rule and 'From: / Sent:' block, in German too", () => {
    const english = lines(
      "We ship on Mondays.",
      "",
      "________________________________",
      "From: Shop Support <support@shop.example>",
      "Sent: Thursday, December 3, 2026 10:00",
      "Subject: Chat request",
    );
    expect(stripQuoted(english)).toBe("We ship on Mondays.");
    const german = lines(
      "Wir liefern montags.",
      "",
      "Von: Shop Support <support@shop.example>",
      "Gesendet: Donnerstag, 3. Dezember 2026 10:00",
      "An: team@shop.example",
    );
    expect(stripQuoted(german)).toBe("Wir liefern montags.");
  });

  it("keeps Apple Mail's reply above 'Sent from my iPhone' and the '> On … wrote:' quote", () => {
    const text = lines(
      "Yes, decaf ships too.",
      "",
      "Sent from my iPhone",
      "",
      "> On 3 Dec 2026, at 10:00, Shop Support <support@shop.example> wrote:",
      "> ",
      "> Ann asked to talk to a person",
    );
    expect(stripQuoted(text)).toBe("Yes, decaf ships too.");
  });

  it("drops a signature after the '-- ' delimiter", () => {
    expect(stripQuoted(lines("Thanks for asking!", "-- ", "Maria Jones", "Tidewater Coffee Roasters"))).toBe(
      "Thanks for asking!",
    );
  });

  it("keeps an answer written between the quoted lines, without the quotes", () => {
    const text = lines(
      "On Thu, Dec 3, 2026 at 10:00 AM Shop Support <support@shop.example> wrote:",
      "> Can I change the grind?",
      "Yes, any time.",
      "> And the delivery day?",
      "Mondays only.",
      "-- ",
      "Maria",
    );
    expect(stripQuoted(text)).toBe("Yes, any time.\nMondays only.");
  });

  it("keeps a reply that quotes nothing, and lines that merely mention 'wrote'", () => {
    expect(stripQuoted("On Monday we roast. Our roaster wrote the schedule.\n\nMaria")).toBe(
      "On Monday we roast. Our roaster wrote the schedule.\n\nMaria",
    );
  });
});

describe("htmlToText and replyText", () => {
  it("reads an HTML-only Gmail reply: text and entities kept, the gmail_quote cut", () => {
    const html =
      '<div dir="ltr">Hi Ann,<div><br></div><div>Yes &amp; you can &lt;change&gt; it &#8212; today.</div></div><br>' +
      '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Thu, Dec 3, 2026 at 10:00 AM Shop Support ' +
      '&lt;<a href="mailto:support@shop.example">support@shop.example</a>&gt; wrote:<br></div>' +
      '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex">Ann asked…</blockquote></div>';
    expect(replyText({ html })).toBe("Hi Ann,\n\nYes & you can <change> it — today.");
  });

  it("reads an HTML-only Outlook reply, cut at its divider", () => {
    const html =
      "<html><head><style>p{margin:0}</style></head><body><div><p>We ship on Mondays.</p><p>Tom</p></div>" +
      '<hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><b>From:</b> Shop Support' +
      "<br><b>Sent:</b> Thursday</div><div>Ann asked…</div></body></html>";
    expect(replyText({ html })).toBe("We ship on Mondays.\nTom");
  });

  it("reads an HTML-only Apple Mail reply, cut at the cited blockquote", () => {
    const html =
      "<html><body><div>Yes.</div><div><br></div><div>Maria</div><div><br><div>On 3 Dec 2026, at 10:00, Shop &lt;support@shop.example&gt; wrote:</div>" +
      '<br class="Apple-interchange-newline"><blockquote type="cite"><div>Ann asked…</div></blockquote></div></body></html>';
    expect(replyText({ html })).toBe("Yes.\n\nMaria");
  });

  it("prefers the plain-text part, and finds nothing in an empty mail", () => {
    expect(replyText({ text: "Plain words.", html: "<p>HTML words.</p>" })).toBe("Plain words.");
    expect(replyText({ text: "  ", html: "<p>HTML words.</p>" })).toBe("HTML words.");
    expect(replyText({})).toBe("");
    expect(htmlToText("<script>alert(1)</script><p>Safe</p>").trim()).toBe("Safe");
  });

  it("reads the largest and most hostile bodies in linear time", () => {
    const spaces = `${" ".repeat(200_000)}x`;
    const tags = "<div".repeat(50_000);
    const opened = "<style>".repeat(30_000);
    const angles = "<".repeat(200_000);
    for (const html of [spaces, tags, opened, angles, `<p>Fine.</p>${"<hr".repeat(40_000)}`]) {
      expect(typeof replyText({ html })).toBe("string");
    }
    expect(replyText({ text: `Short answer.${" ".repeat(300_000)}\nmore` })).toBe("Short answer.");
    expect(replyText({ text: "y".repeat(250_000) })).toHaveLength(100_000);
  });
});
