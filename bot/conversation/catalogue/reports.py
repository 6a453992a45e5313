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
    "cmd_rapport": "Trendrapport (PDF) per maand, kwartaal of jaar",
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
    "cmd_rapport": "Trend report (PDF) per month, quarter or year",
    "cmd_witte_vlekken": "Blank spots: where the network is thin",
}
