"""Texts of a contact's rights (/inzage, /beperken, /wissen), the retention note and the
contact-details guard on the visit card."""

from __future__ import annotations

NL: dict[str, str] = {
    "cmd_inzage": "Inzage: alles wat we over een contact bewaren",
    "cmd_beperken": "Verwerking van een contact beperken",
    "cmd_wissen": "Een contact wissen op verzoek",
    "prv_ask_export": "Van wie wil je alles zien wat we bewaren? Typ de naam.",
    "prv_ask_restrict": "Van wie wil je de verwerking beperken? Typ de naam.",
    "prv_ask_erase": "Wie wil je wissen? Typ de naam.",
    "prv_none": "Ik vind niemand die lijkt op “{query}”. Typ de naam nog eens.",
    "prv_choose": "Over wie gaat het?",
    "prv_mark_restricted": "beperkt",
    "prv_mark_archived": "gearchiveerd",
    "prv_gone": "Dit contact bestaat niet meer, of je mag het niet zien.",
    "prv_file_name": "inzage-contact-{id}-{date}",
    "prv_export_sent": (
        "Inzage voor {name}: {interactions} contactmoment(en), {follow_ups} vervolgactie(s) "
        "en {signals} signaal/signalen waarvan {name} de bron is. Hierboven als leesbare tekst; "
        "het bestand hieronder is hetzelfde in JSON. Deel het alleen met de persoon zelf."
    ),
    "prv_export_json": (
        "Hetzelfde, machineleesbaar (JSON). Klopt er iets niet? Corrigeer het hieronder."
    ),
    "prv_button_correct": "Gegevens corrigeren",
    "prv_none_value": "—",
    "prv_doc_title": "Inzage: wat het netwerkregister van de gemeente over {name} bewaart",
    "prv_doc_made": "Gemaakt op {date}.",
    "prv_doc_person": "Gegevens van het contact:",
    "prv_doc_field": "• {field}: {value}",
    "prv_field_display_name": "Naam",
    "prv_field_network": "Netwerk",
    "prv_field_status": "Status",
    "prv_field_roles": "Rollen",
    "prv_field_organisation": "Organisaties",
    "prv_field_function": "Functies",
    "prv_field_areas": "Gebieden",
    "prv_field_phone": "Telefoon",
    "prv_field_email": "E-mail",
    "prv_field_preferred_channel": "Voorkeur voor contact",
    "prv_field_agreed_on": "Toestemming gegeven op",
    "prv_field_informed_on": "Geïnformeerd over de verwerking op",
    "prv_field_last_contact_at": "Laatste contact",
    "prv_field_created_at": "Vastgelegd op",
    "prv_field_archived_at": "Gearchiveerd op",
    "prv_field_restricted_at": "Verwerking beperkt sinds",
    "prv_doc_interactions": "Contactmomenten ({count}):",
    "prv_doc_interaction": "• {date} — {kind}, {area}: {summary}",
    "prv_doc_shared": "  Wat wij deelden: {value}",
    "prv_doc_asked": "  Wat gevraagd werd: {value}",
    "prv_doc_follow_ups": "Vervolgacties over dit contact ({count}):",
    "prv_doc_follow_up": "• {title} — {date} ({status})",
    "prv_status_open": "open",
    "prv_status_done": "gedaan",
    "prv_doc_signals": "Signalen waarvan dit contact de bron is ({count}):",
    "prv_doc_signal": "• {date} — {area}, {category}: {facts}",
    "prv_doc_footer": (
        "Zinnen over iemands geloof, afkomst, politieke voorkeur of gezondheid neemt het "
        "register bij het vastleggen niet over, en namen van anderen dan de contacten vervangt "
        "het door een neutraal woord. Het herkent daarvoor woorden en namen: wat het niet "
        "herkent, blijft staan. Vragen over deze gegevens: neem contact op met de gemeente."
    ),
    "prv_not_restricted": (
        "De verwerking van {name} is niet beperkt. Beperken houdt de gegevens vast, maar "
        "{name} krijgt geen herinneringen of digestregels meer en wordt niet meer herkend "
        "in berichten."
    ),
    "prv_restricted_since": (
        "De verwerking van {name} is beperkt sinds {since}: de gegevens blijven bewaard, "
        "maar worden niet gebruikt."
    ),
    "prv_button_restrict": "Verwerking beperken",
    "prv_button_lift": "Beperking opheffen",
    "prv_restricted": "Beperkt.",
    "prv_lifted": "Beperking opgeheven.",
    "prv_erase_confirm": (
        "{name} definitief wissen? Dit kan niet ongedaan worden gemaakt.\n"
        "• {deleted} contactmoment(en) alleen met {name}: verwijderd\n"
        "• {unlinked} contactmoment(en) met anderen: alleen {name} eruit gehaald\n"
        "• {follow_ups} vervolgactie(s): verwijderd\n"
        "• {signals} signaal/signalen: blijven, zonder {name} als bron\n"
        "Er blijft alleen een aantekening dát er gewist is, zonder naam."
    ),
    "prv_button_erase_yes": "Ja, definitief wissen",
    "prv_erased": (
        "Gewist. {deleted} contactmoment(en) en {follow_ups} vervolgactie(s) verwijderd, "
        "{unlinked} contactmoment(en) losgekoppeld, {signals} signaal/signalen zonder bron."
    ),
    "prv_name_removed": "Naam verwijderd uit {places}.",
    "prv_name_texts_1": "1 andere tekst",
    "prv_name_texts": "{count} andere teksten",
    "prv_name_journal_1": "1 bericht in het journaal",
    "prv_name_journal": "{count} berichten in het journaal",
    "prv_name_buttons_1": "1 knop",
    "prv_name_buttons": "{count} knoppen",
    "prv_name_nowhere": "De naam stond nergens anders.",
    "prv_and": "en",
    "prv_erase_cancelled": "Niets gewist.",
    "prv_report_title": "🗂 Bewaartermijnen: wat vannacht ({date}) is opgeruimd",
    "prv_report_line": "• {what}: {count}",
    "prv_report_interaction.deleted": "contactmomenten verwijderd",
    "prv_report_follow_up.deleted": "vervolgacties verwijderd",
    "prv_report_signal.wiped": "signalen ontdaan van tekst en bron",
    "prv_report_contact.anonymised": "gestopte contacten geanonimiseerd",
    "prv_report_referral.wiped": "overdrachten ontdaan van feiten",
    "prv_report_technical": "• technische gegevens (concepten, knoppen, berichten): {count}",
    "prv_report_footer": "Van elk opgeruimd gegeven is een aantekening zonder inhoud bewaard.",
    "card_contact_details": (
        "📵 Je noteert contactgegevens: {details}. Die horen in het contact zelf, niet in de "
        "tekst. Weghalen of toch bewaren?"
    ),
    "card_contact_details_kept": "📵 Contactgegevens in de tekst bewaard op jouw verzoek.",
    "button_remove_details": "Weghalen",
    "button_keep_details": "Toch bewaren",
    "contact_details_undecided": (
        "Kies eerst of de contactgegevens in de tekst weg moeten of mogen blijven."
    ),
}

EN: dict[str, str] = {
    "cmd_inzage": "Access: everything we keep about a contact",
    "cmd_beperken": "Restrict the processing of a contact",
    "cmd_wissen": "Erase a contact on request",
    "prv_ask_export": "Whose data do you want to see? Type the name.",
    "prv_ask_restrict": "Whose processing do you want to restrict? Type the name.",
    "prv_ask_erase": "Who do you want to erase? Type the name.",
    "prv_none": "I can't find anyone like “{query}”. Type the name again.",
    "prv_choose": "Who is it about?",
    "prv_mark_restricted": "restricted",
    "prv_mark_archived": "archived",
    "prv_gone": "This contact no longer exists, or you may not see them.",
    "prv_file_name": "access-contact-{id}-{date}",
    "prv_export_sent": (
        "Access for {name}: {interactions} contact moment(s), {follow_ups} follow-up(s) and "
        "{signals} signal(s) with {name} as the source. Above as readable text; the file "
        "below is the same in JSON. Share it only with the person themselves."
    ),
    "prv_export_json": "The same, machine-readable (JSON). Something wrong? Correct it below.",
    "prv_button_correct": "Correct details",
    "prv_none_value": "—",
    "prv_doc_title": "Access: what the municipality's network register keeps about {name}",
    "prv_doc_made": "Made on {date}.",
    "prv_doc_person": "The contact's details:",
    "prv_doc_field": "• {field}: {value}",
    "prv_field_display_name": "Name",
    "prv_field_network": "Network",
    "prv_field_status": "Status",
    "prv_field_roles": "Roles",
    "prv_field_organisation": "Organisations",
    "prv_field_function": "Functions",
    "prv_field_areas": "Areas",
    "prv_field_phone": "Phone",
    "prv_field_email": "E-mail",
    "prv_field_preferred_channel": "Preferred channel",
    "prv_field_agreed_on": "Agreed on",
    "prv_field_informed_on": "Informed about the processing on",
    "prv_field_last_contact_at": "Last contact",
    "prv_field_created_at": "Recorded on",
    "prv_field_archived_at": "Archived on",
    "prv_field_restricted_at": "Processing restricted since",
    "prv_doc_interactions": "Contact moments ({count}):",
    "prv_doc_interaction": "• {date} — {kind}, {area}: {summary}",
    "prv_doc_shared": "  What we shared: {value}",
    "prv_doc_asked": "  What was asked: {value}",
    "prv_doc_follow_ups": "Follow-ups about this contact ({count}):",
    "prv_doc_follow_up": "• {title} — {date} ({status})",
    "prv_status_open": "open",
    "prv_status_done": "done",
    "prv_doc_signals": "Signals with this contact as the source ({count}):",
    "prv_doc_signal": "• {date} — {area}, {category}: {facts}",
    "prv_doc_footer": (
        "When text is recorded, the register leaves out sentences about a person's religion, "
        "ethnicity, political views or health, and replaces the names of people other than the "
        "contacts by a neutral word. It recognises words and names to do so: what it does not "
        "recognise stays. Questions about these data: contact the municipality."
    ),
    "prv_not_restricted": (
        "The processing of {name} is not restricted. Restricting keeps the data, but {name} "
        "gets no more reminders or digest lines and is no longer recognised in messages."
    ),
    "prv_restricted_since": (
        "The processing of {name} is restricted since {since}: the data are kept but not used."
    ),
    "prv_button_restrict": "Restrict processing",
    "prv_button_lift": "Lift restriction",
    "prv_restricted": "Restricted.",
    "prv_lifted": "Restriction lifted.",
    "prv_erase_confirm": (
        "Erase {name} for good? This cannot be undone.\n"
        "• {deleted} contact moment(s) with only {name}: deleted\n"
        "• {unlinked} contact moment(s) with others: only {name} taken out\n"
        "• {follow_ups} follow-up(s): deleted\n"
        "• {signals} signal(s): kept, without {name} as the source\n"
        "Only a note that something was erased stays, without a name."
    ),
    "prv_button_erase_yes": "Yes, erase for good",
    "prv_erased": (
        "Erased. {deleted} contact moment(s) and {follow_ups} follow-up(s) deleted, "
        "{unlinked} contact moment(s) unlinked, {signals} signal(s) without a source."
    ),
    "prv_name_removed": "Name removed from {places}.",
    "prv_name_texts_1": "1 other text",
    "prv_name_texts": "{count} other texts",
    "prv_name_journal_1": "1 message in the journal",
    "prv_name_journal": "{count} messages in the journal",
    "prv_name_buttons_1": "1 button",
    "prv_name_buttons": "{count} buttons",
    "prv_name_nowhere": "The name appeared nowhere else.",
    "prv_and": "and",
    "prv_erase_cancelled": "Nothing erased.",
    "prv_report_title": "🗂 Retention: what was cleared last night ({date})",
    "prv_report_line": "• {what}: {count}",
    "prv_report_interaction.deleted": "contact moments deleted",
    "prv_report_follow_up.deleted": "follow-ups deleted",
    "prv_report_signal.wiped": "signals stripped of text and source",
    "prv_report_contact.anonymised": "stopped contacts anonymised",
    "prv_report_referral.wiped": "handoffs stripped of facts",
    "prv_report_technical": "• technical data (drafts, buttons, messages): {count}",
    "prv_report_footer": "For every record cleared a note without content was kept.",
    "card_contact_details": (
        "📵 You are noting contact details: {details}. They belong on the contact, not in "
        "the text. Remove them or keep them anyway?"
    ),
    "card_contact_details_kept": "📵 Contact details kept in the text, as you chose.",
    "button_remove_details": "Remove",
    "button_keep_details": "Keep anyway",
    "contact_details_undecided": (
        "First choose whether the contact details in the text go or may stay."
    ),
}
