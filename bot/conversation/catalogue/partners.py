"""Texts for partners on the bot: the invite, the privacy notice and agreement, questions
(/vraag) and information sent to partners (/informeer)."""

from __future__ import annotations

NL: dict[str, str] = {
    # inviting (coordinator)
    "pt_invite_ask": "Wie wil je uitnodigen als partner? Typ (een deel van) de naam.",
    "pt_invite_none": "Ik vind niemand met de naam “{name}” in het register. Probeer een andere "
                      "schrijfwijze, of voeg de persoon eerst toe met /contact.",
    "pt_invite_choose": "Wie bedoel je?",
    "pt_invite_made": (
        "Uitnodiging voor {name} (eenmalig, geldig tot {until}).\n\n"
        "Stuur {name} deze regel; in een chat met de bot opent die het account:\n"
        "/start {token}\n\n"
        "{link}"
        "Na het openen leest {name} wat we vastleggen en waarom, en kiest Akkoord. "
        "Pas daarna stuurt de bot iets."
    ),
    "pt_invite_link": "In Telegram werkt ook de link https://t.me/{username}?start={token}\n",
    "pt_invite_archived": "{name} is gearchiveerd of gestopt; een uitnodiging kan niet.",
    "pt_invite_restricted": (
        "Voor {name} is de verwerking beperkt (/beperken); een uitnodiging kan niet."
    ),
    # the notice and agreement (partner)
    "pt_notice": (
        "Welkom{name}. Deze bot is van de gemeente. De netwerkregisseur van de gemeente houdt "
        "contact met partners en sleutelfiguren in de stad, zodat we elkaar op tijd "
        "informeren over wat er speelt en samen spanningen en polarisatie voorkomen.\n\n"
        "Wat we over je vastleggen: je naam en hoe we je bereiken (telefoon, e-mail, deze "
        "chat); bij welke organisatie en in welk gebied je actief bent; of je bij het formele "
        "of het informele netwerk hoort; en wanneer we contact hadden, met wat we met je "
        "deelden en wat je ons vroeg. Er is geen plek voor je geloof, afkomst, politieke "
        "voorkeur of gezondheid, en een zin daarover in een notitie wordt bij het opslaan "
        "weggelaten.\n\n"
        "Waarom: om je te informeren, je vragen te beantwoorden en te weten wie we in een "
        "gebied kunnen bereiken.\n\n"
        "Hoe lang: contactmomenten en berichten bewaren we {interactions}. Stop je met het "
        "netwerk, dan halen we je naam en gegevens {stopped} na het laatste contact weg.\n\n"
        "Je rechten, ook als je niet akkoord gaat: met /mijngegevens krijg je hier meteen "
        "een kopie van wat we over je bewaren; met /correctie of /verwijderverzoek vraag je "
        "ons iets te corrigeren of je gegevens te verwijderen. We handelen zo'n verzoek binnen "
        "een maand af. Je kunt het ook de netwerkregisseur vragen.\n\n"
        "Ga je akkoord dat we dit vastleggen en je via deze bot informatie sturen en je vragen "
        "beantwoorden? Druk dan op Akkoord. Zonder akkoord sturen we je niets."
    ),
    "pt_years": "{count} jaar",
    "pt_days": "{count} dagen",
    "pt_button_agree": "Akkoord",
    "pt_agreed": (
        "Dank je, je akkoord is vastgelegd ({date}). Vanaf nu ontvang je hier informatie van "
        "de gemeente. Een vraag voor de gemeente? Typ /vraag."
    ),
    "pt_already_agreed": "Je had al ingestemd op {date}. Een vraag? Typ /vraag.",
    "pt_not_linked": (
        "Je account hoort (nog) niet bij een contactpersoon van de gemeente. Vraag de "
        "netwerkregisseur om een nieuwe uitnodiging."
    ),
    # questions (partner)
    "pt_question_ask": "Wat is je vraag aan de gemeente? Typ hem in één bericht.",
    "pt_question_sent": (
        "Je vraag is doorgestuurd naar de netwerkregisseur. Het antwoord krijg je hier."
    ),
    "pt_question_empty": "Ik zie geen vraag. Typ /vraag en dan je vraag.",
    "pt_bsn": (
        "Dit bericht bevat een burgerservicenummer (BSN). Dat mag hier niet in; ik heb het "
        "niet bewaard. Stuur het opnieuw zonder dat nummer."
    ),
    # questions (coordinator)
    "pt_question_in": "❓ Vraag van {name}{organisation}:\n“{question}”",
    "pt_button_answer": "Beantwoorden",
    "pt_answer_ask": "Typ je antwoord aan {name}; het gaat via de bot naar {name} toe.",
    "pt_answer_sent": (
        "Verstuurd aan {name}. Vraag en antwoord staan als contactmoment bij {name}."
    ),
    "pt_answer_already": "Deze vraag is al beantwoord{when}.",
    "pt_answer_gone": "Deze vraag bestaat niet meer.",
    "pt_answer_empty": "Ik zie geen antwoord. Typ je antwoord, of /annuleer.",
    # questions (back to the partner)
    "pt_answer_out": "💬 Antwoord van de gemeente op je vraag “{question}”:\n\n{answer}",
    # informing (coordinator)
    "pt_inform_area": "Wie wil je informeren? Kies eerst het gebied.",
    "pt_button_whole_city": "Hele stad",
    "pt_inform_network": "Welk netwerk?",
    "pt_button_both": "Beide",
    "pt_inform_type": "Welk type organisatie?",
    "pt_button_all_types": "Alle typen",
    "pt_inform_text": (
        "{count} partner(s) in deze groep hebben ingestemd. Typ het bericht dat ze krijgen; "
        "een bestand kun je daarna meesturen."
    ),
    "pt_inform_nobody": (
        "In deze groep is niemand die ingestemd heeft met berichten via de bot. Kies een "
        "andere groep met /informeer."
    ),
    "pt_inform_preview": (
        "Voorbeeld — dit gaat naar {count} partner(s) ({segment}):\n\n{message}{attachment}\n\n"
        "Versturen? Kies Dringend bij een crisis: dan gaat het meteen, ook 's avonds."
    ),
    "pt_inform_attachment": "\n\n📎 Bijlage: {name} ({size})",
    "pt_inform_file_ask": (
        "Stuur eventueel een bestand mee (pdf, afbeelding), of kies Geen bestand."
    ),
    "pt_button_no_file": "Geen bestand",
    "pt_inform_file_text": "Bestand {name} ontvangen. Typ nu het bericht dat erbij hoort.",
    "pt_inform_file_too_large": (
        "Dit bestand is te groot ({size}); een bestand mag hoogstens {max} zijn. Stuur een "
        "kleiner bestand, of ga verder zonder. Wat je al had, is bewaard."
    ),
    "pt_inform_file_type": (
        "Dit soort bestand stuur ik niet door. Stuur een pdf, een afbeelding of een "
        "Office-document, of ga verder zonder. Wat je al had, is bewaard."
    ),
    "pt_inform_file_lost": "Het bestand kwam niet goed door. Stuur het nog een keer.",
    "pt_file_not_expected": "Met een bestand kan ik hier niets; ik heb het niet bewaard.",
    "pt_file_use_inform": "Een bestand voor partners stuur je mee met /informeer.",
    "pt_button_send": "Versturen",
    "pt_button_send_urgent": "Dringend versturen",
    "pt_button_results": "Resultaat",
    "pt_inform_sent": "Verstuurd naar {count} partner(s). Wat er aankwam zie je onder Resultaat.",
    "pt_inform_sent_morning": (
        "Klaargezet voor {count} partner(s); het gaat {when} de deur uit (niet 's nachts). "
        "Wat er aankwam zie je onder Resultaat."
    ),
    "pt_inform_gone": "Dit bericht is al verstuurd of geannuleerd.",
    "pt_inform_results": (
        "Resultaat van je bericht van {when} ({count} partner(s)):\n"
        "• aangekomen: {delivered}\n• nog onderweg: {queued}\n"
        "• bot geblokkeerd: {blocked}\n• mislukt: {failed}\n"
        "• niet verstuurd (geen akkoord of geen toegang meer): {skipped}"
    ),
    "pt_segment_city": "hele stad",
    "pt_segment_formal": "formeel",
    "pt_segment_informal": "informeel",
    "pt_segment_all_types": "alle typen",
    # informing (to the partner)
    "pt_info_out": "ℹ️ Informatie van de gemeente\n\n{message}",
    "pt_info_out_urgent": "🚨 Dringend — informatie van de gemeente\n\n{message}",
    "cmd_uitnodigen": "Een contact uitnodigen als partner op de bot",
    "cmd_informeer": "Partners informeren (een bericht aan een groep)",
    "cmd_vraag": "Een vraag stellen aan de gemeente",
}

EN: dict[str, str] = {
    "pt_invite_ask": "Whom do you want to invite as a partner? Type (part of) the name.",
    "pt_invite_none": "I find nobody called “{name}” in the register. Try another spelling, or "
                      "add the person first with /contact.",
    "pt_invite_choose": "Whom do you mean?",
    "pt_invite_made": (
        "Invitation for {name} (one-time, valid until {until}).\n\n"
        "Send {name} this line; in a chat with the bot it opens the account:\n"
        "/start {token}\n\n"
        "{link}"
        "On opening, {name} reads what we record and why, and chooses Akkoord (agree). "
        "Only then does the bot send anything."
    ),
    "pt_invite_link": "In Telegram the link https://t.me/{username}?start={token} works too.\n",
    "pt_invite_archived": "{name} is archived or has stopped; an invitation is not possible.",
    "pt_invite_restricted": (
        "Processing is restricted for {name} (/restrict); an invitation is not possible."
    ),
    "pt_notice": (
        "Welcome{name}. This bot belongs to the municipality. The municipality's network "
        "coordinator keeps in touch with partners and key figures in the city, so that we "
        "tell each other in time what is going on and prevent tension and polarisation "
        "together.\n\n"
        "What we record about you: your name and how to reach you (phone, e-mail, this chat); "
        "which organisation and area you are active in; whether you belong to the formal or "
        "the informal network; and when we were in touch, with what we shared with you and "
        "what you asked us. There is no place for your religion, origin, political views or "
        "health, and a sentence about them in a note is left out when it is saved.\n\n"
        "Why: to inform you, answer your questions and know whom we can reach in an area.\n\n"
        "How long: contacts and messages are kept for {interactions}. If you leave the "
        "network, we remove your name and details {stopped} after the last contact.\n\n"
        "Your rights, also if you do not agree: /mydata gives you a copy of what we keep "
        "about you right here; with /correction or /erasure you ask us to correct something "
        "or to delete your data. We handle such a request within a month. You can also ask "
        "the network coordinator.\n\n"
        "Do you agree that we record this, send you information through this bot and answer "
        "your questions? Then press Akkoord. Without your agreement we send you nothing."
    ),
    "pt_years": "{count} years",
    "pt_days": "{count} days",
    "pt_button_agree": "Akkoord",
    "pt_agreed": (
        "Thank you, your agreement is recorded ({date}). From now on you receive information "
        "from the municipality here. A question for the municipality? Type /question."
    ),
    "pt_already_agreed": "You already agreed on {date}. A question? Type /question.",
    "pt_not_linked": (
        "Your account does not belong to a contact of the municipality (yet). Ask the network "
        "coordinator for a new invitation."
    ),
    "pt_question_ask": "What is your question for the municipality? Type it in one message.",
    "pt_question_sent": (
        "Your question was passed on to the network coordinator. You get the answer here."
    ),
    "pt_question_empty": "I see no question. Type /question and then your question.",
    "pt_bsn": (
        "This message contains a citizen service number (BSN). It may not be sent here; I did "
        "not keep it. Please send it again without that number."
    ),
    "pt_question_in": "❓ Question from {name}{organisation}:\n“{question}”",
    "pt_button_answer": "Beantwoorden",
    "pt_answer_ask": "Type your answer to {name}; the bot passes it on to {name}.",
    "pt_answer_sent": "Sent to {name}. Question and answer are logged as a contact with {name}.",
    "pt_answer_already": "This question was already answered{when}.",
    "pt_answer_gone": "This question no longer exists.",
    "pt_answer_empty": "I see no answer. Type your answer, or /cancel.",
    "pt_answer_out": "💬 The municipality's answer to your question “{question}”:\n\n{answer}",
    "pt_inform_area": "Whom do you want to inform? First choose the area.",
    "pt_button_whole_city": "Whole city",
    "pt_inform_network": "Which network?",
    "pt_button_both": "Both",
    "pt_inform_type": "Which type of organisation?",
    "pt_button_all_types": "All types",
    "pt_inform_text": (
        "{count} partner(s) in this group have agreed. Type the message they will receive; "
        "you can add a file next."
    ),
    "pt_inform_nobody": (
        "Nobody in this group agreed to messages through the bot. Choose another group with "
        "/inform."
    ),
    "pt_inform_preview": (
        "Preview — this goes to {count} partner(s) ({segment}):\n\n{message}{attachment}\n\n"
        "Send it? Choose Urgent in a crisis: then it goes at once, also in the evening."
    ),
    "pt_inform_attachment": "\n\n📎 Attachment: {name} ({size})",
    "pt_inform_file_ask": "Add a file if you like (pdf, picture), or choose No file.",
    "pt_button_no_file": "No file",
    "pt_inform_file_text": "File {name} received. Now type the message that goes with it.",
    "pt_inform_file_too_large": (
        "This file is too large ({size}); a file may be at most {max}. Send a smaller file, "
        "or go on without one. What you had is kept."
    ),
    "pt_inform_file_type": (
        "I do not pass on this kind of file. Send a pdf, a picture or an Office document, or "
        "go on without one. What you had is kept."
    ),
    "pt_inform_file_lost": "The file did not come through. Please send it again.",
    "pt_file_not_expected": "I cannot do anything with a file here; I did not keep it.",
    "pt_file_use_inform": "Files for partners go with /inform.",
    "pt_button_send": "Send",
    "pt_button_send_urgent": "Send as urgent",
    "pt_button_results": "Results",
    "pt_inform_sent": "Sent to {count} partner(s). What arrived is shown under Results.",
    "pt_inform_sent_morning": (
        "Queued for {count} partner(s); it goes out {when} (not at night). What arrived is "
        "shown under Results."
    ),
    "pt_inform_gone": "This message was already sent or cancelled.",
    "pt_inform_results": (
        "Results of your message of {when} ({count} partner(s)):\n"
        "• arrived: {delivered}\n• on its way: {queued}\n"
        "• bot blocked: {blocked}\n• failed: {failed}\n"
        "• not sent (no agreement or access any more): {skipped}"
    ),
    "pt_segment_city": "whole city",
    "pt_segment_formal": "formal",
    "pt_segment_informal": "informal",
    "pt_segment_all_types": "all types",
    "pt_info_out": "ℹ️ Information from the municipality\n\n{message}",
    "pt_info_out_urgent": "🚨 Urgent — information from the municipality\n\n{message}",
    "cmd_uitnodigen": "Invite a contact onto the bot as a partner",
    "cmd_informeer": "Inform partners (a message to a group)",
    "cmd_vraag": "Ask the municipality a question",
}
