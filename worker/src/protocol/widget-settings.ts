/** The widget's look and words, as operators save them and `GET /api/config` serves them. */
import { z } from "zod";
import { typeError } from "./fields";
import { WIDGET_SETTINGS_LIMITS as W } from "./limits";

const HexColor = z
  .string({ error: typeError("a string") })
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, "must be a hex color like #2563eb");

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
  },
  { error: "must be a JSON object" },
);
export type WidgetConfig = z.infer<typeof WidgetConfig>;
