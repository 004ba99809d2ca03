/**
 * The numbers and names of handoffs to a person that both sides must agree on, as plain values
 * (like limits.ts). A module of its own so that only the widget's handoff chunk carries them.
 */
import { CONTENT_MAX, MESSAGES_MAX } from "./limits";

/** Handoffs to a person (docs/http-api.md#handoff): what a visitor and the team may send. */
export const HANDOFF_LIMITS = {
  /** Requests and follow-ups one visitor may send the team in a sliding hour. */
  perHour: 5,
  emailMax: 254,
  nameMax: 100,
  /** A visitor's message to the team, like a chat message. */
  messageMax: CONTENT_MAX,
  /** Turns of the conversation that may go along with a request. */
  transcriptMax: MESSAGES_MAX,
  /** Characters of one reply from the team. */
  replyMax: 10_000,
} as const;

/** How often a page load may ask for new replies to an open handoff, for the launcher's badge. */
export const HANDOFF_CHECK_INTERVAL_MS = 5 * 60 * 1000;

/** Days of the week, as office hours name them (`officeHours.days`). */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
