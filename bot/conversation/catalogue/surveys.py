"""Texts for needs surveys (/peiling): starting and planning rounds, answering them one
question at a time, the reminder, the summary and "dit doen we ermee"."""

from __future__ import annotations

NL: dict[str, str] = {
    # starting a round (coordinator)
    "sv_menu": (
        "Peilingen onder partners. Een ronde gaat naar de partners in een groep die "
        "ingestemd hebben; ze antwoorden met knoppen, vraag voor vraag.{planned}"
    ),
    "sv_menu_planned": "\n\nIngepland:\n{lines}",
    "sv_planned_line": "• {title} — {segment}, {cron} (volgende: {next})",
    "sv_button_new": "Nieuwe ronde",
    "sv_button_plan": "Inplannen",
    "sv_button_rounds": "Rondes en resultaten",
    "sv_button_stop_plan": "Stop planning {index}",
    "sv_plan_stopped": "Deze planning is gestopt; er gaan geen nieuwe rondes meer uit.",
    "sv_choose_template": "Welke peiling?",
    "sv_area": "Naar wie gaat de peiling? Kies eerst het gebied.",
    "sv_nobody": (
        "In deze groep is niemand die ingestemd heeft met berichten via de bot. Kies een "
        "andere groep met /peiling."
    ),
    "sv_deadline": (
        "{count} partner(s) krijgen de peiling. Tot wanneer kunnen ze antwoorden? Kies, of "
        "typ een datum (bijv. “vrijdag 18 december”)."
    ),
    "sv_button_days": "{days} dagen",
    "sv_deadline_past": "Die datum ligt niet in de toekomst. Tot wanneer kunnen ze antwoorden?",
    "sv_preview": (
        "Voorbeeld — “{title}” ({questions} vragen) gaat naar {count} partner(s) "
        "({segment}).\nAntwoorden kan tot {deadline}; wie dan nog niet klaar is krijgt "
        "één herinnering vooraf. Daarna krijg je de uitkomst."
    ),
    "sv_plan_preview": (
        "Inplannen — “{title}” gaat {cron} naar de partners in deze groep ({segment}; nu "
        "{count}), met {days} dagen om te antwoorden. De eerste ronde: {next}.\n"
        "Een ander schema? Typ het als cron-regel, bijv. “0 9 1 */2 *” (elke twee maanden)."
    ),
    "sv_cron_quarterly": "elk kwartaal",
    "sv_cron_custom": "volgens “{cron}”",
    "sv_cron_invalid": (
        "Die cron-regel begrijp ik niet. Bijvoorbeeld: 0 9 1 1,4,7,10 * (elk kwartaal)."
    ),
    "sv_button_send": "Versturen",
    "sv_button_schedule": "Inplannen",
    "sv_sent": "De peiling is verstuurd naar {count} partner(s). Antwoorden kan tot {deadline}.",
    "sv_sent_morning": (
        "De peiling staat klaar voor {count} partner(s) en gaat {when} de deur uit (niet "
        "'s nachts). Antwoorden kan tot {deadline}."
    ),
    "sv_scheduled": "Ingepland. De eerste ronde gaat {next} uit.",
    "sv_gone": "Deze peiling is al verstuurd of geannuleerd.",
    "sv_rounds_none": "Er zijn nog geen rondes. Start er een met /peiling.",
    "sv_rounds": "Rondes:\n{lines}",
    "sv_round_line": "{index}. {title}, {opened} — {state}",
    "sv_state_open": "loopt tot {deadline}, {responded} van {invited} geantwoord",
    "sv_state_closed": "gesloten, {responded} van {invited} geantwoord",
    "sv_button_round": "Ronde {index}",
    # answering (partner)
    "sv_intro": (
        "📋 Peiling van de gemeente: {title}\n{questions} korte vragen; antwoorden kan tot "
        "{deadline}. Je kunt stoppen en later verder met /mijn_peilingen."
    ),
    "sv_question": "Vraag {number} van {total}\n{text}",
    "sv_question_many": "Vraag {number} van {total}\n{text}\nKies en druk dan op Klaar.",
    "sv_question_open": "Vraag {number} van {total}\n{text}",
    "sv_button_done": "Klaar",
    "sv_button_skip": "Overslaan",
    "sv_ticked": "✓ {label}",
    "sv_pick_one": "Kies er minstens één, en druk dan op Klaar.",
    "sv_open_empty": "Ik zie geen antwoord. Typ het in een paar zinnen, of kies Overslaan.",
    "sv_thanks": "Dank je wel voor je antwoorden! De gemeente laat weten wat ermee gebeurt.",
    "sv_closed": (
        "Deze peiling is gesloten; antwoorden kan niet meer. Dank je wel voor je tijd. "
        "Wil je toch iets kwijt? Stel je vraag met /vraag."
    ),
    "sv_stale": "Die vraag heb je al beantwoord. Hier ga je verder:",
    "sv_none_open": "Er staat geen peiling voor je open.",
    "sv_reminder": (
        "⏰ Een vriendelijke herinnering: de peiling “{title}” sluit {deadline}. Heb je "
        "een paar minuten? Hier ga je verder:"
    ),
    "sv_bsn": (
        "Dit antwoord bevat een burgerservicenummer (BSN). Dat mag hier niet in; ik heb het "
        "niet bewaard. Typ je antwoord opnieuw zonder dat nummer."
    ),
    # results (coordinator)
    "sv_summary": (
        "📊 Uitkomst van de peiling “{title}” ({segment}), gesloten {closed}.\n"
        "Respons: {responded} van {invited} partner(s) ({rate}%), {finished} helemaal.\n"
        "Aantallen onder de 5 staan als <5; formeel en informeel apart."
    ),
    "sv_summary_question": "\n{number}. {text}",
    "sv_summary_tally": "• {label}: {total} (formeel {formal}, informeel {informal})",
    "sv_summary_open": "• “{text}”",
    "sv_summary_open_concern": "• [{index}] “{text}” — noemt: {words}",
    "sv_summary_no_answers": "• nog geen antwoorden",
    "sv_summary_open_note": (
        "\nOpen antwoorden zijn alleen voor jou; ze komen niet in rapportages. Een antwoord "
        "dat over een zorg gaat, kun je als concept-signaal bekijken."
    ),
    "sv_button_signal": "Concept-signaal [{index}]",
    "sv_button_loop": "Dit doen we ermee",
    "sv_button_meeting": "Overleg plannen",
    "sv_signal_intro": (
        "Concept-signaal uit een open antwoord van de peiling. Niets is opgeslagen: controleer "
        "en vul aan, en kies Opslaan alleen als het een signaal is."
    ),
    "sv_answer_gone": "Dit antwoord bestaat niet meer.",
    "sv_round_gone": "Deze ronde bestaat niet meer.",
    # closing the loop (coordinator)
    "sv_loop_ask": (
        "Wat doen jullie met de uitkomst? Typ een kort bericht; het gaat naar de {count} "
        "partner(s) van deze ronde (bijv. “We organiseren in maart een training over online "
        "polarisatie.”)."
    ),
    "sv_loop_nobody": "Geen van de partners van deze ronde kan nog berichten ontvangen.",
    "sv_loop_already": "Voor deze ronde is “dit doen we ermee” al verstuurd.",
    "sv_loop_header": "Over de peiling “{title}” — dit doen we ermee:",
    "sv_loop_preview": "Voorbeeld — dit gaat naar {count} partner(s):\n\n{message}",
    "sv_loop_sent": (
        "Verstuurd naar {count} partner(s); bij ieder staat het als gedeelde informatie."
    ),
    "cmd_peiling": "Partners peilen: een ronde starten of inplannen, en de uitkomst",
    "cmd_mijn_peilingen": "Je open peilingen beantwoorden (partners)",
}

EN: dict[str, str] = {
    "sv_menu": (
        "Partner surveys. A round goes to the partners in a group who agreed; they answer "
        "with buttons, one question at a time.{planned}"
    ),
    "sv_menu_planned": "\n\nScheduled:\n{lines}",
    "sv_planned_line": "• {title} — {segment}, {cron} (next: {next})",
    "sv_button_new": "New round",
    "sv_button_plan": "Schedule",
    "sv_button_rounds": "Rounds and results",
    "sv_button_stop_plan": "Stop schedule {index}",
    "sv_plan_stopped": "This schedule was stopped; no new rounds will go out.",
    "sv_choose_template": "Which survey?",
    "sv_area": "Who gets the survey? First choose the area.",
    "sv_nobody": (
        "Nobody in this group agreed to messages through the bot. Choose another group with "
        "/survey."
    ),
    "sv_deadline": (
        "{count} partner(s) get the survey. Until when can they answer? Choose, or type a "
        "date (e.g. “Friday 18 December”)."
    ),
    "sv_button_days": "{days} days",
    "sv_deadline_past": "That date is not in the future. Until when can they answer?",
    "sv_preview": (
        "Preview — “{title}” ({questions} questions) goes to {count} partner(s) "
        "({segment}).\nThey can answer until {deadline}; whoever has not finished gets one "
        "reminder before. Then you get the results."
    ),
    "sv_plan_preview": (
        "Schedule — “{title}” goes {cron} to the partners in this group ({segment}; now "
        "{count}), with {days} days to answer. The first round: {next}.\n"
        "Another schedule? Type it as a cron line, e.g. “0 9 1 */2 *” (every two months)."
    ),
    "sv_cron_quarterly": "every quarter",
    "sv_cron_custom": "following “{cron}”",
    "sv_cron_invalid": (
        "I don't understand that cron line. For example: 0 9 1 1,4,7,10 * (quarterly)."
    ),
    "sv_button_send": "Send",
    "sv_button_schedule": "Schedule",
    "sv_sent": "The survey was sent to {count} partner(s). They can answer until {deadline}.",
    "sv_sent_morning": (
        "The survey is ready for {count} partner(s) and goes out {when} (not at night). They "
        "can answer until {deadline}."
    ),
    "sv_scheduled": "Scheduled. The first round goes out {next}.",
    "sv_gone": "This survey was already sent or cancelled.",
    "sv_rounds_none": "There are no rounds yet. Start one with /survey.",
    "sv_rounds": "Rounds:\n{lines}",
    "sv_round_line": "{index}. {title}, {opened} — {state}",
    "sv_state_open": "open until {deadline}, {responded} of {invited} answered",
    "sv_state_closed": "closed, {responded} of {invited} answered",
    "sv_button_round": "Round {index}",
    "sv_intro": (
        "📋 Survey from the municipality: {title}\n{questions} short questions; you can "
        "answer until {deadline}. You can stop and continue later with /my_surveys."
    ),
    "sv_question": "Question {number} of {total}\n{text}",
    "sv_question_many": "Question {number} of {total}\n{text}\nChoose, then press Klaar (done).",
    "sv_question_open": "Question {number} of {total}\n{text}",
    "sv_button_done": "Klaar",
    "sv_button_skip": "Skip",
    "sv_ticked": "✓ {label}",
    "sv_pick_one": "Choose at least one, then press Klaar (done).",
    "sv_open_empty": "I see no answer. Type it in a few sentences, or choose Skip.",
    "sv_thanks": "Thank you for your answers! The municipality will let you know what it does "
                 "with them.",
    "sv_closed": (
        "This survey is closed; answers are no longer possible. Thank you for your time. "
        "Something on your mind? Ask it with /question."
    ),
    "sv_stale": "You already answered that question. Continue here:",
    "sv_none_open": "There is no survey open for you.",
    "sv_reminder": (
        "⏰ A friendly reminder: the survey “{title}” closes {deadline}. Do you have a few "
        "minutes? Continue here:"
    ),
    "sv_bsn": (
        "This answer contains a citizen service number (BSN). It may not be here; I kept "
        "nothing. Please type your answer again without that number."
    ),
    "sv_summary": (
        "📊 Results of the survey “{title}” ({segment}), closed {closed}.\n"
        "Response: {responded} of {invited} partner(s) ({rate}%), {finished} completely.\n"
        "Counts under 5 show as <5; formal and informal apart."
    ),
    "sv_summary_question": "\n{number}. {text}",
    "sv_summary_tally": "• {label}: {total} (formal {formal}, informal {informal})",
    "sv_summary_open": "• “{text}”",
    "sv_summary_open_concern": "• [{index}] “{text}” — mentions: {words}",
    "sv_summary_no_answers": "• no answers yet",
    "sv_summary_open_note": (
        "\nOpen answers are for you only; they never go into reports. An answer about a "
        "concern can be reviewed as a draft signal."
    ),
    "sv_button_signal": "Draft signal [{index}]",
    "sv_button_loop": "What we do with it",
    "sv_button_meeting": "Plan a meeting",
    "sv_signal_intro": (
        "Draft signal from an open survey answer. Nothing was saved: check and complete it, "
        "and choose Opslaan only if it is a signal."
    ),
    "sv_answer_gone": "This answer no longer exists.",
    "sv_round_gone": "This round no longer exists.",
    "sv_loop_ask": (
        "What will you do with the results? Type a short message; it goes to the {count} "
        "partner(s) of this round (e.g. “In March we organise a training on online "
        "polarisation.”)."
    ),
    "sv_loop_nobody": "None of this round's partners can receive messages any more.",
    "sv_loop_already": "“What we do with it” was already sent for this round.",
    "sv_loop_header": "About the survey “{title}” — what we do with it:",
    "sv_loop_preview": "Preview — this goes to {count} partner(s):\n\n{message}",
    "sv_loop_sent": "Sent to {count} partner(s); for each it is recorded as shared information.",
    "cmd_peiling": "Survey partners: start or schedule a round, and the results",
    "cmd_mijn_peilingen": "Answer your open surveys (partners)",
}
