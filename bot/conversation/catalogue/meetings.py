"""Texts of area meetings (/overleg): planning, the agenda proposal, partners' invitations and
reminders, and logging a meeting afterwards."""

from __future__ import annotations

NL: dict[str, str] = {
    "cmd_overleg": "Gebiedsoverleg plannen, agenda en verslag",
    "mt_list_title": "Gebiedsoverleggen:",
    "mt_list_none": "Er is nog geen gebiedsoverleg gepland.",
    "mt_list_line": "• {area}: {rhythm}; volgende keer {next}",
    "mt_list_line_no_next": "• {area}: {rhythm}",
    "mt_button_new": "Nieuw overleg",
    "mt_ask_area": "Voor welk gebied is het overleg?",
    "mt_ask_wijk": "Welk deel van {district}?",
    "mt_ask_every": (
        "Hoe vaak komt het overleg bij elkaar? Kies hieronder, of typ het in één keer, "
        "bijvoorbeeld “elke 6 weken op dinsdag om 19:30”."
    ),
    "mt_button_every_1": "Elke week",
    "mt_button_every": "Elke {weeks} weken",
    "mt_ask_when": (
        "Wanneer is het eerste overleg? Typ dag en tijd, bijvoorbeeld “dinsdag 8 december om "
        "19:30” of “volgende week donderdag 10 uur”."
    ),
    "mt_when_not_understood": (
        "Die datum begrijp ik niet. Typ dag en tijd, bijvoorbeeld “dinsdag 8 december om 19:30”."
    ),
    "mt_when_no_time": "Hoe laat begint het? Typ dag en tijd, bijvoorbeeld “{day} om 19:30”.",
    "mt_when_past": "Dat moment is al voorbij. Typ een dag en tijd die nog komen.",
    "mt_ask_place": (
        "Waar is het overleg? Typ de plek (bijvoorbeeld “buurthuis De Schakel”), of kies Overslaan."
    ),
    "mt_button_skip": "Overslaan",
    "mt_ask_invitees": (
        "Wie nodig je uit? Tik op een naam om die toe te voegen of weg te halen, of typ een naam "
        "om te zoeken. Kies Klaar als iedereen erbij staat.\nUitgenodigd: {chosen}"
    ),
    "mt_invitees_none_yet": "nog niemand",
    "mt_invitee_none_found": "Ik vind niemand die lijkt op “{name}”. Probeer een andere naam.",
    "mt_button_done": "Klaar",
    "mt_card": (
        "Gebiedsoverleg plannen — klopt dit?\nGebied: {area}\nWanneer: {rhythm}, voor het eerst "
        "{first}\nWaar: {place}\nUitgenodigd: {invitees}"
    ),
    "mt_place_unknown": "nog niet bekend",
    "mt_rhythm_1": "elke week op {weekday} om {time}",
    "mt_rhythm": "elke {weeks} weken op {weekday} om {time}",
    "mt_planned": (
        "Gepland: gebiedsoverleg {area}, voor het eerst {first}. {working_days} werkdagen van "
        "tevoren stel ik je een agenda voor; genodigden die als partner op de bot zitten "
        "krijgen de datum en een herinnering."
    ),
    "mt_plan_error_interval": "Kies hoe vaak het overleg is: elke 1 tot 26 weken.",
    "mt_plan_error_past": "Het eerste overleg ligt inmiddels in het verleden. Begin opnieuw.",
    "mt_plan_error_no_time": "Er ontbreekt een tijd. Begin opnieuw.",
    "mt_plan_error_no_area": "Dat gebied bestaat niet meer. Begin opnieuw.",
    "mt_view": (
        "Gebiedsoverleg {area}\n{rhythm}\nWaar: {place}\nUitgenodigd: {invitees}\n"
        "Komende data:\n{dates}"
    ),
    "mt_view_date": "• {date}",
    "mt_view_date_cancelled": "• {date} (gaat niet door)",
    "mt_view_no_dates": "• geen",
    "mt_hidden_invitees": "{count} uit het informele netwerk",
    "mt_button_cancel_date": "{date} afzeggen",
    "mt_button_agenda": "Agenda-voorstel",
    "mt_button_log_last": "Verslag {date}",
    "mt_button_end": "Overleg stoppen",
    "mt_confirm_end": (
        "Het gebiedsoverleg {area} stoppen? Er komen dan geen nieuwe data, agenda's of "
        "herinneringen meer. Wat al is vastgelegd blijft bewaard."
    ),
    "mt_button_yes_end": "Ja, stoppen",
    "mt_ended": "Het gebiedsoverleg {area} is gestopt.",
    "mt_date_cancelled": "Afgezegd: gebiedsoverleg {area} op {date}.",
    "mt_date_cancelled_told": (
        "Afgezegd: gebiedsoverleg {area} op {date}. {count} partner(s) die de datum hadden, "
        "krijgen bericht."
    ),
    "mt_date_not_cancellable": "Die datum is al begonnen of hoort niet bij dit overleg.",
    "mt_not_yours": "Dit overleg beheer je niet; de organisator of een netwerkregisseur wel.",
    "mt_agenda": "Agenda-voorstel voor het gebiedsoverleg {area} op {when}:",
    "mt_agenda_now": "Agenda-voorstel voor het gebiedsoverleg {area} (volgende keer {when}):",
    "mt_agenda_tension": "Spanningsbeeld: {level} (vastgesteld {date})",
    "mt_agenda_tension_none": "Spanningsbeeld: nog niet vastgesteld",
    "mt_agenda_signals": "Open signalen ({count}):",
    "mt_agenda_signals_none": "Open signalen: geen",
    "mt_agenda_follow_ups": "Open vervolgacties in dit gebied ({count}):",
    "mt_agenda_follow_ups_none": "Open vervolgacties in dit gebied: geen",
    "mt_agenda_follow_up": "• {title} — {due}",
    "mt_agenda_more": "• en nog {count}",
    "mt_agenda_surveys": "Recente peilingen onder partners hier:",
    "mt_agenda_survey": "• {title} (gesloten {date}): {parts}",
    "mt_agenda_survey_part": "{network} {responded} van {invited} reageerden",
    "mt_agenda_survey_top": "; meest gekozen: {answers}",
    "mt_network_formal": "formeel",
    "mt_network_informal": "informeel",
    "mt_agenda_none": "Er staat niets open om te bespreken.",
    "mt_button_cancel_this": "Deze keer afzeggen",
    "mt_prompt": (
        "Het gebiedsoverleg {area} van {when} is voorbij. Hoe ging het? Leg in één korte ronde "
        "vast wie er waren, wat er besloten is en welke acties er zijn."
    ),
    "mt_button_log": "Vastleggen",
    "mt_invitation": "Uitnodiging van de gemeente: gebiedsoverleg {area} op {when}{place}.",
    "mt_reminder": "Herinnering: gebiedsoverleg {area} op {when}{place}.",
    "mt_cancelled_out": "Het gebiedsoverleg {area} op {when} gaat niet door.",
    "mt_at_place": ", {place}",
    "mt_log_attendance": (
        "Verslag gebiedsoverleg {area} van {when}. Wie waren er? Tik op wie er was en kies dan "
        "Verder.\nAanwezig: {present}"
    ),
    "mt_log_nobody": "nog niemand aangetikt",
    "mt_button_next": "Verder",
    "mt_log_ask_decisions": "Wat is er besloten? Typ één besluit per regel.",
    "mt_button_no_decisions": "Geen besluiten",
    "mt_log_ask_actions": (
        "Welke acties zijn afgesproken? Typ één actie per regel, met wanneer, bijvoorbeeld "
        "“Jongerenwerk uitnodigen voor het volgende overleg, vrijdag”. Elke actie wordt een "
        "vervolgactie in /acties."
    ),
    "mt_button_no_actions": "Geen acties",
    "mt_log_bsn": "Dat bevat een BSN; dat sla ik niet op. Typ het opnieuw zonder dat nummer.",
    "mt_log_card": (
        "Verslag gebiedsoverleg {area} van {when} — klopt dit?\nAanwezig: {present}\n"
        "Besluiten:\n{decisions}\nActies:\n{actions}"
    ),
    "mt_log_line": "• {text}",
    "mt_log_action": "• {title} — {due}",
    "mt_log_action_undated": "• {title} — nog geen datum",
    "mt_log_none": "• geen",
    "mt_logged": (
        "Vastgelegd: gebiedsoverleg {area} van {when}, {present} aanwezig. {actions} "
        "vervolgactie(s) staan in /acties."
    ),
    "mt_log_already": "Dit overleg is al vastgelegd.",
    "mt_log_cancelled": "Dit overleg ging niet door; er valt niets vast te leggen.",
    "mt_log_not_yet": "Dit overleg is nog niet begonnen.",
    "mt_day_0": "maandag",
    "mt_day_1": "dinsdag",
    "mt_day_2": "woensdag",
    "mt_day_3": "donderdag",
    "mt_day_4": "vrijdag",
    "mt_day_5": "zaterdag",
    "mt_day_6": "zondag",
}

EN: dict[str, str] = {
    "cmd_overleg": "Plan area meetings, agenda and minutes",
    "mt_list_title": "Area meetings:",
    "mt_list_none": "No area meeting has been planned yet.",
    "mt_list_line": "• {area}: {rhythm}; next {next}",
    "mt_list_line_no_next": "• {area}: {rhythm}",
    "mt_button_new": "New meeting",
    "mt_ask_area": "Which area is the meeting for?",
    "mt_ask_wijk": "Which part of {district}?",
    "mt_ask_every": (
        "How often does the meeting take place? Choose below, or type it all at once, for "
        "example “every 6 weeks on Tuesday at 19:30”."
    ),
    "mt_button_every_1": "Every week",
    "mt_button_every": "Every {weeks} weeks",
    "mt_ask_when": (
        "When is the first meeting? Type a day and time, for example “Tuesday 8 December at "
        "19:30” or “next Thursday 10am”."
    ),
    "mt_when_not_understood": (
        "I don't understand that date. Type a day and time, for example “Tuesday 8 December at "
        "19:30”."
    ),
    "mt_when_no_time": "What time does it start? Type day and time, for example “{day} at 19:30”.",
    "mt_when_past": "That moment has passed. Type a day and time still to come.",
    "mt_ask_place": (
        "Where is the meeting? Type the place (for example “community centre De Schakel”), or "
        "choose Skip."
    ),
    "mt_button_skip": "Skip",
    "mt_ask_invitees": (
        "Whom do you invite? Tap a name to add or remove it, or type a name to search. Choose "
        "Done when everyone is there.\nInvited: {chosen}"
    ),
    "mt_invitees_none_yet": "nobody yet",
    "mt_invitee_none_found": "I find nobody like “{name}”. Try another name.",
    "mt_button_done": "Done",
    "mt_card": (
        "Plan area meeting — is this right?\nArea: {area}\nWhen: {rhythm}, first on {first}\n"
        "Where: {place}\nInvited: {invitees}"
    ),
    "mt_place_unknown": "not known yet",
    "mt_rhythm_1": "every week on {weekday} at {time}",
    "mt_rhythm": "every {weeks} weeks on {weekday} at {time}",
    "mt_planned": (
        "Planned: area meeting {area}, first on {first}. {working_days} working days before, "
        "I'll propose an agenda; invitees who are partners on the bot get the date and a "
        "reminder."
    ),
    "mt_plan_error_interval": "Choose how often the meeting is: every 1 to 26 weeks.",
    "mt_plan_error_past": "The first meeting is in the past by now. Start again.",
    "mt_plan_error_no_time": "A time is missing. Start again.",
    "mt_plan_error_no_area": "That area no longer exists. Start again.",
    "mt_view": (
        "Area meeting {area}\n{rhythm}\nWhere: {place}\nInvited: {invitees}\nComing dates:\n"
        "{dates}"
    ),
    "mt_view_date": "• {date}",
    "mt_view_date_cancelled": "• {date} (called off)",
    "mt_view_no_dates": "• none",
    "mt_hidden_invitees": "{count} from the informal network",
    "mt_button_cancel_date": "Call off {date}",
    "mt_button_agenda": "Agenda proposal",
    "mt_button_log_last": "Minutes {date}",
    "mt_button_end": "Stop meeting",
    "mt_confirm_end": (
        "Stop the area meeting {area}? There will be no new dates, agendas or reminders. What "
        "was logged is kept."
    ),
    "mt_button_yes_end": "Yes, stop",
    "mt_ended": "The area meeting {area} has been stopped.",
    "mt_date_cancelled": "Called off: area meeting {area} on {date}.",
    "mt_date_cancelled_told": (
        "Called off: area meeting {area} on {date}. {count} partner(s) who had the date will "
        "be told."
    ),
    "mt_date_not_cancellable": "That date has started already or is not one of this meeting.",
    "mt_not_yours": "You don't manage this meeting; its organiser or a coordinator does.",
    "mt_agenda": "Agenda proposal for the area meeting {area} on {when}:",
    "mt_agenda_now": "Agenda proposal for the area meeting {area} (next on {when}):",
    "mt_agenda_tension": "Tension picture: {level} (set {date})",
    "mt_agenda_tension_none": "Tension picture: not assessed yet",
    "mt_agenda_signals": "Open signals ({count}):",
    "mt_agenda_signals_none": "Open signals: none",
    "mt_agenda_follow_ups": "Open follow-ups in this area ({count}):",
    "mt_agenda_follow_ups_none": "Open follow-ups in this area: none",
    "mt_agenda_follow_up": "• {title} — {due}",
    "mt_agenda_more": "• and {count} more",
    "mt_agenda_surveys": "Recent surveys among partners here:",
    "mt_agenda_survey": "• {title} (closed {date}): {parts}",
    "mt_agenda_survey_part": "{network} {responded} of {invited} responded",
    "mt_agenda_survey_top": "; most chosen: {answers}",
    "mt_network_formal": "formal",
    "mt_network_informal": "informal",
    "mt_agenda_none": "Nothing is open to discuss.",
    "mt_button_cancel_this": "Call this one off",
    "mt_prompt": (
        "The area meeting {area} of {when} is over. How did it go? Log who came, what was "
        "decided and which actions were agreed, in one short round."
    ),
    "mt_button_log": "Log it",
    "mt_invitation": "Invitation from the municipality: area meeting {area} on {when}{place}.",
    "mt_reminder": "Reminder: area meeting {area} on {when}{place}.",
    "mt_cancelled_out": "The area meeting {area} on {when} is called off.",
    "mt_at_place": ", {place}",
    "mt_log_attendance": (
        "Minutes of area meeting {area} of {when}. Who came? Tap who was there, then choose "
        "Next.\nPresent: {present}"
    ),
    "mt_log_nobody": "nobody tapped yet",
    "mt_button_next": "Next",
    "mt_log_ask_decisions": "What was decided? Type one decision per line.",
    "mt_button_no_decisions": "No decisions",
    "mt_log_ask_actions": (
        "Which actions were agreed? Type one action per line, with when, for example “Invite "
        "youth work to the next meeting, Friday”. Every action becomes a follow-up in /acties."
    ),
    "mt_button_no_actions": "No actions",
    "mt_log_bsn": "That contains a BSN; I don't store it. Type it again without that number.",
    "mt_log_card": (
        "Minutes of area meeting {area} of {when} — is this right?\nPresent: {present}\n"
        "Decisions:\n{decisions}\nActions:\n{actions}"
    ),
    "mt_log_line": "• {text}",
    "mt_log_action": "• {title} — {due}",
    "mt_log_action_undated": "• {title} — no date yet",
    "mt_log_none": "• none",
    "mt_logged": (
        "Logged: area meeting {area} of {when}, {present} present. {actions} follow-up(s) are "
        "in /acties."
    ),
    "mt_log_already": "This meeting has been logged already.",
    "mt_log_cancelled": "This meeting was called off; there is nothing to log.",
    "mt_log_not_yet": "This meeting has not started yet.",
    "mt_day_0": "Monday",
    "mt_day_1": "Tuesday",
    "mt_day_2": "Wednesday",
    "mt_day_3": "Thursday",
    "mt_day_4": "Friday",
    "mt_day_5": "Saturday",
    "mt_day_6": "Sunday",
}
