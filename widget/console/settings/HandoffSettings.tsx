/**
 * The settings of "Talk to a person": the team's office hours (the form says when a request
 * arrives outside them) and the reply time it promises. Both optional.
 */
import type { OfficeHours, WidgetConfig } from "../../../worker/src/protocol";
import { WEEKDAYS } from "../../../worker/src/protocol/handoff-limits";
import { WIDGET_SETTINGS_LIMITS as LIMITS } from "../../../worker/src/protocol/limits";

const DAY_NAMES = { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" } as const;

/** Where an operator usually starts: weekdays, nine to five, on this browser's clock. */
const defaultHours = (): OfficeHours => ({
  timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  days: ["mon", "tue", "wed", "thu", "fri"],
  start: "09:00",
  end: "17:00",
});

interface Props {
  settings: WidgetConfig;
  onChange: (patch: Partial<WidgetConfig>) => void;
}

export function HandoffSettings({ settings, onChange }: Props) {
  const hours = settings.officeHours ?? null;
  const setHours = (patch: Partial<OfficeHours>) => hours && onChange({ officeHours: { ...hours, ...patch } });
  return (
    <fieldset class="handoff-settings">
      <legend>Talk to a person</legend>
      <label class="inline">
        <input
          type="checkbox"
          checked={hours !== null}
          onChange={(e) => onChange({ officeHours: e.currentTarget.checked ? defaultHours() : null })}
        />
        Show office hours in the form
      </label>
      {hours && (
        <>
          <label for="timezone">Time zone</label>
          <input
            id="timezone"
            list="timezones"
            value={hours.timezone}
            maxLength={LIMITS.timezoneMax}
            onInput={(e) => setHours({ timezone: e.currentTarget.value.trim() })}
          />
          <datalist id="timezones">
            {Intl.supportedValuesOf("timeZone").map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
          <fieldset>
            <legend>Days</legend>
            {WEEKDAYS.map((day) => (
              <label key={day} class="inline">
                <input
                  type="checkbox"
                  checked={hours.days.includes(day)}
                  onChange={(e) =>
                    setHours({
                      days: e.currentTarget.checked
                        ? WEEKDAYS.filter((d) => d === day || hours.days.includes(d))
                        : hours.days.filter((d) => d !== day),
                    })
                  }
                />
                {DAY_NAMES[day]}
              </label>
            ))}
          </fieldset>
          <div class="hours">
            <div>
              <label for="opens">Opens</label>
              <input
                id="opens"
                type="time"
                value={hours.start}
                onInput={(e) => setHours({ start: e.currentTarget.value })}
              />
            </div>
            <div>
              <label for="closes">Closes</label>
              <input
                id="closes"
                type="time"
                value={hours.end}
                onInput={(e) => setHours({ end: e.currentTarget.value })}
              />
            </div>
          </div>
        </>
      )}
      <label for="reply-time">We usually reply within (hours; empty for no promise)</label>
      <input
        id="reply-time"
        type="number"
        min={1}
        max={LIMITS.replyTimeHoursMax}
        value={settings.replyTimeHours ?? ""}
        onInput={(e) => {
          const hours = e.currentTarget.valueAsNumber;
          onChange({ replyTimeHours: Number.isFinite(hours) ? hours : null });
        }}
      />
    </fieldset>
  );
}
