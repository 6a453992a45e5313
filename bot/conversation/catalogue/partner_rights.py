"""Texts for a partner's own rights: /mijngegevens (a copy of their data), /verwijderverzoek
and /correctie (requests), and the request as it reaches the coordinator or admin."""

from __future__ import annotations

NL: dict[str, str] = {
    # the copy (partner)
    "prr_file_name": "mijn-gegevens-{date}",
    "prr_data_sent": (
        "Dit is wat de gemeente over je bewaart: {interactions} contactmoment(en), "
        "{follow_ups} vervolgactie(s) en {signals} signaal/signalen waarvan jij de bron bent. "
        "Hierboven als leesbare tekst; hieronder hetzelfde als bestand voor een computer "
        "(JSON). Namen van anderen en de inhoud van signalen staan er niet in; onderaan de "
        "tekst lees je waarom."
    ),
    "prr_data_json": (
        "Klopt er iets niet, of wil je dat we je gegevens verwijderen? Kies hieronder; we "
        "handelen je verzoek binnen een maand af."
    ),
    "prr_button_correction": "Iets laten corrigeren",
    "prr_button_erasure": "Laten verwijderen",
    "prr_signal_withheld": "inhoud niet meegestuurd (zie onderaan)",
    "prr_doc_questions": "Je vragen aan de gemeente ({count}):",
    "prr_doc_question": "• {date}: {question}",
    "prr_doc_answer": "  Antwoord: {answer}",
    "prr_doc_requests": "Je verzoeken over je gegevens ({count}):",
    "prr_doc_request_erasure": "• {date}: verwijderverzoek — {state}",
    "prr_doc_request_correction": "• {date}: correctieverzoek — {state}",
    "prr_doc_handled": "afgehandeld op {date}",
    "prr_doc_open": "in behandeling, uiterlijk {date} afgehandeld",
    "prr_doc_withheld": "Wat niet in deze kopie staat, en waarom:",
    "prr_doc_withheld_other_names": (
        "• Namen van andere mensen zijn vervangen door […]: hun gegevens zijn van hen."
    ),
    "prr_doc_withheld_staff": (
        "• Welke medewerker iets vastlegde staat er niet in; het gaat om jouw gegevens."
    ),
    "prr_doc_withheld_signal_content": (
        "• Van signalen waarvan jij de bron bent staan alleen datum, gebied, onderwerp en "
        "status erin. De beschrijving gaat over een gebied en soms over anderen. Wil je weten "
        "wat er precies staat? Vraag het de netwerkregisseur met /vraag."
    ),
    # requests (partner)
    "prr_ask_erasure": (
        "Je vraagt de gemeente je gegevens te verwijderen. Wil je er iets bij zeggen, "
        "bijvoorbeeld wat precies? Typ het in één kort bericht, of kies Versturen zonder "
        "toelichting."
    ),
    "prr_ask_correction": (
        "Wat klopt er niet aan je gegevens? Typ in één kort bericht wat er anders moet, of "
        "kies Versturen zonder toelichting."
    ),
    "prr_button_send_plain": "Versturen zonder toelichting",
    "prr_received_erasure": (
        "Je verwijderverzoek is ontvangen ({date}). De gemeente handelt het binnen een maand "
        "af, uiterlijk {due}, zoals de AVG voorschrijft. Na het verwijderen werkt deze bot "
        "niet meer voor je."
    ),
    "prr_received_correction": (
        "Je correctieverzoek is ontvangen ({date}). De gemeente handelt het binnen een maand "
        "af, uiterlijk {due}, zoals de AVG voorschrijft."
    ),
    "prr_already_erasure": (
        "Je had al een verwijderverzoek gedaan ({date}); dat is in behandeling en wordt "
        "uiterlijk {due} afgehandeld."
    ),
    "prr_already_correction": (
        "Je had al een correctieverzoek gedaan ({date}); dat is in behandeling en wordt "
        "uiterlijk {due} afgehandeld. Iets toevoegen? Gebruik /vraag."
    ),
    "prr_handled_erasure": "Je verwijderverzoek van {date} is afgehandeld.",
    "prr_handled_correction": (
        "Je correctieverzoek van {date} is afgehandeld. Met /mijngegevens zie je wat we nu "
        "bewaren."
    ),
    # the request (coordinator or admin)
    "prr_in_erasure": (
        "📮 Verwijderverzoek van {name}{organisation}, ontvangen {date}. Wettelijke termijn: "
        "uiterlijk {due} afhandelen."
    ),
    "prr_in_correction": (
        "📮 Correctieverzoek van {name}{organisation}, ontvangen {date}. Wettelijke termijn: "
        "uiterlijk {due} afhandelen."
    ),
    "prr_in_text": "Toelichting: “{text}”",
    "prr_admins_erase": (
        "Wissen kan alleen een beheerder; de beheerders hebben dit verzoek ook gekregen."
    ),
    "prr_button_erase": "Wissen…",
    "prr_button_edit": "Corrigeren",
    "prr_button_export": "Inzage",
    "prr_button_done": "Afgehandeld",
    "prr_done": "Vastgelegd als afgehandeld; de partner krijgt daarvan bericht.",
    "prr_done_already": "Dit verzoek was al afgehandeld.",
    "cmd_mijngegevens": "Een kopie van wat de gemeente over je bewaart",
    "cmd_verwijderverzoek": "Vragen je gegevens te verwijderen",
    "cmd_correctie": "Vragen je gegevens te corrigeren",
}

EN: dict[str, str] = {
    "prr_file_name": "my-data-{date}",
    "prr_data_sent": (
        "This is what the municipality keeps about you: {interactions} contact moment(s), "
        "{follow_ups} follow-up(s) and {signals} signal(s) with you as the source. Above as "
        "readable text; below the same as a file for a computer (JSON). Other people's names "
        "and the content of signals are left out; the end of the text says why."
    ),
    "prr_data_json": (
        "Something wrong, or do you want us to delete your data? Choose below; we handle your "
        "request within a month."
    ),
    "prr_button_correction": "Have something corrected",
    "prr_button_erasure": "Have it deleted",
    "prr_signal_withheld": "content not included (see the end)",
    "prr_doc_questions": "Your questions to the municipality ({count}):",
    "prr_doc_question": "• {date}: {question}",
    "prr_doc_answer": "  Answer: {answer}",
    "prr_doc_requests": "Your requests about your data ({count}):",
    "prr_doc_request_erasure": "• {date}: erasure request — {state}",
    "prr_doc_request_correction": "• {date}: correction request — {state}",
    "prr_doc_handled": "handled on {date}",
    "prr_doc_open": "in progress, handled by {date} at the latest",
    "prr_doc_withheld": "What this copy leaves out, and why:",
    "prr_doc_withheld_other_names": (
        "• Other people's names are replaced by […]: their data is theirs."
    ),
    "prr_doc_withheld_staff": (
        "• Which staff member recorded something is left out; this is about your data."
    ),
    "prr_doc_withheld_signal_content": (
        "• Of signals with you as the source only the date, area, subject and status are "
        "included. The description is about an area and sometimes about others. Want to know "
        "exactly what it says? Ask the network coordinator with /question."
    ),
    "prr_ask_erasure": (
        "You are asking the municipality to delete your data. Anything to add, for example "
        "what exactly? Type it in one short message, or choose Send without explanation."
    ),
    "prr_ask_correction": (
        "What is wrong with your data? Type in one short message what should change, or "
        "choose Send without explanation."
    ),
    "prr_button_send_plain": "Send without explanation",
    "prr_received_erasure": (
        "Your erasure request was received ({date}). The municipality handles it within a "
        "month, by {due} at the latest, as the GDPR requires. After the erasure this bot no "
        "longer works for you."
    ),
    "prr_received_correction": (
        "Your correction request was received ({date}). The municipality handles it within a "
        "month, by {due} at the latest, as the GDPR requires."
    ),
    "prr_already_erasure": (
        "You already made an erasure request ({date}); it is in progress and will be handled "
        "by {due} at the latest."
    ),
    "prr_already_correction": (
        "You already made a correction request ({date}); it is in progress and will be "
        "handled by {due} at the latest. Something to add? Use /question."
    ),
    "prr_handled_erasure": "Your erasure request of {date} has been handled.",
    "prr_handled_correction": (
        "Your correction request of {date} has been handled. /mydata shows what we keep now."
    ),
    "prr_in_erasure": (
        "📮 Erasure request from {name}{organisation}, received {date}. Legal term: handle it "
        "by {due} at the latest."
    ),
    "prr_in_correction": (
        "📮 Correction request from {name}{organisation}, received {date}. Legal term: handle "
        "it by {due} at the latest."
    ),
    "prr_in_text": "Explanation: “{text}”",
    "prr_admins_erase": (
        "Only an admin can erase; the admins received this request too."
    ),
    "prr_button_erase": "Erase…",
    "prr_button_edit": "Correct",
    "prr_button_export": "Access",
    "prr_button_done": "Handled",
    "prr_done": "Recorded as handled; the partner is told.",
    "prr_done_already": "This request was already handled.",
    "cmd_mijngegevens": "A copy of what the municipality keeps about you",
    "cmd_verwijderverzoek": "Ask for your data to be deleted",
    "cmd_correctie": "Ask for your data to be corrected",
}
