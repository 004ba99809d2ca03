/** Guesses whether a visitor writes English, Spanish or German, from their function words. */
import { LANGUAGES, type Language } from "../protocol/limits";
import { words } from "./text-analysis";

export type { Language };

const MARKERS: Record<Language, ReadonlySet<string>> = {
  en: new Set("the is are do does how what when where can my your you i to of and for with have".split(" ")),
  es: new Set(
    "el la los las es son como que cuando donde puedo mi mis tu de y para con por un una hay del al se".split(" "),
  ),
  de: new Set(
    "der die das ist sind wie was wann wo kann ich mein meine sie und fur mit ein eine gibt es zu nicht".split(" "),
  ),
};

export function detectLanguage(text: string): Language {
  const counts = { en: 0, es: 0, de: 0 };
  for (const word of words(text)) {
    for (const language of LANGUAGES) if (MARKERS[language].has(word)) counts[language]++;
  }
  if (counts.es > counts.en && counts.es >= counts.de) return "es";
  if (counts.de > counts.en && counts.de > counts.es) return "de";
  return "en";
}
