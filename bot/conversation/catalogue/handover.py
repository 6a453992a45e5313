"""Texts of handing a network over to a successor (/overdracht, admins only)."""

from __future__ import annotations

NL: dict[str, str] = {
    "ho_choose_from": (
        "Overdracht van een netwerk. Van wie gaan de contacten, open vervolgacties en "
        "gebiedsoverleggen over?"
    ),
    "ho_button_user": "Gebruiker {number} ({role}) · {contacts} contacten",
    "ho_choose_to": "Naar wie gaat het netwerk van gebruiker {number}?",
    "ho_button_to": "Gebruiker {number} ({role})",
    "ho_nobody": "Er is geen andere actieve gebruiker om het netwerk aan over te dragen.",
    "ho_confirm": (
        "Van gebruiker {giver} naar gebruiker {successor} gaan over:\n"
        "• {contacts} contacten\n• {follow_ups} open vervolgacties\n"
        "• {meetings} gebiedsoverleggen\n\n"
        "Alles gaat in één keer over en wordt vastgelegd in het logboek. Je krijgt een "
        "overdrachtsdocument voor de opvolger. Doorgaan?"
    ),
    "ho_button_do": "Overdragen",
    "ho_button_cancel": "Annuleren",
    "ho_done": (
        "Overgedragen van gebruiker {giver} naar gebruiker {successor}: {contacts} contacten, "
        "{follow_ups} open vervolgacties, {meetings} gebiedsoverleggen.\n"
        "Het overdrachtsdocument hierboven noemt namen: alleen voor de opvolger, niet "
        "doorsturen."
    ),
    "ho_file_name": "overdracht-gebruiker-{giver}-naar-{successor}-{date}.md",
    "ho_cancelled": "Gestopt. Er is niets overgedragen.",
    "ho_error_same_user": "Dat is dezelfde gebruiker; kies iemand anders als opvolger.",
    "ho_error_unknown_user": "Die gebruiker ken ik niet (meer).",
    "ho_error_successor_revoked": "De opvolger heeft geen toegang meer; kies iemand anders.",
    "ho_error_successor_role": "Een partner kan geen netwerk overnemen; kies een medewerker.",
    "ho_error_successor_cannot_see": (
        "Gebruiker {successor} ziet het informele netwerk niet bij naam, maar er gaan "
        "informele contacten over. Geef eerst zicht op het informele netwerk via /gebruikers, "
        "of kies een andere opvolger."
    ),
    "cmd_overdracht": "Netwerk overdragen aan een opvolger (beheerders)",
}

EN: dict[str, str] = {
    "ho_choose_from": (
        "Handing over a network. Whose contacts, open follow-ups and area meetings move?"
    ),
    "ho_button_user": "User {number} ({role}) · {contacts} contacts",
    "ho_choose_to": "Who takes over the network of user {number}?",
    "ho_button_to": "User {number} ({role})",
    "ho_nobody": "There is no other active user to hand the network over to.",
    "ho_confirm": (
        "From user {giver} to user {successor}:\n"
        "• {contacts} contacts\n• {follow_ups} open follow-ups\n• {meetings} area meetings\n\n"
        "Everything moves at once and is recorded in the audit log. You get a handover "
        "document for the successor. Go ahead?"
    ),
    "ho_button_do": "Hand over",
    "ho_button_cancel": "Cancel",
    "ho_done": (
        "Handed over from user {giver} to user {successor}: {contacts} contacts, "
        "{follow_ups} open follow-ups, {meetings} area meetings.\n"
        "The handover document above names people: for the successor only, do not forward."
    ),
    "ho_file_name": "handover-user-{giver}-to-{successor}-{date}.md",
    "ho_cancelled": "Stopped. Nothing was handed over.",
    "ho_error_same_user": "That is the same user; choose someone else as successor.",
    "ho_error_unknown_user": "I don't know that user (any more).",
    "ho_error_successor_revoked": "The successor no longer has access; choose someone else.",
    "ho_error_successor_role": "A partner cannot take over a network; choose a staff member.",
    "ho_error_successor_cannot_see": (
        "User {successor} does not see the informal network by name, but informal contacts "
        "would move. Grant the informal network in /gebruikers first, or choose another "
        "successor."
    ),
    "cmd_overdracht": "Hand a network over to a successor (admins)",
}
