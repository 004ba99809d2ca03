/**
 * The team's office hours (the operator's settings), in the visitor's words: whether the team is
 * in right now, and "Mon–Fri, 09:00–17:00 (Europe/Berlin)" in the visitor's language.
 */
import type { OfficeHours } from "../../../../worker/src/protocol";
import { WEEKDAYS, type Weekday } from "../../../../worker/src/protocol/handoff-limits";

/** Whether `now` falls inside the office hours, on the team's own clock. */
export function isOpen(hours: OfficeHours, now = new Date()): boolean {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: hours.timezone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const day = part("weekday").toLowerCase() as Weekday;
  const time = `${part("hour")}:${part("minute")}`;
  return hours.days.includes(day) && time >= hours.start && time < hours.end;
}

/** The days as a reader expects them: ranges of consecutive days joined ("Mon–Fri, Sun"). */
export function describeHours(hours: OfficeHours, lang: string): string {
  const name = new Intl.DateTimeFormat(lang, { weekday: "short", timeZone: "UTC" });
  // 1 January 2024 was a Monday.
  const dayName = (index: number) => name.format(Date.UTC(2024, 0, 1 + index));
  const indexes = WEEKDAYS.map((day, i) => (hours.days.includes(day) ? i : -1)).filter((i) => i >= 0);
  const ranges: string[] = [];
  for (let i = 0; i < indexes.length; ) {
    let j = i;
    while (indexes[j + 1] === (indexes[j] ?? 0) + 1) j++;
    const first = indexes[i] ?? 0;
    const last = indexes[j] ?? 0;
    ranges.push(
      last - first >= 2
        ? `${dayName(first)}–${dayName(last)}`
        : indexes
            .slice(i, j + 1)
            .map(dayName)
            .join(", "),
    );
    i = j + 1;
  }
  return `${ranges.join(", ")}, ${hours.start}–${hours.end} (${hours.timezone.replace(/_/g, " ")})`;
}
