"""Texts of user and invite management (/gebruikers, admins only)."""

from __future__ import annotations

NL: dict[str, str] = {
    "users_title": (
        "Gebruikers ({count}). Kies iemand om de rol, het zicht op het informele netwerk of de "
        "toegang te wijzigen."
    ),
    "users_line": (
        "• Gebruiker {number}{you}: {role}, via {transport}, sinds {since}{seen}{informal}"
    ),
    "users_you": " (jij)",
    "users_seen": ", laatst actief {day}",
    "users_line_informal": ", ziet het informele netwerk",
    "users_button_person": "Gebruiker {number} ({role})",
    "users_button_invites": "Open uitnodigingen ({count})",
    "users_card": (
        "Gebruiker {number}{you}\nRol: {role}\nVia: {transport}\nSinds: {since}\n"
        "Laatst actief: {seen}"
    ),
    "users_card_informal_yes": (
        "Ziet sleutelfiguren uit het informele netwerk bij naam: ja, sinds {since}."
    ),
    "users_card_informal_no": "Ziet sleutelfiguren uit het informele netwerk bij naam: nee.",
    "users_seen_unknown": "onbekend",
    "users_button_role": "Rol wijzigen",
    "users_button_grant": "Informeel netwerk tonen",
    "users_button_withdraw": "Informeel netwerk niet meer tonen",
    "users_button_revoke": "Toegang intrekken",
    "users_button_back": "Terug naar de lijst",
    "users_choose_role": "Welke rol krijgt gebruiker {number}? Nu: {role}.",
    "users_role_changed": "Gebruiker {number} is nu {role}.",
    "users_granted": (
        "Gebruiker {number} ziet nu ook sleutelfiguren uit het informele netwerk bij naam."
    ),
    "users_withdrawn": "Gebruiker {number} ziet het informele netwerk niet meer bij naam.",
    "users_confirm_revoke": (
        "Toegang van gebruiker {number} ({role}) nu intrekken? Vanaf het volgende bericht "
        "krijgt die persoon niets meer te zien."
    ),
    "users_button_yes_revoke": "Ja, intrekken",
    "users_revoked": "De toegang van gebruiker {number} is ingetrokken.",
    "users_error_last_admin": (
        "Dat kan niet: gebruiker {number} is de enige beheerder. Maak eerst iemand anders "
        "beheerder."
    ),
    "users_error_revoked": "De toegang van gebruiker {number} was al ingetrokken.",
    "users_error_not_grantable": (
        "Dat geldt alleen voor collega's: beheerders en netwerkregisseurs zien het informele "
        "netwerk al, partners zien het register niet."
    ),
    "users_gone": "Deze gebruiker heeft geen toegang meer.",
    "users_invites_title": "Open uitnodigingen ({count}):",
    "users_invites_none": "Er staan geen uitnodigingen open.",
    "users_invite_line": "• {role}, geldig tot {until}",
    "users_button_invite_revoke": "Intrekken: {role}, tot {until}",
    "users_invite_revoked": (
        "Uitnodiging ingetrokken ({role}, was geldig tot {until}). Niemand komt er nog mee "
        "binnen."
    ),
    "users_invite_gone": "Die uitnodiging is intussen gebruikt of al ingetrokken.",
    "users_via_telegram": "Telegram",
    "users_via_matrix": "Matrix",
    "users_via_console": "de terminal",
    "cmd_gebruikers": "Gebruikers en uitnodigingen beheren",
}

EN: dict[str, str] = {
    "users_title": (
        "Users ({count}). Choose someone to change their role, their view of the informal "
        "network or their access."
    ),
    "users_line": "• User {number}{you}: {role}, via {transport}, since {since}{seen}{informal}",
    "users_you": " (you)",
    "users_seen": ", last active {day}",
    "users_line_informal": ", sees the informal network",
    "users_button_person": "User {number} ({role})",
    "users_button_invites": "Open invitations ({count})",
    "users_card": (
        "User {number}{you}\nRole: {role}\nVia: {transport}\nSince: {since}\n"
        "Last active: {seen}"
    ),
    "users_card_informal_yes": "Sees informal key figures by name: yes, since {since}.",
    "users_card_informal_no": "Sees informal key figures by name: no.",
    "users_seen_unknown": "unknown",
    "users_button_role": "Change role",
    "users_button_grant": "Show informal network",
    "users_button_withdraw": "Stop showing informal network",
    "users_button_revoke": "Revoke access",
    "users_button_back": "Back to the list",
    "users_choose_role": "Which role does user {number} get? Now: {role}.",
    "users_role_changed": "User {number} is now {role}.",
    "users_granted": "User {number} now also sees informal key figures by name.",
    "users_withdrawn": "User {number} no longer sees the informal network by name.",
    "users_confirm_revoke": (
        "Revoke the access of user {number} ({role}) now? From their next message on they "
        "get nothing."
    ),
    "users_button_yes_revoke": "Yes, revoke",
    "users_revoked": "The access of user {number} was revoked.",
    "users_error_last_admin": (
        "That can't be done: user {number} is the only admin. Make someone else admin first."
    ),
    "users_error_revoked": "The access of user {number} was already revoked.",
    "users_error_not_grantable": (
        "That only applies to colleagues: admins and coordinators already see the informal "
        "network, partners don't see the register."
    ),
    "users_gone": "This user no longer has access.",
    "users_invites_title": "Open invitations ({count}):",
    "users_invites_none": "There are no open invitations.",
    "users_invite_line": "• {role}, valid until {until}",
    "users_button_invite_revoke": "Revoke: {role}, until {until}",
    "users_invite_revoked": (
        "Invitation revoked ({role}, was valid until {until}). Nobody can get in with it now."
    ),
    "users_invite_gone": "That invitation was used or revoked in the meantime.",
    "users_via_telegram": "Telegram",
    "users_via_matrix": "Matrix",
    "users_via_console": "the terminal",
    "cmd_gebruikers": "Manage users and invitations",
}
