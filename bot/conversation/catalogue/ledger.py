"""Texts of how a contact went on the visit card: channel, initiative, what went each way;
and the pages of /acties."""

from __future__ import annotations

NL: dict[str, str] = {
    # the visit card and its edit menu
    "field_kind": "Soort contact",
    "field_shared": "Gedeeld",
    "field_asked": "Gevraagd",
    "button_initiative": "Initiatief: {who} ⇄",
    "initiative_us": "wij",
    "initiative_them": "zij",
    "ask_kind": "Wat voor contact was het? Kies er een, of typ het (bijv. “telefoon” of “mail”).",
    "ask_shared": (
        "Wat heb jij gedeeld, verteld of toegezegd? Typ het. Een streepje (-) maakt het leeg."
    ),
    "ask_asked": "Wat vroegen zij aan de gemeente? Typ het. Een streepje (-) maakt het leeg.",
    "kind_not_understood": (
        "Dat soort contact herken ik niet. Kies een knop, of typ bijvoorbeeld “telefoon”, "
        "“mail”, “app” of “bezoek”."
    ),
    # /acties, page by page
    "follow_ups_page": "Pagina {page} van {pages}",
    "button_follow_ups_next": "Meer ▸",
    "button_follow_ups_previous": "◂ Vorige",
}

EN: dict[str, str] = {
    "field_kind": "Kind of contact",
    "field_shared": "Shared",
    "field_asked": "Asked",
    "button_initiative": "Initiative: {who} ⇄",
    "initiative_us": "we",
    "initiative_them": "they",
    "ask_kind": "What kind of contact was it? Choose one, or type it (e.g. “phone” or “email”).",
    "ask_shared": "What did you share, tell or promise? Type it. A dash (-) clears it.",
    "ask_asked": "What did they ask of the municipality? Type it. A dash (-) clears it.",
    "kind_not_understood": (
        "I don't recognise that kind of contact. Choose a button, or type for example "
        "“phone”, “email”, “app” or “visit”."
    ),
    "follow_ups_page": "Page {page} of {pages}",
    "button_follow_ups_next": "More ▸",
    "button_follow_ups_previous": "◂ Previous",
}
