"""Texts of the network register: contacts, organisations, briefings, the step-by-step visit.

Keys start with `reg_` (register and briefing) or `gv_` (the guided visit). Neutral words
about people (design.md §2.6); no prompt ever asks for religion, ethnicity, political opinion,
health, nationality or family.
"""

from __future__ import annotations

NL: dict[str, str] = {
    # commands (the chat app's menu)
    "reg_cmd_contact": "Een contact opzoeken, toevoegen of bijwerken",
    "reg_cmd_organisatie": "Een organisatie opzoeken, toevoegen of bijwerken",
    "reg_cmd_kort": "Kort overzicht vóór een bezoek",
    "gv_cmd_stapsgewijs": "Een bezoek stap voor stap vastleggen, met knoppen",
    # finding
    "reg_contact_ask": "Wie zoek je? Typ (een deel van) de naam.",
    "reg_brief_ask": "Over wie wil je een kort overzicht? Typ (een deel van) de naam.",
    "reg_contact_choose": "Ik vond meer mensen die lijken op “{query}”. Wie bedoel je?",
    "reg_contact_none": (
        "Ik vind niemand die lijkt op “{query}” in het register. Typ een andere naam, "
        "of voeg een nieuw contact toe."
    ),
    "reg_brief_none": (
        "Ik vind niemand die lijkt op “{query}” in het register. Typ een andere "
        "naam."
    ),
    "reg_contact_gone": (
        "Dit contact staat niet (meer) in het register, of valt buiten wat je mag zien."
    ),
    "reg_draft_gone": "Dit hoort bij iets dat al is afgerond of vervangen; er is niets gewijzigd.",
    "reg_label_at": "{name} · {where}",
    # the contact card
    "reg_card_title": "👤 {name}",
    "reg_card_network_status": "Netwerk: {network} · Status: {status}",
    "reg_card_roles": "Rollen: {value}",
    "reg_card_organisations": "🏢 Organisatie: {value}",
    "reg_card_areas": "📍 Gebied: {value}",
    "reg_card_consent": "✅ Akkoord gegeven: {agreed} · Geïnformeerd over gegevens: {informed}",
    "reg_card_reach": "📞 Bereikbaar: {value}",
    "reg_card_rhythm_own": "🔁 Contactritme: elke {ideal} dagen, uiterlijk na {maximum}",
    "reg_card_rhythm_default": (
        "🔁 Contactritme: elke {ideal} dagen, uiterlijk na {maximum} (standaard)"
    ),
    "reg_card_last": "🕑 Laatste contact: {value}",
    "reg_card_follow_ups": "⏰ Open vervolgacties: {count}",
    "reg_org_with_type": "{name} ({type})",
    "reg_org_with_function": "{name} ({type}) — {function}",
    "reg_prefers": "voorkeur {channel}",
    "reg_since": "{when} ({ago})",
    "reg_ago_today": "vandaag",
    "reg_ago_yesterday": "gisteren",
    "reg_ago_days": "{days} dagen geleden",
    "reg_none": "—",
    "reg_never": "nog niet vastgelegd",
    "reg_not_recorded": "nog niet vastgelegd",
    "reg_default_rhythm": "standaard (elke {ideal} dagen, uiterlijk na {maximum})",
    "reg_saved_field": "{field}: opgeslagen.",
    "reg_the_network_formal": "het formele netwerk",
    "reg_the_network_informal": "het informele netwerk",
    "reg_status_prospect": "prospect",
    "reg_status_benaderd": "benaderd",
    "reg_status_actief": "actief",
    "reg_status_slapend": "slapend",
    "reg_status_gestopt": "gestopt",
    "reg_channel_telefoon": "bellen",
    "reg_channel_app": "appen",
    "reg_channel_e-mail": "e-mail",
    "reg_channel_langs": "langsgaan",
    "reg_button_brief": "Kort",
    "reg_button_log_visit": "Bezoek loggen",
    "reg_button_edit": "Bewerken",
    "reg_button_status": "Status",
    "reg_button_archive": "Archiveren",
    "reg_button_card": "Kaart",
    "reg_button_back_to_card": "Terug naar de kaart",
    # editing a contact
    "reg_edit_menu": "Wat wil je aanpassen bij {name}?",
    "reg_field_name": "Naam",
    "reg_field_network": "Netwerk",
    "reg_field_network_locked": "Netwerk 🔒",
    "reg_field_status": "Status",
    "reg_field_roles": "Rollen",
    "reg_field_organisations": "Organisaties",
    "reg_field_areas": "Gebieden",
    "reg_field_phone": "Telefoon",
    "reg_field_email": "E-mail",
    "reg_field_channel": "Voorkeurskanaal",
    "reg_field_agreed_on": "Akkoord gegeven",
    "reg_field_informed_on": "Geïnformeerd",
    "reg_field_rhythm": "Contactritme",
    "reg_saved": "Opgeslagen.",
    "reg_edit_left": (
        "Dat lijkt geen antwoord op mijn vraag maar een bezoek; het contact is niet gewijzigd. "
        "Ik lees je bericht als bezoek:"
    ),
    "reg_status_set": "Status is nu: {status}.",
    "reg_ask_status": (
        "Wat is de status van {name}? (prospect → benaderd → actief → slapend → gestopt)"
    ),
    "reg_ask_channel": "Hoe neem je het liefst contact op met {name}?",
    "reg_button_no_preference": "Geen voorkeur",
    "reg_ask_name": "Nu: {current}\nTyp de naam zoals die in het register moet staan.",
    "reg_ask_roles": (
        "Nu: {current}\nTyp de rollen van {name}, gescheiden door komma's — wat iemand doet, "
        "bijvoorbeeld “sleutelfiguur, bestuurslid, jongerenwerker”."
    ),
    "reg_ask_phone": "Nu: {current}\nTyp het telefoonnummer van {name}.",
    "reg_ask_email": "Nu: {current}\nTyp het e-mailadres van {name}.",
    "reg_ask_agreed_on": (
        "Nu: {current}\nWanneer gaf {name} akkoord om deel uit te maken van het netwerk? "
        "Kies of typ een datum (bijv. “3 november” of “vorige week dinsdag”)."
    ),
    "reg_ask_informed_on": (
        "Nu: {current}\nWanneer is {name} geïnformeerd over wat de gemeente van hem of haar "
        "vastlegt? Kies of typ een datum."
    ),
    "reg_ask_rhythm": (
        "Nu: {current}\nHoe vaak wil je {name} spreken? Kies, of typ het aantal dagen "
        "(bijv. “30”, of “30 60” voor uiterlijk na 60 dagen, of “elke 2 weken”)."
    ),
    "reg_rhythm_preset": "Elke {ideal} dagen (max {maximum})",
    "reg_rhythm_value": "elke {ideal} dagen, uiterlijk na {maximum}",
    "reg_button_default_rhythm": "Standaardritme",
    "reg_button_clear": "Leegmaken",
    "reg_name_invalid": (
        "Dat lijkt geen naam. Typ de naam in letters, bijvoorbeeld “Fatima "
        "Bakkali”."
    ),
    "reg_name_digits": "Een naam bevat geen cijfers. Typ alleen de naam.",
    "reg_name_too_long": "Die naam is te lang. Typ de naam zoals je die aanspreekt.",
    "reg_roles_invalid": "Typ één tot {limit} rollen, gescheiden door komma's.",
    "reg_role_invalid": (
        "Typ een korte omschrijving in een paar woorden (hoogstens {limit} tekens)."
    ),
    "reg_privacy_refused": (
        "Dat leg ik niet vast: “{words}” zegt iets over geloof, afkomst, politieke voorkeur of "
        "gezondheid van een persoon, en dat hoort niet in het register. Beschrijf wat iemand "
        "doet, bijvoorbeeld “voorzitter” of “vrijwilliger”. Het type van een organisatie "
        "(bijv. gebedshuis – moskee) mag wel."
    ),
    "reg_words_refused": (
        "Dat leg ik niet vast: “{words}” is een etiket op een persoon. Beschrijf in neutrale "
        "woorden wat iemand doet. Een zorg over één persoon draag je over (bijv. aan het zorg- "
        "en veiligheidsoverleg)."
    ),
    "reg_phone_invalid": (
        "Dat lijkt geen telefoonnummer. Typ alleen het nummer, bijvoorbeeld “06 1234 5678”."
    ),
    "reg_email_invalid": "Dat lijkt geen e-mailadres. Typ het zo: naam@voorbeeld.nl.",
    "reg_date_in_future": "Die datum ligt in de toekomst. Welke dag was het?",
    "reg_rhythm_invalid": (
        "Dat ritme begrijp ik niet. Typ een aantal dagen (1 tot 365), bijvoorbeeld “30” of "
        "“30 60”, of kies een knop."
    ),
    "reg_network_ask": "{name} staat in {network}. Waar hoort {name} thuis?",
    "reg_network_changed": (
        "Netwerk gewijzigd naar {network}. De wijziging is vastgelegd in het logboek."
    ),
    "reg_network_locked": (
        "{name} staat in {network}. Dat is bij het toevoegen vastgelegd en alleen "
        "een beheerder kan het wijzigen (formeel en informeel blijven gescheiden; elke "
        "wijziging komt in het logboek). Klopt het niet? Vraag het de beheerder."
    ),
    "reg_network_once": (
        "Dit leg je één keer vast; alleen een beheerder kan het later wijzigen."
    ),
    "reg_orgs_menu": "Organisaties van {name}:\n{value}",
    "reg_button_function_at": "Functie bij {organisation}",
    "reg_button_unlink": "{organisation} loskoppelen",
    "reg_button_add_org": "+ Organisatie",
    "reg_ask_function_edit": (
        "Nu: {current}\nWat is de functie van {name} bij {organisation}? "
        "Bijvoorbeeld “voorzitter” of “jongerenwerker”."
    ),
    "reg_areas_menu": "Gebieden van {name}: {value}",
    "reg_button_remove_area": "{area} weghalen",
    "reg_button_add_area": "+ Gebied",
    # archiving
    "reg_archive_confirm": (
        "{name} archiveren? Het contact is daarna niet meer te vinden met /contact en komt "
        "niet meer in je overzichten. Eerdere bezoeken blijven bewaard."
    ),
    "reg_button_archive_yes": "Ja, archiveren",
    "reg_button_archive_no": "Nee, terug",
    "reg_archived": "{name} is gearchiveerd.",
    "reg_archived_follow_ups": (
        "Open vervolgacties over dit contact: {count}. Je vindt ze in /acties."
    ),
    # a new contact
    "reg_button_new_contact": "Nieuw contact: {name}",
    "reg_button_new_contact_plain": "Nieuw contact",
    "reg_ask_new_name": "Hoe heet het nieuwe contact? Typ voor- en achternaam.",
    "reg_ask_full_name": (
        "Hoe heet {name} voluit? Typ voor- en achternaam, of kies de knop als “{name}” "
        "genoeg is."
    ),
    "reg_choose_button": "Kies een van de knoppen hieronder (of typ /annuleer om te stoppen).",
    "reg_ask_org": (
        "Bij welke organisatie hoort {name}? Typ de naam van de organisatie."
    ),
    "reg_button_no_org": "Geen organisatie",
    "reg_org_choose": "Welke organisatie bedoel je met “{query}”?",
    "reg_button_new_org": "Nieuwe organisatie: {name}",
    "reg_button_new_org_plain": "Nieuwe organisatie",
    "reg_org_name_invalid": "Dat lijkt geen naam van een organisatie. Typ de naam in woorden.",
    "reg_ask_type": "Wat voor organisatie is {name}? Kies het type.",
    "reg_type_unknown": "Dat type ken ik niet. Kies het type met een knop.",
    "reg_ask_function": (
        "Wat is de functie van {name} bij {organisation}? Bijvoorbeeld “voorzitter”, "
        "“jongerenwerker” of “vrijwilliger”. Of sla over."
    ),
    "reg_button_skip": "Overslaan",
    "reg_ask_area": "In welk gebied is {name} actief? Kies eerst het stadsdeel.",
    "reg_ask_wijk": "Welke wijk in {area}?",
    "reg_button_whole_district": "Heel {area}",
    "reg_button_other_district": "Ander stadsdeel",
    "reg_area_unknown": "Dat gebied ken ik niet. Kies het met de knoppen.",
    "reg_contact_created": "Opgeslagen: een nieuw contact in het register.",
    "reg_created_informal_hidden": (
        "Opgeslagen: {name} staat nu in het informele netwerk. Dat netwerk beheert de "
        "netwerkregisseur; daarom zie je dit contact zelf niet terug met /contact."
    ),
    # organisations
    "reg_org_ask": "Welke organisatie zoek je? Typ (een deel van) de naam.",
    "reg_org_none": (
        "Ik vind geen organisatie die lijkt op “{query}”. Typ een andere naam, of voeg "
        "haar toe."
    ),
    "reg_org_gone": "Deze organisatie staat niet (meer) in het register.",
    "reg_org_title": "🏢 {name}",
    "reg_org_type_network": "Type: {type} · Netwerk: {network}",
    "reg_org_people": "👥 Contactpersonen: {value}",
    "reg_person_function": "{name} ({function})",
    "reg_and_more": "en nog {count}",
    "reg_org_field_name": "Naam",
    "reg_org_field_type": "Type",
    "reg_org_field_network": "Netwerk",
    "reg_org_field_areas": "Gebieden",
    "reg_ask_new_org_name": "Hoe heet de nieuwe organisatie?",
    "reg_org_exists": "Deze organisatie staat al in het register.",
    "reg_ask_org_network": (
        "Hoort {name} bij het formele netwerk (instellingen, beroepskrachten) of het "
        "informele (bewoners, vrijwilligers, gemeenschappen)?"
    ),
    "reg_button_usual": "{label} (gebruikelijk)",
    "reg_org_created": "Opgeslagen: een nieuwe organisatie in het register.",
    "reg_ask_org_rename": "Typ de nieuwe naam voor {name}.",
    "reg_ask_org_network_edit": "{name} hoort nu bij {network}. Waar hoort het bij?",
    "reg_org_network_locked": (
        "{name} hoort bij {network}. Dat wijzigt de netwerkregisseur of een "
        "beheerder."
    ),
    "reg_org_archive_confirm": (
        "{name} archiveren? De organisatie is daarna niet meer te vinden; contacten en eerdere "
        "bezoeken blijven bewaard."
    ),
    "reg_org_archived": "{name} is gearchiveerd.",
    # the briefing (/kort)
    "reg_brief_title": "📋 Kort: {name}",
    "reg_brief_org": "🏢 {name} ({type})",
    "reg_brief_org_function": "🏢 {name} ({type}) — {function}",
    "reg_brief_areas": "📍 {value}",
    "reg_brief_last": "🕑 Laatste contacten:",
    "reg_brief_last_of": "🕑 Laatste {shown} van {total} contacten:",
    "reg_brief_never": "Nog geen contact vastgelegd.",
    "reg_brief_contact_line": "• {when} — {what}: {summary}",
    "reg_brief_follow_ups": "⏰ Open vervolgacties:",
    "reg_brief_follow_up": "• {title} — {when}",
    "reg_brief_follow_up_overdue": "• ⚠️ {title} — {when} (te laat)",
    "reg_brief_shared": "↗️ Wat wij deelden of toezegden:",
    "reg_brief_asked": "↙️ Wat zij vroegen:",
    "reg_brief_ledger_line": "• {when}: {text}",
    "reg_brief_nothing": "—",
    "reg_by_us": "op ons initiatief",
    "reg_by_them": "op hun initiatief",
    "reg_kind_bezoek": "bezoek",
    "reg_kind_telefoon": "telefoon",
    "reg_kind_bijeenkomst": "bijeenkomst",
    "reg_kind_gebiedsoverleg": "gebiedsoverleg",
    "reg_kind_training": "training",
    "reg_kind_toevallig": "toevallig contact",
    "reg_kind_online": "online",
    "reg_kind_email": "e-mail",
    "reg_kind_bericht": "appbericht",
    "reg_mood_positief": "positief",
    "reg_mood_neutraal": "neutraal",
    "reg_mood_bezorgd": "bezorgd",
    "reg_mood_gespannen": "gespannen",
    # the step-by-step visit (/stapsgewijs)
    "gv_button_step_by_step": "Stap voor stap",
    "gv_progress": "Stap {step} van {total}",
    "gv_ask_who": (
        "Met wie had je contact? Kies iemand of typ een naam. (/annuleer stopt; er wordt "
        "niets opgeslagen tot je op Opslaan drukt.)"
    ),
    "gv_ask_who_more": "Erbij: {names}.\nNog iemand anders? Kies of typ een naam, of ga verder.",
    "gv_button_continue": "Verder ▸",
    "gv_who_choose": "Wie bedoel je met “{name}”?",
    "gv_who_none": (
        "Ik vind niemand die lijkt op “{name}”. Voeg een nieuw contact toe of typ de naam "
        "anders."
    ),
    "gv_who_needed": "Kies eerst met wie je contact had.",
    "gv_ask_kind": "Wat voor contact was het?",
    "gv_ask_when": "Wanneer was het? Kies of typ een datum (bijv. “afgelopen dinsdag”).",
    "gv_ask_initiative": "Wie nam het initiatief?",
    "gv_button_us": "Wij (gemeente)",
    "gv_button_them": "Zij",
    "gv_ask_mood": "Hoe was de sfeer?",
    "gv_ask_summary": (
        "Wat kwam er ter sprake? Beschrijf wat er speelt in de buurt of organisatie, niet wie."
    ),
    "gv_summary_too_short": "Typ in een paar woorden waar het over ging.",
    "gv_text_unclear": "Dat begrijp ik niet. Typ het in woorden, of kies Overslaan.",
    "gv_ask_shared": (
        "Wat heb jij gedeeld of toegezegd? Bijvoorbeeld informatie, een uitnodiging of een "
        "afspraak. Typ het, of sla over."
    ),
    "gv_ask_asked": "Wat vroegen zij aan de gemeente? Typ het, of sla over.",
    "gv_ask_follow_up": (
        "Is er een vervolgactie? Kies wanneer, of typ wat en wanneer "
        "(bijv. “donderdag terugbellen”)."
    ),
    "gv_card_kind": "🗂 Soort: {kind}, {initiative}{mood}",
    "gv_card_mood": ", sfeer {mood}",
    "gv_card_shared": "↗️ Gedeeld/toegezegd: {value}",
    "gv_card_asked": "↙️ Gevraagd: {value}",
    "gv_card_waiting": "Kies Opslaan, Wijzigen of Annuleren onder de kaart.",
    "gv_step_who": "Wie",
    "gv_step_kind": "Soort",
    "gv_step_when": "Datum",
    "gv_step_initiative": "Initiatief",
    "gv_step_mood": "Sfeer",
    "gv_step_summary": "Samenvatting",
    "gv_step_shared": "Gedeeld",
    "gv_step_asked": "Gevraagd",
    "gv_step_follow_up": "Vervolgactie",
}

EN: dict[str, str] = {
    "reg_cmd_contact": "Find, add or update a contact",
    "reg_cmd_organisatie": "Find, add or update an organisation",
    "reg_cmd_kort": "Short briefing before a visit",
    "gv_cmd_stapsgewijs": "Log a visit step by step, with buttons",
    "reg_contact_ask": "Whom are you looking for? Type (part of) the name.",
    "reg_brief_ask": "Whom do you want a briefing on? Type (part of) the name.",
    "reg_contact_choose": "I found several people like “{query}”. Whom do you mean?",
    "reg_contact_none": (
        "I can't find anyone like “{query}” in the register. Type another name, or add a new "
        "contact."
    ),
    "reg_brief_none": "I can't find anyone like “{query}” in the register. Type another name.",
    "reg_contact_gone": (
        "This contact is not (or no longer) in the register, or is outside what you may see."
    ),
    "reg_draft_gone": "This belongs to something already finished or replaced; nothing changed.",
    "reg_label_at": "{name} · {where}",
    "reg_card_title": "👤 {name}",
    "reg_card_network_status": "Network: {network} · Status: {status}",
    "reg_card_roles": "Roles: {value}",
    "reg_card_organisations": "🏢 Organisation: {value}",
    "reg_card_areas": "📍 Area: {value}",
    "reg_card_consent": "✅ Agreed to take part: {agreed} · Informed about their data: {informed}",
    "reg_card_reach": "📞 Reach: {value}",
    "reg_card_rhythm_own": "🔁 Contact rhythm: every {ideal} days, at most {maximum}",
    "reg_card_rhythm_default": (
        "🔁 Contact rhythm: every {ideal} days, at most {maximum} (default)"
    ),
    "reg_card_last": "🕑 Last contact: {value}",
    "reg_card_follow_ups": "⏰ Open follow-ups: {count}",
    "reg_org_with_type": "{name} ({type})",
    "reg_org_with_function": "{name} ({type}) — {function}",
    "reg_prefers": "prefers {channel}",
    "reg_since": "{when} ({ago})",
    "reg_ago_today": "today",
    "reg_ago_yesterday": "yesterday",
    "reg_ago_days": "{days} days ago",
    "reg_none": "—",
    "reg_never": "not recorded yet",
    "reg_not_recorded": "not recorded yet",
    "reg_default_rhythm": "default (every {ideal} days, at most {maximum})",
    "reg_saved_field": "{field}: saved.",
    "reg_the_network_formal": "the formal network",
    "reg_the_network_informal": "the informal network",
    "reg_status_prospect": "prospect",
    "reg_status_benaderd": "approached",
    "reg_status_actief": "active",
    "reg_status_slapend": "dormant",
    "reg_status_gestopt": "stopped",
    "reg_channel_telefoon": "a call",
    "reg_channel_app": "a chat message",
    "reg_channel_e-mail": "e-mail",
    "reg_channel_langs": "dropping by",
    "reg_button_brief": "Brief",
    "reg_button_log_visit": "Log visit",
    "reg_button_edit": "Edit",
    "reg_button_status": "Status",
    "reg_button_archive": "Archive",
    "reg_button_card": "Card",
    "reg_button_back_to_card": "Back to the card",
    "reg_edit_menu": "What would you like to change for {name}?",
    "reg_field_name": "Name",
    "reg_field_network": "Network",
    "reg_field_network_locked": "Network 🔒",
    "reg_field_status": "Status",
    "reg_field_roles": "Roles",
    "reg_field_organisations": "Organisations",
    "reg_field_areas": "Areas",
    "reg_field_phone": "Phone",
    "reg_field_email": "E-mail",
    "reg_field_channel": "Preferred channel",
    "reg_field_agreed_on": "Agreed",
    "reg_field_informed_on": "Informed",
    "reg_field_rhythm": "Contact rhythm",
    "reg_saved": "Saved.",
    "reg_edit_left": (
        "That looks like a visit rather than an answer to my question; the contact was not "
        "changed. I read your message as a visit:"
    ),
    "reg_status_set": "Status is now: {status}.",
    "reg_ask_status": (
        "What is {name}'s status? (prospect → approached → active → dormant → stopped)"
    ),
    "reg_ask_channel": "How do you prefer to reach {name}?",
    "reg_button_no_preference": "No preference",
    "reg_ask_name": "Now: {current}\nType the name as it should appear in the register.",
    "reg_ask_roles": (
        "Now: {current}\nType {name}'s roles, separated by commas — what they do, for example "
        "“key figure, board member, youth worker”."
    ),
    "reg_ask_phone": "Now: {current}\nType {name}'s phone number.",
    "reg_ask_email": "Now: {current}\nType {name}'s e-mail address.",
    "reg_ask_agreed_on": (
        "Now: {current}\nWhen did {name} agree to be part of the network? Choose or type a date "
        "(e.g. “3 November” or “last Tuesday”)."
    ),
    "reg_ask_informed_on": (
        "Now: {current}\nWhen was {name} informed about what the municipality records about "
        "them? Choose or type a date."
    ),
    "reg_ask_rhythm": (
        "Now: {current}\nHow often do you want to speak with {name}? Choose, or type a number "
        "of days (e.g. “30”, or “30 60” for at most 60 days, or “every 2 weeks”)."
    ),
    "reg_rhythm_preset": "Every {ideal} days (max {maximum})",
    "reg_rhythm_value": "every {ideal} days, at most {maximum}",
    "reg_button_default_rhythm": "Default rhythm",
    "reg_button_clear": "Clear",
    "reg_name_invalid": "That doesn't look like a name. Type it in letters, e.g. “Fatima Bakkali”.",
    "reg_name_digits": "A name has no digits. Type just the name.",
    "reg_name_too_long": "That name is too long. Type the name you address them by.",
    "reg_roles_invalid": "Type one to {limit} roles, separated by commas.",
    "reg_role_invalid": "Type a short description in a few words (at most {limit} characters).",
    "reg_privacy_refused": (
        "I won't record that: “{words}” says something about a person's religion, ethnicity, "
        "political opinion or health, which does not belong in the register. Describe what "
        "someone does, e.g. “chair” or “volunteer”. An organisation's type (e.g. place of "
        "worship – mosque) is fine."
    ),
    "reg_words_refused": (
        "I won't record that: “{words}” is a label on a person. Describe in neutral words what "
        "someone does. A concern about one person is handed over (e.g. to the care and safety "
        "meeting)."
    ),
    "reg_phone_invalid": "That doesn't look like a phone number. Type just the number.",
    "reg_email_invalid": "That doesn't look like an e-mail address. Type it like name@example.org.",
    "reg_date_in_future": "That date is in the future. Which day was it?",
    "reg_rhythm_invalid": (
        "I don't understand that rhythm. Type a number of days (1 to 365), e.g. “30” or "
        "“30 60”, or choose a button."
    ),
    "reg_network_ask": "{name} is in {network}. Where does {name} belong?",
    "reg_network_changed": "Network changed to {network}. The change is in the audit log.",
    "reg_network_locked": (
        "{name} is in {network}. That was set when they were added and only an "
        "administrator can change it (formal and informal stay apart; every change goes into "
        "the audit log). If it is wrong, ask the administrator."
    ),
    "reg_network_once": "You set this once; only an administrator can change it later.",
    "reg_orgs_menu": "{name}'s organisations:\n{value}",
    "reg_button_function_at": "Function at {organisation}",
    "reg_button_unlink": "Unlink {organisation}",
    "reg_button_add_org": "+ Organisation",
    "reg_ask_function_edit": (
        "Now: {current}\nWhat is {name}'s function at {organisation}? For example “chair” or "
        "“youth worker”."
    ),
    "reg_areas_menu": "{name}'s areas: {value}",
    "reg_button_remove_area": "Remove {area}",
    "reg_button_add_area": "+ Area",
    "reg_archive_confirm": (
        "Archive {name}? The contact can then no longer be found with /contact and leaves "
        "your overviews. Earlier visits are kept."
    ),
    "reg_button_archive_yes": "Yes, archive",
    "reg_button_archive_no": "No, back",
    "reg_archived": "{name} is archived.",
    "reg_archived_follow_ups": (
        "Open follow-ups about this contact: {count}. Find them in /followups."
    ),
    "reg_button_new_contact": "New contact: {name}",
    "reg_button_new_contact_plain": "New contact",
    "reg_ask_new_name": "What is the new contact's name? Type first and last name.",
    "reg_ask_full_name": (
        "What is {name}'s full name? Type first and last name, or choose the button if "
        "“{name}” is enough."
    ),
    "reg_choose_button": "Choose one of the buttons below (or type /cancel to stop).",
    "reg_ask_org": "Which organisation is {name} part of? Type the organisation's name.",
    "reg_button_no_org": "No organisation",
    "reg_org_choose": "Which organisation do you mean by “{query}”?",
    "reg_button_new_org": "New organisation: {name}",
    "reg_button_new_org_plain": "New organisation",
    "reg_org_name_invalid": "That doesn't look like an organisation's name. Type it in words.",
    "reg_ask_type": "What kind of organisation is {name}? Choose the type.",
    "reg_type_unknown": "I don't know that type. Choose it with a button.",
    "reg_ask_function": (
        "What is {name}'s function at {organisation}? For example “chair”, “youth worker” or "
        "“volunteer”. Or skip."
    ),
    "reg_button_skip": "Skip",
    "reg_ask_area": "In which area is {name} active? Choose the district first.",
    "reg_ask_wijk": "Which neighbourhood in {area}?",
    "reg_button_whole_district": "All of {area}",
    "reg_button_other_district": "Other district",
    "reg_area_unknown": "I don't know that area. Choose it with the buttons.",
    "reg_contact_created": "Saved: a new contact in the register.",
    "reg_created_informal_hidden": (
        "Saved: {name} is now in the informal network. The network coordinator manages that "
        "network, so you won't see this contact yourself with /contact."
    ),
    "reg_org_ask": "Which organisation are you looking for? Type (part of) the name.",
    "reg_org_none": "I can't find an organisation like “{query}”. Type another name, or add it.",
    "reg_org_gone": "This organisation is not (or no longer) in the register.",
    "reg_org_title": "🏢 {name}",
    "reg_org_type_network": "Type: {type} · Network: {network}",
    "reg_org_people": "👥 Contacts: {value}",
    "reg_person_function": "{name} ({function})",
    "reg_and_more": "and {count} more",
    "reg_org_field_name": "Name",
    "reg_org_field_type": "Type",
    "reg_org_field_network": "Network",
    "reg_org_field_areas": "Areas",
    "reg_ask_new_org_name": "What is the new organisation called?",
    "reg_org_exists": "This organisation is already in the register.",
    "reg_ask_org_network": (
        "Is {name} part of the formal network (institutions, professionals) or the informal "
        "one (residents, volunteers, communities)?"
    ),
    "reg_button_usual": "{label} (usual)",
    "reg_org_created": "Saved: a new organisation in the register.",
    "reg_ask_org_rename": "Type the new name for {name}.",
    "reg_ask_org_network_edit": "{name} is in {network} now. Where does it belong?",
    "reg_org_network_locked": (
        "{name} is in {network}. The network coordinator or an administrator "
        "changes that."
    ),
    "reg_org_archive_confirm": (
        "Archive {name}? The organisation can then no longer be found; contacts and earlier "
        "visits are kept."
    ),
    "reg_org_archived": "{name} is archived.",
    "reg_brief_title": "📋 Briefing: {name}",
    "reg_brief_org": "🏢 {name} ({type})",
    "reg_brief_org_function": "🏢 {name} ({type}) — {function}",
    "reg_brief_areas": "📍 {value}",
    "reg_brief_last": "🕑 Last contacts:",
    "reg_brief_last_of": "🕑 Last {shown} of {total} contacts:",
    "reg_brief_never": "No contact recorded yet.",
    "reg_brief_contact_line": "• {when} — {what}: {summary}",
    "reg_brief_follow_ups": "⏰ Open follow-ups:",
    "reg_brief_follow_up": "• {title} — {when}",
    "reg_brief_follow_up_overdue": "• ⚠️ {title} — {when} (overdue)",
    "reg_brief_shared": "↗️ What we shared or promised:",
    "reg_brief_asked": "↙️ What they asked:",
    "reg_brief_ledger_line": "• {when}: {text}",
    "reg_brief_nothing": "—",
    "reg_by_us": "on our initiative",
    "reg_by_them": "on their initiative",
    "reg_kind_bezoek": "visit",
    "reg_kind_telefoon": "phone call",
    "reg_kind_bijeenkomst": "meeting",
    "reg_kind_gebiedsoverleg": "area meeting",
    "reg_kind_training": "training",
    "reg_kind_toevallig": "chance meeting",
    "reg_kind_online": "online",
    "reg_kind_email": "email",
    "reg_kind_bericht": "app message",
    "reg_mood_positief": "positive",
    "reg_mood_neutraal": "neutral",
    "reg_mood_bezorgd": "concerned",
    "reg_mood_gespannen": "tense",
    "gv_button_step_by_step": "Step by step",
    "gv_progress": "Step {step} of {total}",
    "gv_ask_who": (
        "Whom did you meet or speak with? Choose someone or type a name. (/cancel stops; "
        "nothing is saved until you press Opslaan.)"
    ),
    "gv_ask_who_more": "With: {names}.\nAnyone else? Choose or type a name, or continue.",
    "gv_button_continue": "Continue ▸",
    "gv_who_choose": "Whom do you mean by “{name}”?",
    "gv_who_none": (
        "I can't find anyone like “{name}”. Add a new contact or type the name "
        "differently."
    ),
    "gv_who_needed": "First choose whom you spoke with.",
    "gv_ask_kind": "What kind of contact was it?",
    "gv_ask_when": "When was it? Choose or type a date (e.g. “last Tuesday”).",
    "gv_ask_initiative": "Who took the initiative?",
    "gv_button_us": "We (municipality)",
    "gv_button_them": "They",
    "gv_ask_mood": "What was the atmosphere like?",
    "gv_ask_summary": (
        "What came up? Describe what is going on in the neighbourhood or organisation, not who."
    ),
    "gv_summary_too_short": "Type in a few words what it was about.",
    "gv_text_unclear": "I don't understand that. Type it in words, or choose Skip.",
    "gv_ask_shared": (
        "What did you share or promise? For example information, an invitation or an "
        "agreement. Type it, or skip."
    ),
    "gv_ask_asked": "What did they ask of the municipality? Type it, or skip.",
    "gv_ask_follow_up": (
        "Is there a follow-up? Choose when, or type what and when (e.g. “call back Thursday”)."
    ),
    "gv_card_kind": "🗂 Kind: {kind}, {initiative}{mood}",
    "gv_card_mood": ", atmosphere {mood}",
    "gv_card_shared": "↗️ Shared/promised: {value}",
    "gv_card_asked": "↙️ Asked: {value}",
    "gv_card_waiting": "Choose Opslaan (Save), Edit or Cancel under the card.",
    "gv_step_who": "Who",
    "gv_step_kind": "Kind",
    "gv_step_when": "Date",
    "gv_step_initiative": "Initiative",
    "gv_step_mood": "Atmosphere",
    "gv_step_summary": "Summary",
    "gv_step_shared": "Shared",
    "gv_step_asked": "Asked",
    "gv_step_follow_up": "Follow-up",
}
