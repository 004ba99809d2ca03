/**
 * The `sources` of an answer (docs/http-api.md#sources): for an FAQ answer, the entries it shows;
 * for a model answer, the entries it was given that it drew on, found from its whole text once it
 * is complete (faq/attribution.ts), so nothing the visitor sees has to be rewritten on the way.
 */
import type { FaqEntry } from "../faq/parse-faq";
import type { Source } from "../protocol";
import type { AnswerEvent } from "./sse-format";

export function sourcesOf(entries: readonly (FaqEntry | undefined)[]): Source[] {
  return entries.flatMap((entry) =>
    entry ? [entry.url ? { title: entry.question, url: entry.url } : { title: entry.question }] : [],
  );
}

/** What a model answer amounted to so far: its text, and its sources once it is done. */
export interface Collected {
  text: string;
  sources: Source[];
}

/**
 * Passes `events` on, joining the text of their deltas into `collected.text`, and gives the `done`
 * event the sources `sourcesFor` finds in the whole text.
 */
export async function* withSources(
  events: AsyncGenerator<AnswerEvent>,
  collected: Collected,
  sourcesFor: (text: string) => Source[],
): AsyncGenerator<AnswerEvent> {
  for await (const event of events) {
    if (event.event === "delta") collected.text += event.data.text;
    if (event.event === "done") {
      collected.sources = sourcesFor(collected.text);
      yield { event: "done", data: { ...event.data, sources: collected.sources } };
    } else {
      yield event;
    }
  }
}
