"""Texts of time spent: the duration on the visit card and its buttons, and /uren."""

from __future__ import annotations

NL: dict[str, str] = {
    # the visit card and its edit menu
    "card_duration": "⏱ Duur: {value}",
    "field_duration": "Duur",
    "ask_duration": "Hoe lang duurde het? Kies een duur, of typ hem (bijv. “40 minuten”).",
    "ask_duration_other": "Typ de duur, bijvoorbeeld “40 minuten”, “2,5 uur” of “van 10 tot 12”.",
    "duration_not_understood": (
        "Die duur begrijp ik niet. Typ bijvoorbeeld “40 minuten” of “anderhalf uur”."
    ),
    "dur_button_15": "15 min",
    "dur_button_30": "30 min",
    "dur_button_45": "45 min",
    "dur_button_60": "1 uur",
    "dur_button_90": "1,5 uur",
    "dur_button_120": "2 uur",
    "dur_button_other": "Anders…",
    "dur_button_none": "Geen duur",
    # /uren
    "hours_title": (
        "⏱ Jouw uren per week, de laatste {weeks} weken (budget {budget} per week):"
    ),
    "hours_week": "• week {number} ({days}): {hours}",
    "hours_week_current": "• week {number} ({days}, deze week): {hours}",
    "hours_months": "jan feb mrt apr mei jun jul aug sep okt nov dec",
    "hours_over": " ⚠ {over} boven budget",
    "hours_summary": "Gemiddeld {average} per week (de lopende week niet meegeteld).",
    "hours_weeks_over_one": "1 week boven budget.",
    "hours_weeks_over": "{count} weken boven budget.",
    "hours_weeks_over_none": "Geen enkele week boven budget.",
    "hours_without_one": (
        "1 contactmoment zonder duur: dat telt hierboven niet mee. Geef de duur op bij het "
        "vastleggen (“anderhalf uur gesproken”, of Wijzigen → Duur)."
    ),
    "hours_without": (
        "{count} contactmomenten zonder duur: die tellen hierboven niet mee. Geef de duur op "
        "bij het vastleggen (“anderhalf uur gesproken”, of Wijzigen → Duur)."
    ),
    "hours_nothing": (
        "Je hebt de laatste {weeks} weken geen contactmomenten vastgelegd, dus er zijn nog "
        "geen uren te tellen."
    ),
    "hours_usage": "Gebruik: /uren, of /uren 12 voor de laatste 12 weken (1 tot 52).",
    "cmd_uren": "Je uren per week tegenover het budget",
}

EN: dict[str, str] = {
    "card_duration": "⏱ Duration: {value}",
    "field_duration": "Duration",
    "ask_duration": "How long did it take? Choose a duration, or type it (e.g. “40 minutes”).",
    "ask_duration_other": "Type the duration, for example “40 minutes” or “2.5 hours”.",
    "duration_not_understood": (
        "I don't understand that duration. Type for example “40 minutes” or “an hour and a "
        "half”."
    ),
    "dur_button_15": "15 min",
    "dur_button_30": "30 min",
    "dur_button_45": "45 min",
    "dur_button_60": "1 hour",
    "dur_button_90": "1.5 hours",
    "dur_button_120": "2 hours",
    "dur_button_other": "Other…",
    "dur_button_none": "No duration",
    "hours_title": "⏱ Your hours per week, the last {weeks} weeks (budget {budget} a week):",
    "hours_week": "• week {number} ({days}): {hours}",
    "hours_week_current": "• week {number} ({days}, this week): {hours}",
    "hours_months": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    "hours_over": " ⚠ {over} over budget",
    "hours_summary": "On average {average} a week (the current week not counted).",
    "hours_weeks_over_one": "1 week over budget.",
    "hours_weeks_over": "{count} weeks over budget.",
    "hours_weeks_over_none": "No week over budget.",
    "hours_without_one": (
        "1 contact without a duration: it is not counted above. Give the duration when you log "
        "(“talked for an hour and a half”, or Edit → Duration)."
    ),
    "hours_without": (
        "{count} contacts without a duration: they are not counted above. Give the duration "
        "when you log (“talked for an hour and a half”, or Edit → Duration)."
    ),
    "hours_nothing": (
        "You logged no contacts in the last {weeks} weeks, so there are no hours to count yet."
    ),
    "hours_usage": "Use: /uren, or /uren 12 for the last 12 weeks (1 to 52).",
    "cmd_uren": "Your hours per week against the budget",
}
