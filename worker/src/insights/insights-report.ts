/**
 * The console's Insights (`GET /api/admin/insights`): satisfaction per FAQ version, the
 * questions the FAQ could not answer or whose answers were rated down, grouped, the rated-down
 * answers themselves, and which FAQ entries answers cite most and which never.
 */
import { faqIndex, matchFaq } from "../faq/faq-answer";
import type { FaqIndex } from "../faq/faq-index";
import { type Citations, type Insights, type LoggingPolicy, RatedDownAnswer, VersionSatisfaction } from "../protocol";
import { type AskedQuestion, groupQuestions } from "./question-groups";
import { clip, STORED_QUESTION_MAX } from "./storage-budget";

/** The newest questions considered for grouping, and rated-down answers listed. */
const QUESTIONS_MAX = 500;
const RATED_DOWN_MAX = 50;
/** Entries listed as most cited, and as never cited. */
const MOST_CITED_MAX = 20;
const NEVER_CITED_MAX = 50;

export async function readInsights(db: D1Database, logging: LoggingPolicy, publishedFaq: string): Promise<Insights> {
  const [satisfaction, ratedDown, asked, cited, answered] = await db.batch<Record<string, unknown>>([
    db.prepare(
      `SELECT version, SUM(up) AS up, SUM(down) AS down FROM (
         SELECT faq_version AS version, SUM(rating = 'up') AS up, SUM(rating = 'down') AS down
         FROM feedback WHERE faq_version IS NOT NULL GROUP BY faq_version
         UNION ALL
         SELECT faq_version AS version, up, down FROM rating_totals
       ) GROUP BY version ORDER BY version DESC`,
    ),
    db
      .prepare(
        `SELECT f.message_id AS messageId, a.question, a.answer, f.comment, f.faq_version AS faqVersion,
                f.source, f.created_at AS ratedAt
         FROM feedback f JOIN answers a ON a.message_id = f.message_id
         WHERE f.rating = 'down' ORDER BY f.created_at DESC, f.id DESC LIMIT ?1`,
      )
      .bind(RATED_DOWN_MAX),
    db
      .prepare(
        `SELECT a.question, a.created_at AS at, a.unanswered,
                EXISTS (SELECT 1 FROM feedback f WHERE f.message_id = a.message_id AND f.rating = 'down') AS ratedDown
         FROM answers a WHERE a.question IS NOT NULL ORDER BY a.created_at DESC LIMIT ?1`,
      )
      .bind(QUESTIONS_MAX),
    db.prepare("SELECT title, COUNT(*) AS count FROM answer_sources GROUP BY title ORDER BY count DESC, title"),
    db.prepare(
      `SELECT COUNT(*) AS answers,
              (SELECT COUNT(DISTINCT message_id) FROM answer_sources) AS answersWithSources
       FROM answers`,
    ),
  ]);
  const index = faqIndex(publishedFaq);
  const answeredNow = (question: string) => matchFaq(index, [{ role: "user", content: question }]).kind === "entries";
  return {
    logging,
    satisfaction: RatedVersion.array()
      .parse(satisfaction?.results ?? [])
      .map(withRate),
    unanswered: groupQuestions((asked?.results ?? []).map(toAsked)).map((group) => ({
      ...group,
      // Only news for a question the FAQ once had no answer for: a rated-down one was answered.
      answeredNow: group.unanswered > 0 && answeredNow(group.question),
    })),
    ratedDown: RatedDownAnswer.array().parse(ratedDown?.results ?? []),
    citations: citationsOf(index, cited?.results ?? [], answered?.results[0] ?? {}),
  };
}

/** The published FAQ's entries by how often kept answers cited them (a renamed entry starts again at 0). */
function citationsOf(index: FaqIndex, cited: Record<string, unknown>[], answered: Record<string, unknown>): Citations {
  const counts = new Map(cited.map((row) => [String(row.title), Number(row.count)]));
  const entries = Array.from({ length: index.size }, (_, id) => index.entry(id)).flatMap((entry) =>
    entry ? [{ question: entry.question, ...(entry.url ? { url: entry.url } : {}) }] : [],
  );
  const never = entries.filter((entry) => !counts.has(entry.question));
  return {
    answers: Number(answered.answers ?? 0),
    answersWithSources: Number(answered.answersWithSources ?? 0),
    mostCited: entries
      .flatMap((entry) => {
        const count = counts.get(entry.question);
        return count ? [{ ...entry, count }] : [];
      })
      .sort((a, b) => b.count - a.count)
      .slice(0, MOST_CITED_MAX),
    neverCitedCount: never.length,
    neverCited: never.slice(0, NEVER_CITED_MAX),
  };
}

/** A satisfaction row as SQL counts it, before the rate is worked out. */
const RatedVersion = VersionSatisfaction.omit({ rate: true });

function withRate({ version, up, down }: Omit<VersionSatisfaction, "rate">): VersionSatisfaction {
  return { version, up, down, rate: up + down > 0 ? up / (up + down) : null };
}

function toAsked(row: Record<string, unknown>): AskedQuestion {
  return {
    // Rows stored before questions were clipped on the way in are clipped on the way out.
    question: clip(String(row.question), STORED_QUESTION_MAX),
    at: String(row.at),
    unanswered: row.unanswered === 1,
    ratedDown: row.ratedDown === 1,
  };
}
