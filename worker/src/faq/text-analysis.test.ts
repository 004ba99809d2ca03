import { describe, expect, it } from "vitest";
import { editDistance } from "./edit-distance";
import { contentStems, foldText, stem } from "./text-analysis";

describe("foldText", () => {
  it("folds case and accents, and turns punctuation into spaces", () => {
    expect(foldText("¿Cuánto CUESTA el envío? Größe, Straße!")).toBe("cuanto cuesta el envio grosse strasse");
  });
});

describe("stem", () => {
  it("conflates the inflections of a word in each language", () => {
    for (const group of [
      ["ship", "ships", "shipping", "shipped"],
      ["deliver", "delivery", "deliveries", "delivered"],
      ["address", "addresses"],
      ["pedido", "pedidos"],
      ["bestellung", "bestellungen"],
      ["zahlung", "zahlungen"],
      ["hablo", "hablar"],
      ["cancel", "cancelar"],
      ["recibo", "recibir"],
    ]) {
      expect(new Set(group.map(stem)).size, group.join(",")).toBe(1);
    }
  });

  it("strips at most two suffixes, so that unrelated words keep apart", () => {
    // A third pass made "dimensions" and "dimmer" one stem; the price: "entkoffeinierten" and
    // "entkoffeiniert" are two (the lexicon groups them under one concept).
    expect(stem("dimensions")).not.toBe(stem("dimmer"));
    expect(stem("watts")).not.toBe(stem("water"));
  });

  it("keeps short words whole", () => {
    expect(stem("abo")).toBe("abo");
    expect(stem("accept")).toBe("accept");
  });
});

describe("contentStems", () => {
  it("drops stop words of English, Spanish and German", () => {
    expect(contentStems("How do I get my refund?")).toEqual(["refund"]);
    expect(contentStems("¿Dónde está mi pedido?")).toEqual(["pedid"]);
    expect(contentStems("Wo ist meine Bestellung?")).toEqual(["bestel"]);
  });
});

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and transpositions, up to a limit", () => {
    expect(editDistance("cancel", "cancle", 2)).toBe(1);
    expect(editDistance("refund", "refnd", 2)).toBe(1);
    expect(editDistance("password", "pasword", 2)).toBe(1);
    expect(editDistance("ship", "shop", 2)).toBe(1);
    expect(editDistance("weather", "wholesale", 2)).toBe(3);
  });
});
