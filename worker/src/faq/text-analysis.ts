/**
 * Turns text into search terms for FAQ retrieval, the same way for questions and FAQ entries:
 * case and accent folding, tokenizing, stop words of English, Spanish and German, and a light
 * suffix-stripping stemmer that conflates the usual inflections of all three.
 */

const STOP_WORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both
  but by can could did do does doing down during each few for from further had has have having he her here hers
  him his how i if in into is it its itself just me more most my myself no nor not now of off on once only or
  other our ours out over own same she should so some such than that the their theirs them then there these they
  this those through to too under until up very was we were what when where which while who whom why will with
  would you your yours yourself please hi hello hey thanks thank there's it's i'm i've don't can't what's
  get got also still any anything something would like want need know tell let us much many never without
  until really maybe ever every there their able way ok okay yes just one someone might must shall may
  gets getting make makes made making take takes took taking give gives gave going goes went come comes came
  put puts need needs wants wanted likes liked use using used see look looking find try trying say said show
  shows showed thing things does doing done best good better great didn doesn isn wasn aren couldn wouldn
  shouldn haven hasn don ve ll re real reason reasons actual actually already anyway somebody anybody anyone everyone everything
  el la los las un una unos unas y o u de del al a en con por para sin sobre entre es son ser soy eres fue era
  estoy esta este esto estan estas estos ese esa eso hay como que qué cual cuales quien donde cuando porque pero
  si no mi mis tu tus su sus nuestro nuestra lo le les me te se nos yo tú usted ustedes ella ellos muy mas más
  ya puedo puede pueden podría hacer hago hace hacen hacemos hola gracias favor quiero quiere quisiera necesito
  tengo tiene tienen tener está están algo alguien cada usar uso todo todos toda todas otro otra otros también
  ahora aquí aqui hoy bien debo debería deberia sé saber quería queria tenía tenia hice hizo estaba fui sigue
  der die das den dem des ein eine einer eines einem einen und oder aber nicht kein keine ist sind war bin bist
  sein seid wird werden wurde ich du er sie es wir ihr mein meine meinen meiner dein deine unser unsere ihre
  mich mir dich dir sich uns euch zu zum zur im in am an auf aus bei beim vom ins mit nach von vor für fur über uber um wie
  was wer wo warum welche welcher welches wenn dass da so auch noch nur schon sehr kann können konnen muss
  habe hast hat haben habt hallo danke bitte möchte mochte will gibt es man mal ihr euer eure dies diese
  dieser kannst könnt konnt soll sollte brauche brauchen brauchst braucht kam kommt zeigt zeigen geht gehen
  machen mache macht tun jetzt immer wieder heute einfach trotzdem gerade bekommen`.split(/\s+/),
);

/**
 * Suffixes stripped by the stemmer, longest first, each with the shortest stem it may leave
 * (German verb endings like the "t" of "liefert" only come off long words).
 */
const SUFFIXES: [suffix: string, minStem: number][] = [
  ["aciones", 3],
  ["ations", 3],
  ["mente", 3],
  ["ments", 3],
  ["ation", 3],
  ["acion", 3],
  ["iones", 3],
  ["ungen", 3],
  ["ings", 3],
  ["ment", 3],
  ["ness", 3],
  ["cion", 3],
  ["sion", 3],
  ["ung", 3],
  ["ing", 3],
  ["ies", 3],
  ["ied", 3],
  ["ers", 4],
  ["ar", 4],
  ["ir", 4],
  ["ern", 4],
  ["ly", 3],
  ["ed", 3],
  ["er", 4],
  ["es", 3],
  ["en", 3],
  ["os", 3],
  ["as", 3],
  ["an", 4],
  ["st", 5],
  ["s", 3],
  ["e", 3],
  ["o", 3],
  ["a", 4],
  ["y", 3],
  ["t", 6],
];

const MIN_STEM = 3;

/** Lower case, accents folded (é → e, ü → u, ß → ss), anything but letters and digits a space. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // Most FAQ text is plain ASCII, which needs neither Unicode normalisation nor Unicode classes.
  if (!NON_ASCII.test(lower)) return lower.replace(/[^a-z0-9]+/g, " ").trim();
  return lower
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/ß/g, "ss")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const NON_ASCII = /[\u0080-\uffff]/;

/** The folded words of `text`, stop words kept. */
export function words(text: string): string[] {
  const folded = foldText(text);
  return folded === "" ? [] : folded.split(" ");
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** A light stemmer: strips up to two inflectional suffixes, then a doubled final consonant. */
export function stem(word: string): string {
  let current = word;
  for (let pass = 0; pass < 2; pass++) {
    const word = current;
    const rule = SUFFIXES.find(
      ([suffix, minStem]) =>
        word.endsWith(suffix) && word.length - suffix.length >= minStem && !(suffix === "s" && word.endsWith("ss")),
    );
    if (!rule) break;
    current = current.slice(0, -rule[0].length);
  }
  const last = current.at(-1);
  if (current.length > MIN_STEM && last && last === current.at(-2) && !"aeiou".includes(last)) {
    current = current.slice(0, -1);
  }
  return current;
}

/** Number words from two to twelve, so that "two weeks" meets "2 weeks" in every language. */
const NUMBERS: ReadonlyMap<string, string> = new Map(
  [
    "two dos zwei",
    "three tres drei",
    "four cuatro vier",
    "five cinco funf",
    "six seis sechs",
    "seven siete sieben",
    "eight ocho acht",
    "nine nueve neun",
    "ten diez zehn",
    "eleven once elf",
    "twelve doce zwolf",
  ].flatMap((names, i) => names.split(" ").map((name) => [name, String(i + 2)] as const)),
);

/** The content words of `text`, folded, stop words dropped, number words as digits. */
export function contentWords(text: string): string[] {
  return words(text)
    .filter((word) => !isStopWord(word) && (word.length > 1 || /\d/.test(word)))
    .map((word) => NUMBERS.get(word) ?? word);
}

/** The content words of `text`, folded and stemmed, stop words dropped. */
export function contentStems(text: string): string[] {
  return contentWords(text).map(stem);
}
