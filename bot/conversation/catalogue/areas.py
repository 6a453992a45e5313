"""Texts of the area list (/gebied)."""

from __future__ import annotations

NL: dict[str, str] = {
    "area_list_title": "Gebieden ({count}):",
    "area_list_line": "• {name}: {wijken}",
    "area_list_line_empty": "• {name}",
    "area_button_add": "Gebied toevoegen",
    "area_button_rename": "Hernoemen",
    "area_button_remove": "Verwijderen",
    "area_choose_parent": "Onder welk stadsdeel komt de nieuwe wijk?",
    "area_button_new_district": "Nieuw stadsdeel",
    "area_ask_name": "Typ de naam van het nieuwe gebied.",
    "area_ask_new_name": "Typ de nieuwe naam voor {name}.",
    "area_choose": "Welk gebied?",
    "area_choose_in": "Welk gebied in {name}?",
    "area_button_district_itself": "{name} zelf",
    "area_added": "Toegevoegd: {name}.",
    "area_renamed": "{old} heet nu {new}.",
    "area_removed": "Verwijderd: {name}.",
    "area_confirm_remove": "{name} verwijderen?",
    "area_button_yes_remove": "Ja, verwijderen",
    "area_error_name": "Die naam kan ik niet gebruiken; typ een naam van hooguit 120 tekens.",
    "area_error_exists": "Er is al een gebied met die naam.",
    "area_error_parent": "Een wijk hoort onder een stadsdeel.",
    "area_error_in_use": (
        "{name} is in gebruik (wijken, contacten, organisaties of vastgelegde contacten). "
        "Hernoem het liever, dan blijft de geschiedenis kloppen."
    ),
    "cmd_gebied": "De gebieden (stadsdelen en wijken)",
}

EN: dict[str, str] = {
    "area_list_title": "Areas ({count}):",
    "area_list_line": "• {name}: {wijken}",
    "area_list_line_empty": "• {name}",
    "area_button_add": "Add area",
    "area_button_rename": "Rename",
    "area_button_remove": "Remove",
    "area_choose_parent": "Under which district does the new neighbourhood go?",
    "area_button_new_district": "New district",
    "area_ask_name": "Type the name of the new area.",
    "area_ask_new_name": "Type the new name for {name}.",
    "area_choose": "Which area?",
    "area_choose_in": "Which area in {name}?",
    "area_button_district_itself": "{name} itself",
    "area_added": "Added: {name}.",
    "area_renamed": "{old} is now called {new}.",
    "area_removed": "Removed: {name}.",
    "area_confirm_remove": "Remove {name}?",
    "area_button_yes_remove": "Yes, remove",
    "area_error_name": "I can't use that name; type a name of at most 120 characters.",
    "area_error_exists": "There is already an area with that name.",
    "area_error_parent": "A neighbourhood belongs under a district.",
    "area_error_in_use": (
        "{name} is in use (neighbourhoods, contacts, organisations or logged contacts). "
        "Rename it instead, so the history stays right."
    ),
    "cmd_gebied": "The areas (districts and neighbourhoods)",
}
