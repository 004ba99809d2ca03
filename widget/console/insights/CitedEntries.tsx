/** Which FAQ entries answers cite most, and which no answer has cited: what visitors need, and what may be dead weight. */
import type { Citations, CitedEntry } from "../../../worker/src/protocol";

function Title({ entry }: { entry: Omit<CitedEntry, "count"> }) {
  return entry.url ? (
    <a href={entry.url} target="_blank" rel="noopener noreferrer">
      {entry.question}
    </a>
  ) : (
    entry.question
  );
}

export function CitedEntries({ citations }: { citations: Citations }) {
  const { answers, answersWithSources, mostCited, neverCited, neverCitedCount } = citations;
  return (
    <section aria-labelledby="cited-title">
      <h2 id="cited-title">FAQ entries cited in answers</h2>
      <p class="muted">
        {answersWithSources} of {answers} kept answers named at least one FAQ entry as their source.
      </p>
      {mostCited.length === 0 ? (
        <p class="muted">No answer has cited an entry of the published FAQ yet.</p>
      ) : (
        <>
          <h3>Cited most</h3>
          <ol class="cited">
            {mostCited.map((entry) => (
              <li key={entry.question}>
                <Title entry={entry} />{" "}
                <span class="muted">· {entry.count === 1 ? "1 answer" : `${entry.count} answers`}</span>
              </li>
            ))}
          </ol>
        </>
      )}
      <h3>Never cited ({neverCitedCount})</h3>
      {neverCitedCount === 0 ? (
        <p class="muted">Every entry of the published FAQ has been cited.</p>
      ) : (
        <>
          <p class="muted">
            Entries no kept answer drew on: visitors may not need them, or ask in words they don't use.
            {neverCitedCount > neverCited.length && ` The first ${neverCited.length} are listed.`}
          </p>
          <ul class="cited">
            {neverCited.map((entry) => (
              <li key={entry.question}>
                <Title entry={entry} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
