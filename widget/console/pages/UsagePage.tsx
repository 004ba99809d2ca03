/** Daily usage over the last 30 days: a small chart and the table behind it. */
import { Component } from "preact";
import type { DayStats } from "../../../worker/src/protocol";
import { adminApi } from "../admin-api";
import { Feedback, failureMessage } from "../Feedback";

type Count = Exclude<keyof DayStats, "day" | "budgetExhaustedAt">;

const COLUMNS: [Count, string][] = [
  ["conversations", "Conversations"],
  ["messages", "Messages"],
  ["tokens", "Tokens"],
  ["fallbacks", "FAQ answers"],
  ["budgetFallbacks", "of which: budget spent"],
  ["allowanceFallbacks", "of which: a network's allowance spent"],
  ["rateLimited", "Rate-limited"],
  ["limiterFallbacks", "Limiter unreachable"],
  ["errors", "Errors"],
  ["previews", "Console previews"],
];

const timeOf = (iso: string) => `${iso.slice(11, 16)} UTC`;

/** When today's budget ran out, and what visitors got since: the answer to "why did answers get worse?". */
function BudgetNotice({ today }: { today: DayStats | undefined }) {
  if (!today?.budgetExhaustedAt) return null;
  return (
    <p class="notice" role="status">
      Today's token budget ran out at {timeOf(today.budgetExhaustedAt)}. Since then {today.budgetFallbacks}{" "}
      {today.budgetFallbacks === 1 ? "chat was" : "chats were"} answered from the FAQ instead of the model. It resets at
      00:00 UTC; to allow more, raise <code>DAILY_TOKEN_BUDGET</code>.
    </p>
  );
}

function Chart({ days }: { days: DayStats[] }) {
  const ordered = [...days].reverse();
  const max = Math.max(1, ...ordered.map((d) => d.messages));
  const width = 600;
  const height = 140;
  const bar = width / ordered.length;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${width} ${height + 20}`}
      role="img"
      aria-label={`Messages per day over the last ${days.length} days, at most ${max} a day`}
    >
      {ordered.map((d, i) => {
        const h = (d.messages / max) * height;
        const f = (d.fallbacks / max) * height;
        return (
          <g key={d.day}>
            <rect x={i * bar + 2} y={height - h} width={bar - 4} height={h} class="bar" />
            <rect x={i * bar + 2} y={height - f} width={bar - 4} height={f} class="bar faq" />
            <title>{`${d.day}: ${d.messages} messages, ${d.fallbacks} from the FAQ`}</title>
          </g>
        );
      })}
      <text x="0" y={height + 16} class="axis">
        {ordered[0]?.day}
      </text>
      <text x={width} y={height + 16} class="axis" text-anchor="end">
        {ordered.at(-1)?.day}
      </text>
    </svg>
  );
}

export class UsagePage extends Component<{ onUnauthorized: () => void }, { days: DayStats[]; error: string }> {
  override state = { days: [] as DayStats[], error: "" };

  override async componentDidMount(): Promise<void> {
    try {
      this.setState({ days: await adminApi.stats() });
    } catch (err) {
      const error = failureMessage(err, this.props.onUnauthorized);
      if (error !== null) this.setState({ error });
    }
  }

  override render() {
    const { days, error } = this.state;
    const totals = Object.fromEntries(COLUMNS.map(([key]) => [key, days.reduce((sum, d) => sum + Number(d[key]), 0)]));
    return (
      <section aria-labelledby="usage-title">
        <h1 id="usage-title">Usage</h1>
        <Feedback error={error} />
        <BudgetNotice today={days[0]} />
        <p class="legend">
          <span class="key" /> messages <span class="key faq" /> answered from the FAQ
        </p>
        {days.some((d) => d.messages > 0) ? (
          <Chart days={days} />
        ) : (
          <p class="muted">No chats in the last {days.length || 30} days yet.</p>
        )}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling table must be reachable by keyboard (axe scrollable-region-focusable) */}
        <section class="table-wrap" aria-label="Usage per day" tabIndex={0}>
          <table>
            <caption class="sr-only">Usage per day, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Day (UTC)</th>
                {COLUMNS.map(([key, label]) => (
                  <th key={key} scope="col">
                    {label}
                  </th>
                ))}
                <th scope="col">Budget ran out</th>
              </tr>
            </thead>
            <tbody>
              <tr class="total">
                <th scope="row">Last {days.length} days</th>
                {COLUMNS.map(([key]) => (
                  <td key={key}>{totals[key]}</td>
                ))}
                <td>{days.filter((d) => d.budgetExhaustedAt).length} days</td>
              </tr>
              {days.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{d.day}</th>
                  {COLUMNS.map(([key]) => (
                    <td key={key}>{d[key]}</td>
                  ))}
                  <td>{d.budgetExhaustedAt ? timeOf(d.budgetExhaustedAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </section>
    );
  }
}
