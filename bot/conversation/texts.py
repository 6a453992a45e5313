"""Every sentence the bot says, in Dutch (the default) and English.

Handlers ask for a text by key; nothing user-facing is written in handler code. Words are
neutral and non-stigmatising (design.md §2.6): zorg, signaal, spanning — never about a person.
"""

from __future__ import annotations

from typing import Any

from bot.conversation.catalogue import (
    areas,
    digest,
    handover,
    hours,
    ledger,
    meetings,
    partner_rights,
    partners,
    privacy,
    register,
    reminders,
    reports,
    signals,
    status,
    surveys,
    users,
)

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

_CORE_NL: dict[str, str] = {
    # access
    "welcome": (
        "Welkom bij de Netwerkregie-bot. Je bent aangemeld als {role}.\n\n"
        "Zo werkt het: stuur na een bezoek of gesprek één bericht in gewone taal, bijvoorbeeld\n"
        "“Vandaag gesproken met Fatima van buurthuis De Schakel in Stad-Oost. Zorgen over "
        "jongeren bij het skatepark. Volgende week dinsdag terugbellen.”\n"
        "Ik laat zien wat ik begrepen heb; met Opslaan leg je het vast. Op de afgesproken dag "
        "herinner ik je aan de vervolgactie.\n\n"
        "/acties toont je open vervolgacties, /help alle commando's."
    ),
    "welcome_partner": (
        "Welkom. Je bent aangemeld als partner van de gemeente. Via deze bot ontvang je "
        "informatie en korte peilingen. /help laat zien wat je kunt doen."
    ),
    "already_registered": "Je bent al aangemeld. Typ /help voor wat je kunt doen.",
    "refusal": (
        "Deze bot is alleen toegankelijk met een persoonlijke uitnodiging van de gemeente. "
        "Heb je er een gekregen? Open dan die link."
    ),
    "invite_unknown": "Deze uitnodiging ken ik niet. Vraag de netwerkregisseur om een nieuwe.",
    "invite_used": "Deze uitnodiging is al gebruikt. Vraag de netwerkregisseur om een nieuwe.",
    "invite_expired": "Deze uitnodiging is verlopen. Vraag de netwerkregisseur om een nieuwe.",
    "invite_revoked": "Deze uitnodiging is ingetrokken.",
    "invite_throttled": (
        "Dat waren te veel onbekende uitnodigingen achter elkaar. Het komende uur reageer ik "
        "hier niet meer op; open daarna de link die je van de gemeente kreeg."
    ),
    "group_refused": (
        "Ik werk alleen in een privégesprek, niet in groepen. Stuur me een persoonlijk bericht."
    ),
    "not_allowed": "Dat kan ik voor jouw rol niet doen. Typ /help voor wat wel kan.",
    "role_admin": "beheerder",
    "role_coordinator": "netwerkregisseur",
    "role_colleague": "collega",
    "role_partner": "partner",
    # general
    "help": (
        "Wat ik voor je doe:\n"
        "• Stuur na een bezoek één bericht: wie, waar, wat, en wat je nog moet doen. "
        "Ik maak er een kaart van; met Opslaan leg je het vast.\n"
        "• /bezoek — een bezoek vastleggen (of stuur gewoon je bericht)\n"
        "• /stapsgewijs — een bezoek stap voor stap vastleggen, met knoppen\n"
        "• /kort naam — kort overzicht vóór een bezoek: laatste contacten, open acties, "
        "wat is toegezegd en gevraagd\n"
        "• /contact naam — een contact opzoeken, toevoegen, bijwerken of archiveren\n"
        "• /organisatie naam — hetzelfde voor een organisatie\n"
        "• /acties — je open vervolgacties, de oudste eerst\n"
        "• /signaal — een signaal vastleggen: wat speelt er in een gebied (/signalen: de open "
        "signalen)\n"
        "• /spanning gebied — het spanningsbeeld per gebied; /aanleiding — aanleidingen\n"
        "• /zorg — een zorg over een persoon overdragen, zonder naam (/overdrachten: wat "
        "nog loopt)\n"
        "• /gebied — de stadsdelen en wijken (beheerders passen de lijst aan)\n"
        "• /gebruikers — wie toegang heeft, rollen en uitnodigingen (alleen beheerders)\n"
        "• /rapport maand|kwartaal|jaar — trendrapport als PDF, zonder namen\n"
        "• /witte_vlekken — waar het netwerk dun is, per stadsdeel en type organisatie\n"
        "• /inzage naam, /beperken naam — wat we over iemand bewaren, en de verwerking "
        "beperken (beheerders: /wissen naam)\n"
        "• /uitnodigen naam — een contact uit het register uitnodigen als partner op de bot\n"
        "• /informeer — partners een bericht sturen (ook dringend); partners stellen jou "
        "vragen met /vraag, die je hier beantwoordt met de knop Beantwoorden\n"
        "• Partners vragen zelf hun gegevens op met /mijngegevens, en vragen om een "
        "/correctie of met /verwijderverzoek om verwijdering; zo'n verzoek komt hier binnen, "
        "met knoppen en de termijn van een maand\n"
        "• /overleg — een gebiedsoverleg plannen met sleutelfiguren en de gebiedsmanager; ik "
        "stel vooraf een agenda voor en vraag achteraf wie er waren, wat besloten is en welke "
        "acties er zijn\n"
        "• /uren — je uren per week tegenover het budget, uit de duur van je contactmomenten "
        "(“anderhalf uur gesproken”, of Wijzigen → Duur op de kaart)\n"
        "• /overdracht — het netwerk van een vertrekkende medewerker overdragen aan een "
        "opvolger, met een overdrachtsdocument (alleen beheerders)\n"
        "• /peiling — partners peilen (behoeftepeiling): een ronde starten of inplannen, en "
        "de uitkomst; partners antwoorden met /mijn_peilingen\n"
        "• /annuleer — stop met wat je aan het doen was\n"
        "• /taal en — switch to English (/taal nl terug naar Nederlands)\n"
        "• /help — dit overzicht\n\n"
        "Herinneringen komen vanzelf op de dag dat een vervolgactie moet gebeuren. "
        "Noteer geen geloof, afkomst, politieke voorkeur of gezondheid van personen, "
        "en nooit een BSN."
    ),
    "help_partner": (
        "Als partner ontvang je hier informatie en korte peilingen van de gemeente.\n"
        "/vraag — stel de gemeente een vraag\n"
        "/mijn_peilingen — je open peilingen beantwoorden (verder waar je was)\n"
        "/mijngegevens — een kopie van wat de gemeente over je bewaart\n"
        "/correctie — vragen iets in je gegevens te corrigeren\n"
        "/verwijderverzoek — vragen je gegevens te verwijderen\n"
        "/taal en — switch to English\n/help — dit overzicht"
    ),
    "language_set": "Ik spreek vanaf nu Nederlands met je.",
    "language_usage": "Kies een taal: /taal nl of /taal en.",
    "cancelled": "Gestopt. Er is niets opgeslagen.",
    "nothing_to_cancel": "Er loopt niets om te stoppen.",
    "unknown_command": "Dat commando ken ik niet. Typ /help voor een overzicht.",
    "stale_button": "Deze knop hoort bij iets dat al is afgerond of vervangen.",
    "already_handled": "Dit is al verwerkt.",
    "error": (
        "Er ging iets mis aan mijn kant; er is niets half opgeslagen. "
        "Probeer het zo nog eens."
    ),
    "too_long": "Dat bericht is erg lang; ik heb alleen de eerste {limit} tekens gelezen.",
    # visit flow
    "visit_prompt": (
        "Beschrijf het bezoek in één bericht: met wie, waar, wat er speelde en wat je nog moet "
        "doen. Bijvoorbeeld: “Gisteren bij Ahmed van moskee Al Fath geweest, rustig gesprek, "
        "over twee weken terugkoppelen.”"
    ),
    "visit_prompt_for": "Wat heb je met {name} besproken? Beschrijf het in één bericht.",
    "not_a_visit": (
        "Ik kan hier geen bezoek in lezen. Vertel met wie je sprak en waarover, "
        "of typ /help."
    ),
    "bsn_refused": (
        "Dit bericht bevat een burgerservicenummer (BSN). Dat mag niet in het register staan, "
        "dus ik heb niets van dit bericht bewaard. Stuur het opnieuw zonder dat nummer."
    ),
    "card_title": "Bezoek vastleggen — klopt dit?",
    "card_replaced": "(Je vorige, nog niet opgeslagen bezoek is vervangen door dit bericht.)",
    "card_who": "👤 Wie: {value}",
    "card_who_none": "👤 Wie: niemand herkend",
    "card_new_contact": "{name} (nieuw contact)",
    "card_new_contact_network": "{name} (nieuw, {network})",
    "card_organisation": "🏢 Organisatie: {value}",
    "card_new_organisation": "{name} ({type}, nieuw)",
    "card_area": "📍 Gebied: {value}",
    "card_new_area": "{name} (nieuw gebied)",
    "card_when": "📅 Wanneer: {value}",
    "card_summary": "📝 Samenvatting: {value}",
    "card_follow_up": "⏰ Vervolgactie: {title} — {when}",
    "card_follow_up_undated": "⏰ Vervolgactie: {title} — nog geen datum",
    "ask_due": "Wanneer? Kies wanneer je “{title}” wilt doen, of typ het zelf.",
    "button_due_tomorrow": "Morgen",
    "button_due_day_after": "Overmorgen",
    "button_due_next_week": "Volgende week",
    "button_due_two_weeks": "Over 2 weken",
    "button_due_type": "Zelf typen",
    "ask_due_typed": (
        "Wanneer wil je “{title}” doen? Typ bijvoorbeeld “donderdag”, “14-12” of "
        "“over 10 dagen”."
    ),
    "due_not_understood": (
        "Dat kan ik niet als datum lezen. Typ bijvoorbeeld “donderdag”, “14-12” of "
        "“over 10 dagen”, of kies hieronder."
    ),
    "due_in_past": "Die datum ligt in het verleden. Kies of typ een datum die nog komt.",
    "due_first": "Kies eerst wanneer de vervolgactie moet gebeuren; daarna kun je opslaan.",
    "card_no_follow_up": "⏰ Vervolgactie: geen",
    "card_signal": (
        "⚠️ Je noemt: {words}. Beschrijf in de samenvatting wat er in het gebied speelt, "
        "niet wie. Een zorg over één persoon draag je over (bijv. aan het zorg- en "
        "veiligheidsoverleg) en leg je hier niet vast."
    ),
    "card_struck": "✂️ Deze zin neem ik niet over: {sentence}",
    "card_name_replaced": "👤 Naam vervangen: {name} → {word}",
    "card_guard_note": (
        "🔒 Geloof, afkomst, politieke voorkeur of gezondheid van een persoon en namen van "
        "anderen dan je contacten leg ik niet vast."
    ),
    "button_add_replaced": "+ {name} als contact",
    "guard_note": "🔒 Niet overgenomen: {what}.",
    "guard_sentence": (
        "1 zin over geloof, afkomst, politiek of gezondheid van een persoon ({sentences})"
    ),
    "guard_sentences": (
        "{count} zinnen over geloof, afkomst, politiek of gezondheid van een persoon ({sentences})"
    ),
    "guard_name": "1 naam, vervangen door een neutraal woord",
    "guard_names": "{count} namen, vervangen door een neutraal woord",
    "guard_and": " en ",
    "network_formal": "formeel",
    "network_informal": "informeel",
    "button_save": "Opslaan",
    "button_edit": "Wijzigen",
    "button_cancel": "Annuleren",
    "saved": "Opgeslagen.",
    "saved_with_follow_up": "Opgeslagen. Herinnering op {when}: {title}.",
    "already_saved": "Dit bezoek is al opgeslagen.",
    "draft_gone": "Dit bezoek is al opgeslagen of geannuleerd.",
    "visit_cancelled": "Geannuleerd; er is niets opgeslagen.",
    "choose_person": "Wie bedoel je met “{name}”?",
    "button_new_contact": "Nieuw contact: {name}",
    "choose_network": (
        "Is {name} een formele partner (instelling, beroepskracht) of een informele "
        "sleutelfiguur (bewoner, vrijwilliger, bestuurslid)?"
    ),
    "button_formal": "Formeel netwerk",
    "button_informal": "Informeel netwerk",
    "edit_menu": "Wat wil je aanpassen?",
    "field_people": "Wie",
    "field_organisation": "Organisatie",
    "field_area": "Gebied",
    "field_when": "Datum",
    "field_summary": "Samenvatting",
    "field_follow_up": "Vervolgactie",
    "button_back": "Terug naar de kaart",
    "ask_people": "Typ de naam of namen (gescheiden door komma's).",
    "ask_organisation": "Typ de naam van de organisatie, bijvoorbeeld “moskee Al Fath”.",
    "ask_area": "Typ het gebied of kies er een.",
    "ask_when": "Wanneer was het bezoek? Kies of typ een datum (bijv. “afgelopen vrijdag”).",
    "ask_summary": "Typ de nieuwe samenvatting.",
    "ask_follow_up": (
        "Typ de vervolgactie met wanneer, bijvoorbeeld “donderdag terugbellen”, of kies."
    ),
    "button_today": "Vandaag",
    "button_yesterday": "Gisteren",
    "button_tomorrow": "Morgen",
    "button_next_week": "Over een week",
    "button_two_weeks": "Over twee weken",
    "button_no_follow_up": "Geen vervolgactie",
    "button_remove": "Niemand",
    "date_not_understood": (
        "Die datum begrijp ik niet. Probeer bijvoorbeeld “gisteren”, “afgelopen dinsdag” of "
        "“14-12”."
    ),
    "date_in_future": "Een bezoek kan niet in de toekomst liggen. Welke datum bedoel je?",
    "follow_up_in_past": "Die datum ligt in het verleden. Wanneer moet het gebeuren?",
    "follow_up_default_title": "Opvolgen",
    # follow-ups
    "reminder": "⏰ Herinnering: {title}\n{about}Vastgelegd op {logged}.",
    "reminder_about": "Over: {name}\n",
    "button_done": "Gedaan",
    "button_plus_day": "+1 dag",
    "button_plus_week": "+1 week",
    "done": "Afgevinkt: {title}.",
    "already_done": "Deze vervolgactie was al afgevinkt.",
    "follow_up_gone": "Deze vervolgactie bestaat niet meer.",
    "snoozed": "Verzet naar {when}.",
    "no_follow_ups": "Je hebt geen open vervolgacties.",
    "follow_ups_title": "Je open vervolgacties ({count}):",
    "follow_up_line": "{index}. {title}{about} — {when}",
    "follow_up_line_overdue": "{index}. ⚠️ {title}{about} — {when} (te laat)",
    "follow_up_line_about": " ({name})",
    "button_done_numbered": "✓ {index} gedaan",
    "more_follow_ups": "… en nog {count}.",
    "when_at": "{date} om {time}",
    "cmd_bezoek": "Een bezoek of gesprek vastleggen",
    "cmd_acties": "Je open vervolgacties",
    "cmd_help": "Wat deze bot doet",
    "cmd_annuleer": "Stoppen met wat je aan het doen was",
    "cmd_taal": "Taal kiezen (nl/en)",
}

_CORE_EN: dict[str, str] = {
    "welcome": (
        "Welcome to the Netwerkregie bot. You are registered as {role}.\n\n"
        "How it works: after a visit or call, send one message in plain words, for example\n"
        "“Met Fatima from community centre De Schakel in Stad-Oost today. Concerns about young "
        "people at the skate park. Call back next Tuesday.”\n"
        "I show what I understood; Opslaan (Save) stores it. On the agreed day I remind you "
        "of the follow-up.\n\n"
        "/followups shows your open follow-ups, /help all commands."
    ),
    "welcome_partner": (
        "Welcome. You are registered as a partner of the municipality. Through this bot you "
        "receive information and short surveys. /help shows what you can do."
    ),
    "already_registered": "You are already registered. Type /help to see what you can do.",
    "refusal": (
        "This bot is only available with a personal invitation from the municipality. "
        "If you received one, please open that link."
    ),
    "invite_unknown": "I don't know this invitation. Ask the network coordinator for a new one.",
    "invite_used": "This invitation was already used. Ask the network coordinator for a new one.",
    "invite_expired": "This invitation has expired. Ask the network coordinator for a new one.",
    "invite_revoked": "This invitation was revoked.",
    "invite_throttled": (
        "Those were too many unknown invitations in a row. I will not respond here for the "
        "next hour; after that, open the link the municipality gave you."
    ),
    "group_refused": "I only work in a private chat, not in groups. Send me a direct message.",
    "not_allowed": "I can't do that for your role. Type /help to see what you can do.",
    "role_admin": "administrator",
    "role_coordinator": "network coordinator",
    "role_colleague": "colleague",
    "role_partner": "partner",
    "help": (
        "What I do for you:\n"
        "• After a visit, send one message: who, where, what, and what you still need to do. "
        "I turn it into a card; Opslaan (Save) stores it.\n"
        "• /visit — log a visit (or just send your message)\n"
        "• /stepbystep — log a visit step by step, with buttons\n"
        "• /brief name — a short briefing before a visit: last contacts, open follow-ups, "
        "what was promised and asked\n"
        "• /contact name — find, add, update or archive a contact\n"
        "• /organisation name — the same for an organisation\n"
        "• /followups — your open follow-ups, oldest first\n"
        "• /signal — record a signal: what is going on in an area (/signals: the open ones)\n"
        "• /tension area — the tension picture per area; /event — trigger events\n"
        "• /concern — hand over a concern about a person, without a name (/handoffs: what "
        "is still open)\n"
        "• /area — the districts and neighbourhoods (admins edit the list)\n"
        "• /users — who has access, roles and invitations (admins only)\n"
        "• /report month|quarter|year — trend report as a PDF, without names\n"
        "• /coverage — where the network is thin, per district and organisation type\n"
        "• /access name, /restrict name — what we keep about someone, and restricting its "
        "processing (admins: /erase name)\n"
        "• /invite name — invite a contact from the register onto the bot as a partner\n"
        "• /inform — send partners a message (also urgent); partners ask you questions with "
        "/vraag (/question), which you answer here with the Beantwoorden button\n"
        "• Partners get their own data with /mijngegevens (/mydata) and ask for a "
        "/correctie (/correction) or an erasure with /verwijderverzoek (/erasure); such a "
        "request arrives here, with buttons and its one-month term\n"
        "• /meeting — plan an area meeting with key figures and the area manager; I propose "
        "an agenda beforehand and ask afterwards who came, what was decided and which actions "
        "were agreed\n"
        "• /hours — your hours per week against the budget, from the duration of your "
        "contacts (“talked for an hour and a half”, or Edit → Duration on the card)\n"
        "• /handover — hand a leaving colleague's network over to a successor, with a "
        "handover document (admins only)\n"
        "• /survey — survey partners (needs survey): start or schedule a round, and the "
        "results; partners answer with /mijn_peilingen (/my_surveys)\n"
        "• /cancel — stop what you were doing\n"
        "• /language nl — naar het Nederlands (/language en for English)\n"
        "• /help — this overview\n\n"
        "Reminders arrive by themselves on the day a follow-up is due. Never record a "
        "person's religion, ethnicity, political opinion or health, and never a BSN."
    ),
    "help_partner": (
        "As a partner you receive information and short surveys from the municipality here.\n"
        "/question — ask the municipality a question\n"
        "/my_surveys — answer your open surveys (continue where you were)\n"
        "/mydata — a copy of what the municipality keeps about you\n"
        "/correction — ask for something in your data to be corrected\n"
        "/erasure — ask for your data to be deleted\n"
        "/language nl — naar het Nederlands\n/help — this overview"
    ),
    "language_set": "I'll speak English with you from now on.",
    "language_usage": "Choose a language: /language nl or /language en.",
    "cancelled": "Stopped. Nothing was saved.",
    "nothing_to_cancel": "There is nothing to stop.",
    "unknown_command": "I don't know that command. Type /help for an overview.",
    "stale_button": "This button belongs to something already finished or replaced.",
    "already_handled": "This was already handled.",
    "error": (
        "Something went wrong on my side; nothing was half saved. Please try again shortly."
    ),
    "too_long": "That message is very long; I only read the first {limit} characters.",
    "visit_prompt": (
        "Describe the visit in one message: with whom, where, what came up and what you still "
        "need to do. For example: “Visited Ahmed from mosque Al Fath yesterday, calm talk, "
        "follow up in two weeks.”"
    ),
    "visit_prompt_for": "What did you discuss with {name}? Describe it in one message.",
    "not_a_visit": (
        "I can't read a visit in this. Tell me whom you spoke with and about what, or type /help."
    ),
    "bsn_refused": (
        "This message contains a citizen service number (BSN). It may not be in the register, "
        "so I kept nothing of this message. Please send it again without that number."
    ),
    "card_title": "Log visit — is this right?",
    "card_replaced": "(Your previous, unsaved visit was replaced by this message.)",
    "card_who": "👤 Who: {value}",
    "card_who_none": "👤 Who: nobody recognised",
    "card_new_contact": "{name} (new contact)",
    "card_new_contact_network": "{name} (new, {network})",
    "card_organisation": "🏢 Organisation: {value}",
    "card_new_organisation": "{name} ({type}, new)",
    "card_area": "📍 Area: {value}",
    "card_new_area": "{name} (new area)",
    "card_when": "📅 When: {value}",
    "card_summary": "📝 Summary: {value}",
    "card_follow_up": "⏰ Follow-up: {title} — {when}",
    "card_follow_up_undated": "⏰ Follow-up: {title} — no date yet",
    "ask_due": "When? Choose when you want to do “{title}”, or type it.",
    "button_due_tomorrow": "Tomorrow",
    "button_due_day_after": "Day after tomorrow",
    "button_due_next_week": "Next week",
    "button_due_two_weeks": "In 2 weeks",
    "button_due_type": "Type it",
    "ask_due_typed": (
        "When do you want to do “{title}”? Type for example “Thursday”, “14-12” or "
        "“in 10 days”."
    ),
    "due_not_understood": (
        "I cannot read that as a date. Type for example “Thursday”, “14-12” or “in 10 days”, "
        "or choose below."
    ),
    "due_in_past": "That date is in the past. Choose or type a date still to come.",
    "due_first": "First choose when the follow-up should happen; then you can save.",
    "card_no_follow_up": "⏰ Follow-up: none",
    "card_signal": (
        "⚠️ You mention: {words}. Describe in the summary what is going on in the area, not "
        "who. A concern about one person is handed over (e.g. to the care and safety "
        "meeting) and not recorded here."
    ),
    "card_struck": "✂️ I am not keeping this sentence: {sentence}",
    "card_name_replaced": "👤 Name replaced: {name} → {word}",
    "card_guard_note": (
        "🔒 I do not record a person's religion, ethnicity, political opinion or health, nor "
        "the names of people other than your contacts."
    ),
    "button_add_replaced": "+ {name} as a contact",
    "guard_note": "🔒 Not kept: {what}.",
    "guard_sentence": (
        "1 sentence about a person's religion, origin, politics or health ({sentences})"
    ),
    "guard_sentences": (
        "{count} sentences about a person's religion, origin, politics or health ({sentences})"
    ),
    "guard_name": "1 name, replaced by a neutral word",
    "guard_names": "{count} names, replaced by a neutral word",
    "guard_and": " and ",
    "network_formal": "formal",
    "network_informal": "informal",
    # Opslaan and Gedaan are the same in every language: they are the product's stable labels.
    "button_save": "Opslaan",
    "button_edit": "Edit",
    "button_cancel": "Cancel",
    "saved": "Saved.",
    "saved_with_follow_up": "Saved. Reminder on {when}: {title}.",
    "already_saved": "This visit was already saved.",
    "draft_gone": "This visit was already saved or cancelled.",
    "visit_cancelled": "Cancelled; nothing was saved.",
    "choose_person": "Whom do you mean by “{name}”?",
    "button_new_contact": "New contact: {name}",
    "choose_network": (
        "Is {name} a formal partner (institution, professional) or an informal key figure "
        "(resident, volunteer, board member)?"
    ),
    "button_formal": "Formal network",
    "button_informal": "Informal network",
    "edit_menu": "What would you like to change?",
    "field_people": "Who",
    "field_organisation": "Organisation",
    "field_area": "Area",
    "field_when": "Date",
    "field_summary": "Summary",
    "field_follow_up": "Follow-up",
    "button_back": "Back to the card",
    "ask_people": "Type the name or names (separated by commas).",
    "ask_organisation": "Type the organisation's name, for example “mosque Al Fath”.",
    "ask_area": "Type the area or choose one.",
    "ask_when": "When was the visit? Choose or type a date (e.g. “last Friday”).",
    "ask_summary": "Type the new summary.",
    "ask_follow_up": "Type the follow-up with when, for example “call back Thursday”, or choose.",
    "button_today": "Today",
    "button_yesterday": "Yesterday",
    "button_tomorrow": "Tomorrow",
    "button_next_week": "In a week",
    "button_two_weeks": "In two weeks",
    "button_no_follow_up": "No follow-up",
    "button_remove": "Nobody",
    "date_not_understood": (
        "I don't understand that date. Try for example “yesterday”, “last Tuesday” or “14-12”."
    ),
    "date_in_future": "A visit can't be in the future. Which date do you mean?",
    "follow_up_in_past": "That date is in the past. When should it happen?",
    "follow_up_default_title": "Follow up",
    "reminder": "⏰ Reminder: {title}\n{about}Logged on {logged}.",
    "reminder_about": "About: {name}\n",
    "button_done": "Gedaan",
    "button_plus_day": "+1 day",
    "button_plus_week": "+1 week",
    "done": "Done: {title}.",
    "already_done": "This follow-up was already done.",
    "follow_up_gone": "This follow-up no longer exists.",
    "snoozed": "Moved to {when}.",
    "no_follow_ups": "You have no open follow-ups.",
    "follow_ups_title": "Your open follow-ups ({count}):",
    "follow_up_line": "{index}. {title}{about} — {when}",
    "follow_up_line_overdue": "{index}. ⚠️ {title}{about} — {when} (overdue)",
    "follow_up_line_about": " ({name})",
    "button_done_numbered": "✓ {index} done",
    "more_follow_ups": "… and {count} more.",
    "when_at": "{date} at {time}",
    "cmd_bezoek": "Log a visit or conversation",
    "cmd_acties": "Your open follow-ups",
    "cmd_help": "What this bot does",
    "cmd_annuleer": "Stop what you were doing",
    "cmd_taal": "Choose a language (nl/en)",
}

FEATURE_CATALOGUES = (areas, digest, handover, hours, ledger, meetings, partner_rights, partners,
                      privacy, register, reminders, reports, signals, status, surveys,
                      users)


def _join(core: dict[str, str], parts: list[dict[str, str]]) -> dict[str, str]:
    """One catalogue from the core texts and each feature's; a key defined twice is a bug."""
    joined = dict(core)
    for part in parts:
        twice = joined.keys() & part.keys()
        if twice:
            raise ValueError(f"text keys defined twice: {sorted(twice)}")
        joined.update(part)
    return joined


NL = _join(_CORE_NL, [f.NL for f in FEATURE_CATALOGUES])
EN = _join(_CORE_EN, [f.EN for f in FEATURE_CATALOGUES])

CATALOGUES: dict[str, dict[str, str]] = {"nl": NL, "en": EN}


def text(language: str, key: str, **values: Any) -> str:
    """The sentence `key` in `language` (Dutch when the language is unknown), filled in."""
    catalogue = CATALOGUES.get(language, NL)
    return catalogue[key].format(**values)
