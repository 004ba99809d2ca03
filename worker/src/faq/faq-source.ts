/**
 * Where the chat path gets the operator's FAQ (Markdown). Until the operator console stores
 * versions in D1, it is the seed FAQ shipped in this folder.
 */
import seedFaq from "./seed-faq.md";

export async function publishedFaq(): Promise<string> {
  return seedFaq;
}
