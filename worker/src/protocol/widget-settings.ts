/** The widget's look and words, as operators save them and `GET /api/config` serves them. */
import { z } from "zod";
import { typeError } from "./fields";
import { WEEKDAYS } from "./handoff-limits";
import { WIDGET_SETTINGS_LIMITS as W } from "./limits";

const HexColor = z
  .string({ error: typeError("a string") })
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, "must be a hex color like #2563eb");

/** A time of day on a 24-hour clock; `24:00` ends a day. */
const TimeOfDay = z
  .string({ error: typeError("a string") })
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be a time like 09:00 or 17:30");

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** When the team answers: the handoff form says so, and says when a request arrives outside them. */
export const OfficeHours = z
  .object(
    {
      timezone: z
        .string({ error: typeError("a string") })
        .max(W.timezoneMax)
        .refine(isTimeZone, "must be an IANA time zone like Europe/Berlin"),
      days: z
        .array(z.enum(WEEKDAYS, { error: `must be one of ${WEEKDAYS.join(", ")}` }), {
          error: typeError("an array of days"),
        })
        .min(1, "must name at least one day")
        .refine((days) => new Set(days).size === days.length, "must name each day once"),
      start: TimeOfDay,
      end: TimeOfDay,
    },
    { error: typeError("an object with timezone, days, start and end") },
  )
  .refine((hours) => hours.start < hours.end, { path: ["end"], message: "must be later than start" });
export type OfficeHours = z.infer<typeof OfficeHours>;

/** Public widget settings served by `GET /api/config`, saved with `PUT /api/admin/settings`. */
export const WidgetConfig = z.object(
  {
    title: z
      .string({ error: typeError("a string") })
      .trim()
      .min(1, "must not be empty")
      .max(W.titleMax, `must be at most ${W.titleMax} characters`),
    greeting: z
      .string({ error: typeError("a string") })
      .trim()
      .max(W.greetingMax, `must be at most ${W.greetingMax} characters`),
    suggestions: z
      .array(
        z
          .string({ error: typeError("a string") })
          .trim()
          .min(1, "must not be empty")
          .max(W.suggestionMax, `must be at most ${W.suggestionMax} characters`),
        { error: typeError("an array of questions") },
      )
      .max(W.suggestionsMax, `must list at most ${W.suggestionsMax} questions`),
    color: HexColor,
    position: z.enum(["right", "left"], { error: "must be 'right' or 'left'" }),
    contactUrl: z
      .url({ protocol: /^(https?|mailto|tel)$/, error: "must be an http(s), mailto: or tel: URL" })
      .max(W.contactUrlMax, `must be at most ${W.contactUrlMax} characters`)
      .nullable(),
    /** Optional (absent or null: none): the team's office hours, shown by the handoff form. */
    officeHours: OfficeHours.nullable().optional(),
    /** Optional (absent or null: none): the team's promise to reply within this many hours. */
    replyTimeHours: z
      .number({ error: typeError("a whole number of hours") })
      .int("must be a whole number of hours")
      .min(1, "must be at least 1")
      .max(W.replyTimeHoursMax, `must be at most ${W.replyTimeHoursMax}`)
      .nullable()
      .optional(),
  },
  { error: "must be a JSON object" },
);
export type WidgetConfig = z.infer<typeof WidgetConfig>;
