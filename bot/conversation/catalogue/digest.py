"""Texts of keeping in touch: the morning digest and the weekly overview."""

from __future__ import annotations

NL: dict[str, str] = {
    "digest_title": "Goedemorgen. Je overzicht voor {date}:",
    "digest_due_today": "Vandaag",
    "digest_overdue": "Te laat",
    "digest_quiet": "Lang niet gesproken",
    "digest_follow_up": "{index}. {title}{about}",
    "digest_follow_up_overdue": "{index}. {title}{about} — sinds {when}",
    "digest_about": " ({name})",
    "digest_quiet_line": "{index}. {name} — laatste contact {when}",
    "digest_quiet_line_overdue": "{index}. {name} — laatste contact {when} (te lang geleden)",
    "digest_quiet_never": "{index}. {name} — nog geen contact vastgelegd",
    "digest_more": "… en nog {count}. Alle vervolgacties staan in /acties, contacten via /contact.",
    "button_digest_done": "{index} Gedaan",
    "button_digest_later": "{index} Later",
    "button_digest_visit": "{index} Bezoek loggen",
    "quiet_snoozed": "{name} staat een week niet in je overzicht.",
    "weekly_title": "Je week vooruit (week van {date}):",
    "weekly_nothing_ahead": "Geen vervolgacties gepland deze week.",
    "weekly_line": "• {when} — {title}{about}",
    "weekly_silent": "Te lang niet gesproken, per gebied:",
    "weekly_area": "{area}: {names}",
    "weekly_no_area": "Zonder gebied",
    "weekly_name": "{name} ({when})",
    "weekly_name_never": "{name} (nooit)",
    "weekly_more": " en nog {count}",
    "digest_quiet_tightened": " · verscherpt ritme ({area})",
    "digest_tension": "Spanning",
    "digest_tension_line": "{emoji} {area}: {level} — contactritme {times}× zo vaak",
    "digest_tension_proposal": "💡 {area}: {count} nieuwe signalen — herbeoordeling voorgesteld",
    "digest_tension_proposal_new": (
        "💡 {area}: {count} signalen, nog niet beoordeeld — beoordeling voorgesteld"
    ),
    "digest_tension_proposal_above": (
        "💡 {area}: spanning hoger ingeschat — herbeoordeling voorgesteld"
    ),
    "digest_button_tension": "Spanning {area}",
}

EN: dict[str, str] = {
    "digest_title": "Good morning. Your overview for {date}:",
    "digest_due_today": "Today",
    "digest_overdue": "Overdue",
    "digest_quiet": "Not spoken to for a while",
    "digest_follow_up": "{index}. {title}{about}",
    "digest_follow_up_overdue": "{index}. {title}{about} — since {when}",
    "digest_about": " ({name})",
    "digest_quiet_line": "{index}. {name} — last contact {when}",
    "digest_quiet_line_overdue": "{index}. {name} — last contact {when} (too long ago)",
    "digest_quiet_never": "{index}. {name} — no contact logged yet",
    "digest_more": "… and {count} more. All follow-ups are in /followups, contacts via /contact.",
    "button_digest_done": "{index} Gedaan",
    "button_digest_later": "{index} Later",
    "button_digest_visit": "{index} Log visit",
    "quiet_snoozed": "{name} is left out of your overview for a week.",
    "weekly_title": "Your week ahead (week of {date}):",
    "weekly_nothing_ahead": "No follow-ups planned this week.",
    "weekly_line": "• {when} — {title}{about}",
    "weekly_silent": "Not spoken to for too long, by area:",
    "weekly_area": "{area}: {names}",
    "weekly_no_area": "No area",
    "weekly_name": "{name} ({when})",
    "weekly_name_never": "{name} (never)",
    "weekly_more": " and {count} more",
    "digest_quiet_tightened": " · tightened rhythm ({area})",
    "digest_tension": "Tension",
    "digest_tension_line": "{emoji} {area}: {level} — contact rhythm {times}× as often",
    "digest_tension_proposal": "💡 {area}: {count} new signals — review proposed",
    "digest_tension_proposal_new": (
        "💡 {area}: {count} signals, not assessed yet — assessment proposed"
    ),
    "digest_tension_proposal_above": "💡 {area}: tension judged higher — review proposed",
    "digest_button_tension": "Tension {area}",
}
