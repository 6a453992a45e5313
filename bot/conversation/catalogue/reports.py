"""Texts of the trend report (/rapport) and the coverage view (/witte-vlekken)."""

from __future__ import annotations

NL: dict[str, str] = {
    "rep_choose_period": "Over welke periode wil je het rapport? Het gaat steeds over de laatste "
                         "volledige maand, het laatste kwartaal of het laatste jaar.",
    "rep_button_maand": "Maand",
    "rep_button_kwartaal": "Kwartaal",
    "rep_button_jaar": "Jaar",
    "rep_sent": (
        "📄 {title}\n{period}\n\n{summary}\n\n"
        "Het rapport bevat alleen aantallen, geen namen; aantallen onder 5 staan als “<5”. "
        "Formeel en informeel netwerk staan apart."
    ),
    "rep_file_name": "rapportage-{period}-{start}.pdf",
    "rep_html_file_name": "rapportage-{period}-{start}.html",
    "rep_what_maand": "maandrapport",
    "rep_what_kwartaal": "kwartaalrapport",
    "rep_what_jaar": "jaarrapport",
    "rep_making": "⏳ Het {what} wordt gemaakt; het komt zo als PDF.",
    "rep_making_html": "⏳ De webpagina wordt gemaakt; hij komt zo.",
    "rep_html_sent": (
        "🌐 {title}\n{period}\n\n"
        "Dezelfde inhoud als de PDF, als webpagina: open het bestand in je browser, ook op je "
        "telefoon. Er is geen internet voor nodig en er staan geen namen in."
    ),
    "rep_button_html": "📱 Als webpagina (HTML)",
    "rep_every_maand": "elke maand",
    "rep_every_kwartaal": "elk kwartaal",
    "rep_every_jaar": "elk jaar",
    "rep_button_subscribe": "🔔 {every} automatisch sturen",
    "rep_button_unsubscribe": "🔕 Niet meer automatisch sturen",
    "rep_scheduled_note": "Je krijgt dit rapport automatisch, {every} op de eerste werkdag.",
    "rep_button_subscriptions": "🔔 Automatisch sturen…",
    "rep_subs_title": "🔔 Wie krijgt het rapport automatisch (op de eerste werkdag van de "
                      "periode, om 09:00)?",
    "rep_subs_line": "• {who}: {every}",
    "rep_subs_none": "Nog niemand.",
    "rep_button_stop": "Stoppen: {who}, {every}",
    "rep_button_someone": "Iemand toevoegen…",
    "rep_button_back": "« Terug",
    "rep_you": "jij",
    "rep_user": "gebruiker {number} ({role})",
    "rep_pick_user": "Wie moet het rapport automatisch krijgen? Alleen wie rapporten mag "
                     "zien staat in de lijst.",
    "rep_pick_period": "Hoe vaak krijgt {who} het rapport?",
    "rep_subscribed": "Afgesproken: {who} krijgt het rapport voortaan {every} automatisch, op "
                      "de eerste werkdag om 09:00. De eerste keer: {first}.",
    "rep_subscribe_already": "{who} krijgt het rapport al {every} automatisch.",
    "rep_subscribe_not_allowed": "{who} mag met die rol geen rapporten zien; automatisch "
                                 "sturen kan dus niet.",
    "rep_unsubscribed": "Gestopt: {who} krijgt het rapport niet meer {every} automatisch.",
    "rep_unsubscribe_gone": "Dat automatisch sturen was al gestopt.",
    "cov_title": "Witte vlekken — actieve contacten, stand {date}",
    "cov_legend": "F = formeel, I = informeel (apart geteld). ⚠ = geen of één contact.",
    "cov_areas": "Per stadsdeel:",
    "cov_area_line": "• {area}: F{formal} · I{informal} · laatste contact: {last} · "
                     "{thin} van {types} types met geen of één contact",
    "cov_never": "nog geen",
    "cov_religious": "Gebedshuizen, per soort:",
    "cov_religious_line": "• {type}: {cells}",
    "cov_religious_none": "geen actief contact",
    "cov_religious_empty": "geen contact in {count} stadsdelen",
    "cov_picture": "De afbeelding laat alle types organisaties per stadsdeel zien.",
    "cov_file_name": "witte-vlekken-{date}.png",
    "cmd_rapport": "Trendrapport (PDF of webpagina) per maand, kwartaal of jaar",
    "cmd_witte_vlekken": "Witte vlekken: waar het netwerk dun is",
}

EN: dict[str, str] = {
    "rep_choose_period": "Which period should the report cover? It is always the last complete "
                         "month, quarter or year.",
    "rep_button_maand": "Month",
    "rep_button_kwartaal": "Quarter",
    "rep_button_jaar": "Year",
    "rep_sent": (
        "📄 {title}\n{period}\n\n{summary}\n\n"
        "The report holds counts only, no names; counts under 5 are shown as “<5”. "
        "The formal and informal networks are shown apart."
    ),
    "rep_file_name": "report-{period}-{start}.pdf",
    "rep_html_file_name": "report-{period}-{start}.html",
    "rep_what_maand": "monthly report",
    "rep_what_kwartaal": "quarterly report",
    "rep_what_jaar": "annual report",
    "rep_making": "⏳ The {what} is being made; the PDF follows in a moment.",
    "rep_making_html": "⏳ The web page is being made; it follows in a moment.",
    "rep_html_sent": (
        "🌐 {title}\n{period}\n\n"
        "The same content as the PDF, as a web page: open the file in your browser, also on "
        "your phone. It needs no internet and contains no names."
    ),
    "rep_button_html": "📱 As a web page (HTML)",
    "rep_every_maand": "every month",
    "rep_every_kwartaal": "every quarter",
    "rep_every_jaar": "every year",
    "rep_button_subscribe": "🔔 Send {every} automatically",
    "rep_button_unsubscribe": "🔕 Stop sending automatically",
    "rep_scheduled_note": "You receive this report automatically, {every} on the first "
                          "working day.",
    "rep_button_subscriptions": "🔔 Send automatically…",
    "rep_subs_title": "🔔 Who receives the report automatically (on the first working day of "
                      "the period, at 09:00)?",
    "rep_subs_line": "• {who}: {every}",
    "rep_subs_none": "Nobody yet.",
    "rep_button_stop": "Stop: {who}, {every}",
    "rep_button_someone": "Add someone…",
    "rep_button_back": "« Back",
    "rep_you": "you",
    "rep_user": "user {number} ({role})",
    "rep_pick_user": "Who should receive the report automatically? Only people who may see "
                     "reports are listed.",
    "rep_pick_period": "How often does {who} receive the report?",
    "rep_subscribed": "Done: {who} will receive the report {every}, automatically, on the "
                      "first working day at 09:00. The first time: {first}.",
    "rep_subscribe_already": "{who} already receives the report {every}.",
    "rep_subscribe_not_allowed": "{who} may not see reports with that role, so it cannot be "
                                 "sent automatically.",
    "rep_unsubscribed": "Stopped: {who} no longer receives the report {every}.",
    "rep_unsubscribe_gone": "That was already stopped.",
    "cov_title": "Blank spots — active contacts, as of {date}",
    "cov_legend": "F = formal, I = informal (counted apart). ⚠ = no or one contact.",
    "cov_areas": "Per district:",
    "cov_area_line": "• {area}: F{formal} · I{informal} · last contact: {last} · "
                     "{thin} of {types} types with no or one contact",
    "cov_never": "none yet",
    "cov_religious": "Places of worship, per kind:",
    "cov_religious_line": "• {type}: {cells}",
    "cov_religious_none": "no active contact",
    "cov_religious_empty": "no contact in {count} districts",
    "cov_picture": "The picture shows every organisation type per district.",
    "cov_file_name": "blank-spots-{date}.png",
    "cmd_rapport": "Trend report (PDF or web page) per month, quarter or year",
    "cmd_witte_vlekken": "Blank spots: where the network is thin",
}
