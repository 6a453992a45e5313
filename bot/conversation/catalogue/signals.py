"""Texts of signals, the tension picture, trigger events and handing over a concern.

Keys start with `sig_` (signals, and why a text about a person was refused), `ten_` (the
tension picture), `evt_` (trigger events) or `zorg_` (a concern about a person). Neutral words
(design.md §2.6): a signal is about an area or a theme, a concern is handed over.
"""

from __future__ import annotations

NL: dict[str, str] = {
    # commands
    "sig_cmd_signaal": "Een signaal vastleggen: wat speelt er in een gebied",
    "ten_cmd_spanning": "Het spanningsbeeld per gebied",
    "zorg_cmd_zorg": "Een zorg over een persoon overdragen",
    # the questions
    "sig_ask_facts": (
        "Wat heb je gezien of gehoord? Beschrijf de feiten: wat, waar en wanneer. Jouw "
        "duiding vraag ik zo apart.\n"
        "Geen namen of adressen: een signaal gaat over een gebied of thema. Gaat het om "
        "één persoon? Gebruik dan /zorg."
    ),
    "sig_ask_area": "In welk gebied speelt het? Kies een stadsdeel of typ de naam van de wijk.",
    "sig_ask_wijk": "Waar in {district}?",
    "sig_ask_category": "Wat voor signaal is het?",
    "sig_ask_subcategory": "{category}: kun je het preciezer zeggen?",
    "sig_ask_interpretation": (
        "Wat is jouw duiding: wat betekent dit volgens jou? Typ het, of sla over. "
        "(Feiten en duiding blijven apart.)"
    ),
    "sig_ask_tension_level": "Hoe schat je de spanning in die dit signaal laat zien?",
    "sig_ask_location_type": "Wat voor plek is het?",
    "sig_ask_kind": (
        "Is het feitelijk (het is gebeurd), ervaren (zo voelen mensen het) of verwacht "
        "(het kan gebeuren)?"
    ),
    "sig_ask_source_type": "Van wie of waar komt het signaal?",
    "sig_ask_reliability": "Hoe betrouwbaar is de informatie?",
    "sig_ask_trend": "Welke kant gaat het op?",
    "sig_ask_urgency": "Hoe dringend is het?",
    "sig_ask_observed_on": "Wanneer was het? Kies of typ een datum (bijv. “afgelopen zaterdag”).",
    "sig_ask_counter_signals": (
        "Is er tegengeluid: wat wijst de andere kant op (bijv. bewoners die de-escaleren)? "
        "Typ het, of sla over."
    ),
    "sig_ask_trigger_event_id": "Hangt het samen met een aanleiding?",
    "sig_ask_source_contact_id": (
        "Van welk contact kwam het signaal? Typ (een deel van) de naam. Alleen rollen die "
        "bronnen mogen zien, zien dit."
    ),
    "sig_area_unknown": "Ik ken geen gebied “{text}”. Kies er een of typ een andere naam.",
    "sig_date_in_future": "Een signaal ligt niet in de toekomst. Welke datum bedoel je?",
    "sig_facts_too_short": "Beschrijf in een paar woorden wat er gebeurde.",
    "sig_from_visit_refused": "Ik neem de samenvatting van het bezoek over als feiten, maar ",
    "sig_refused_how": (
        "Beschrijf wat er in het gebied speelt, niet wie: “een groep jongeren bij het "
        "winkelcentrum” in plaats van een naam. Kwam het van een contact? Koppel die als "
        "bron onder Wijzigen. Gaat het om één persoon? Draag de zorg dan over met /zorg."
    ),
    "sig_button_from_visit": "Signaal vastleggen",
    "sig_button_not_a_name": "Dit is geen naam — zo gebruiken",
    "sig_button_concern": "Zorg over een persoon overdragen",
    "sig_button_general": "Algemeen",
    "sig_button_unknown_level": "Weet ik niet",
    "sig_button_whole": "Heel {area}",
    "sig_button_new_event": "Nieuwe aanleiding",
    "sig_button_no_event": "Geen aanleiding",
    "sig_button_no_source_contact": "Geen contact koppelen",
    "sig_source_none": "Ik vind geen contact dat lijkt op “{text}”. Typ een andere naam.",
    "sig_source_choose": "Welk contact bedoel je?",
    "sig_source_with_contact": "{source} ({name})",
    # the card
    "sig_card_title": "Signaal vastleggen — klopt dit?",
    "sig_card_waiting": "Kies Opslaan, Wijzigen of Annuleren (of /annuleer).",
    "sig_line_where": "📍 {area} · {place} · {when}",
    "sig_line_category": "🏷 {value}",
    "sig_line_facts": "📋 Feiten: {value}",
    "sig_line_interpretation": "💭 Duiding: {value}",
    "sig_line_counter": "↔️ Tegengeluid: {value}",
    "sig_line_weighing": "⚖️ {kind} · bron: {source} · {reliability}",
    "sig_line_tension": "🌡 Spanning: {level} · trend: {trend} · urgentie: {urgency}",
    "sig_line_event": "🔗 Aanleiding: {value}",
    "sig_level_unknown": "niet ingeschat",
    "sig_edit_menu": "Wat wil je aanpassen?",
    "sig_field_observed_on": "Datum",
    "sig_field_area": "Gebied",
    "sig_field_location_type": "Plek",
    "sig_field_category": "Soort signaal",
    "sig_field_facts": "Feiten",
    "sig_field_interpretation": "Duiding",
    "sig_field_counter_signals": "Tegengeluid",
    "sig_field_kind": "Feitelijk/ervaren",
    "sig_field_source_type": "Bron",
    "sig_field_reliability": "Betrouwbaarheid",
    "sig_field_tension_level": "Spanning",
    "sig_field_trend": "Trend",
    "sig_field_urgency": "Urgentie",
    "sig_field_trigger_event_id": "Aanleiding",
    "sig_field_source_contact_id": "Broncontact",
    "sig_saved": "Signaal {ref} opgeslagen: {category} in {area}.",
    "sig_cancelled": "Signaal geannuleerd; er is niets opgeslagen.",
    "sig_draft_gone": "Dit signaal is al opgeslagen of geannuleerd.",
    "sig_back_to_visit": "Terug naar je bezoek; dat is nog niet opgeslagen:",
    # a stored signal
    "sig_gone": "Dit signaal bestaat niet (meer).",
    "sig_title": "📡 Signaal {ref} — {status}",
    "sig_history": "Verloop:",
    "sig_history_line": "• {when}: {status}",
    "sig_history_reason": "• {when}: {status} — “{reason}”",
    "sig_follow_ups": "Vervolgacties:",
    "sig_follow_up_open": "• {title} — {when}",
    "sig_follow_up_done": "• ✓ {title} ({when})",
    "sig_to_in_behandeling": "In behandeling",
    "sig_to_doorgezet": "Doorgezet",
    "sig_to_monitoren": "Monitoren",
    "sig_to_afgehandeld": "Afhandelen",
    "sig_to_geannuleerd": "Signaal intrekken",
    "sig_to_heropend": "Heropenen",
    "sig_ask_reason": "Waarom wordt {ref} “{status}”? Eén korte zin is genoeg.",
    "sig_ask_reason_again": "Typ de reden opnieuw, zonder gegevens over personen.",
    "sig_reason_too_short": "Typ een korte reden (een paar woorden).",
    "sig_status_changed": "Status: {status}.",
    "sig_status_moved_on": "De status is intussen veranderd; dit is hoe het nu staat.",
    "sig_button_follow_up": "Vervolgactie",
    "sig_button_report_back": "Terugkoppelen aan de bron",
    "sig_button_link_event": "Aanleiding koppelen",
    "sig_report_back_title": "Terugkoppelen aan de bron (signaal {ref})",
    "sig_ask_follow_title": "Wat moet er gebeuren voor {ref}? Typ het kort.",
    "sig_ask_follow_again": "Typ de vervolgactie opnieuw, kort en zonder gegevens over personen.",
    "sig_ask_follow_when": "{title} — wanneer? Kies of typ een datum.",
    "sig_follow_saved": "Vervolgactie vastgelegd: {title} — {when}.",
    "sig_event_linked": "Aanleiding gekoppeld.",
    "sig_event_label": "{when} — {title}",
    "sig_list_title": "Open signalen:",
    "sig_list_title_area": "Open signalen in {area}:",
    "sig_list_line": "{ref} · {when} · {area} · {category} · {status}",
    "sig_list_empty": "Er zijn geen open signalen. Leg er een vast met /signaal.",
    # controlled lists
    "sig_loc_openbare_ruimte": "openbare ruimte",
    "sig_loc_school": "school",
    "sig_loc_online": "online",
    "sig_loc_gebedshuis_organisatie": "gebedshuis of organisatie",
    "sig_loc_evenement": "evenement",
    "sig_loc_overig": "overige plek",
    "sig_cat_polarisatie": "Polarisatie tussen groepen",
    "sig_cat_discriminatie": "Discriminatie of haatincident",
    "sig_cat_extremistische_uitingen": "Extremistische uitingen",
    "sig_cat_online": "Online oproepen of desinformatie",
    "sig_cat_gebeurtenis": "Spanning rond een (inter)nationale gebeurtenis",
    "sig_cat_demonstratie": "Demonstratie of protest",
    "sig_cat_jongeren": "Zorgen over een groep jongeren",
    "sig_cat_wantrouwen": "Wantrouwen richting overheid",
    "sig_cat_positief": "Positief signaal / veerkracht",
    "sig_cat_overig": "Overig",
    "sig_sub_tussen_bewoners": "tussen bewonersgroepen",
    "sig_sub_tussen_jongeren": "tussen groepen jongeren",
    "sig_sub_wij_zij": "wij-zij-taal",
    "sig_sub_verbaal": "verbaal",
    "sig_sub_bekladding": "bekladding of vernieling",
    "sig_sub_geweld": "fysiek geweld",
    "sig_sub_uitsluiting": "uitsluiting",
    "sig_sub_online_haat": "online",
    "sig_sub_symbolen": "symbolen of leuzen",
    "sig_sub_propaganda": "flyers of propaganda",
    "sig_sub_uitspraken": "uitspraken in het openbaar",
    "sig_sub_online_uitingen": "online",
    "sig_sub_oproep": "oproep tot actie",
    "sig_sub_desinformatie": "desinformatie of geruchten",
    "sig_sub_haatberichten": "haatberichten",
    "sig_sub_intimidatie_online": "online intimidatie",
    "sig_sub_internationaal": "internationaal conflict",
    "sig_sub_nationaal": "landelijke politiek of beleid",
    "sig_sub_elders": "incident elders in het land",
    "sig_sub_aangekondigd": "aangekondigd",
    "sig_sub_spontaan": "spontaan",
    "sig_sub_tegendemonstratie": "tegendemonstratie",
    "sig_sub_groepsvorming": "groepsvorming",
    "sig_sub_overlast": "overlast of intimidatie",
    "sig_sub_beinvloeding": "beïnvloeding door anderen",
    "sig_sub_online_gedrag": "online gedrag",
    "sig_sub_gemeente": "richting gemeente",
    "sig_sub_politie": "richting politie",
    "sig_sub_instanties": "richting instanties",
    "sig_sub_complot": "complotdenken",
    "sig_sub_verbinding": "verbinding tussen groepen",
    "sig_sub_initiatief": "initiatief van bewoners",
    "sig_sub_tegengeluid": "tegengeluid",
    "sig_sub_samenwerking": "samenwerking met partners",
    "sig_kind_feitelijk": "feitelijk",
    "sig_kind_ervaren": "ervaren",
    "sig_kind_verwacht": "verwacht",
    "sig_kind_none": "aard onbekend",
    "sig_src_eigen_waarneming": "eigen waarneming",
    "sig_src_sleutelfiguur": "sleutelfiguur",
    "sig_src_formele_partner": "formele partner",
    "sig_src_media": "media",
    "sig_src_sociale_media": "sociale media",
    "sig_src_intern": "intern (gemeente)",
    "sig_src_anoniem": "anoniem",
    "sig_rel_bevestigd": "bevestigd",
    "sig_rel_waarschijnlijk": "waarschijnlijk",
    "sig_rel_mogelijk": "mogelijk",
    "sig_rel_twijfelachtig": "twijfelachtig",
    "sig_rel_onbekend": "betrouwbaarheid onbekend",
    "sig_lvl_0": "0 · rustig",
    "sig_lvl_1": "1 · sluimerend ongenoegen",
    "sig_lvl_2": "2 · oplopende spanningen",
    "sig_lvl_3": "3 · escalatie",
    "sig_trend_stijgend": "stijgend",
    "sig_trend_stabiel": "stabiel",
    "sig_trend_dalend": "dalend",
    "sig_trend_onbekend": "onbekend",
    "sig_urg_laag": "laag",
    "sig_urg_normaal": "normaal",
    "sig_urg_hoog": "hoog",
    "sig_status_gemeld": "gemeld",
    "sig_status_in_behandeling": "in behandeling",
    "sig_status_doorgezet": "doorgezet",
    "sig_status_monitoren": "monitoren",
    "sig_status_afgehandeld": "afgehandeld",
    "sig_status_geannuleerd": "ingetrokken",
    "sig_status_heropend": "heropend",
    "sig_evscope_lokaal": "lokaal",
    "sig_evscope_nationaal": "landelijk",
    "sig_evscope_internationaal": "internationaal",
    "sig_evkind_incident": "incident",
    "sig_evkind_demonstratie": "demonstratie",
    "sig_evkind_spreker": "spreker",
    "sig_evkind_beleidsbesluit": "beleidsbesluit",
    "sig_evkind_media": "media",
    "sig_evkind_herdenking": "herdenking",
    "sig_evkind_overig": "overig",
    # why a text is refused
    "sig_privacy_refused": "Dit neem ik niet over:",
    "sig_found_bsn": "• een burgerservicenummer (BSN) — dat mag nergens in het register staan",
    "sig_found_email": "• een e-mailadres: {found}",
    "sig_found_phone": "• een telefoonnummer: {found}",
    "sig_found_address": "• een adres: {found}",
    "sig_found_name": "• wat op een naam lijkt: {found}",
    # the tension picture
    "ten_level_groen": "groen — rustig",
    "ten_level_geel": "geel — sluimerend ongenoegen",
    "ten_level_oranje": "oranje — oplopende spanningen",
    "ten_level_rood": "rood — escalatie",
    "ten_level_nafase": "nafase — herstel na escalatie",
    "ten_overview_title": "Spanningsbeeld per gebied ({date})",
    "ten_overview_empty": "Alle gebieden zijn groen: geen beoordeling en geen open signalen.",
    "ten_overview_line": "{emoji} {area}: {parts}",
    "ten_overview_rest": "Andere gebieden: groen, geen open signalen. Kies een gebied voor meer.",
    "ten_not_assessed": "nog niet beoordeeld",
    "ten_open_signal": "1 open signaal",
    "ten_open_signals": "{count} open signalen",
    "ten_review_short": "herbeoordeling {when}",
    "ten_review_proposed": "💡 herbeoordeling voorgesteld",
    "ten_assessment_proposed": "💡 beoordeling voorgesteld",
    "ten_button_pick": "Ander gebied",
    "ten_pick": "Welk gebied?",
    "ten_pick_wijk": "Waar in {district}?",
    "ten_area_title": "Spanningsbeeld {area}",
    "ten_area_not_assessed": "Nog niet beoordeeld (geldt als groen).",
    "ten_area_level": "{emoji} {level} — sinds {since}",
    "ten_area_why": "Onderbouwing: {value}",
    "ten_area_signals": "Signalen ({count}):",
    "ten_signal_line": "• {ref} {when} — {category}{level} ({status})",
    "ten_signal_level": ", spanning {level}",
    "ten_area_events": "Aanleidingen:",
    "ten_event_line": "{when} — {title} ({scope}, {kind})",
    "ten_bullet": "• {value}",
    "ten_area_history": "Eerder:",
    "ten_history_line": "• {when}: {emoji} {level}",
    "ten_area_review": "📅 Volgende herbeoordeling: {when}",
    "ten_rhythm_normal": "🔁 Contactritme: normaal.",
    "ten_tightening": ("🔁 Contactritme bij spanning (instelling): {levels}. Nooit korter dan "
                       "om de {days} dagen."),
    "ten_tightening_never": ("🔁 Contactritme bij spanning (instelling): blijft gelijk op elk "
                             "niveau."),
    "ten_rhythm_tight": "🔁 Contactritme verscherpt: {how} voor {contacts}.",
    "ten_contacts": "de {count} contacten in dit gebied",
    "ten_contacts_one": "het ene contact in dit gebied",
    "ten_contacts_none": "contacten in dit gebied (er zijn er nog geen)",
    "ten_times_as_often": "{times}× zo vaak",
    "ten_proposal": (
        "Herbeoordeling voorgesteld: {count} nieuwe signalen in {area} sinds de beoordeling "
        "van {since}."
    ),
    "ten_proposal_new": (
        "Beoordeling voorgesteld: {count} signalen in {area} in de afgelopen {days} dagen, "
        "en het gebied is nog niet beoordeeld."
    ),
    "ten_proposal_new_above": (
        "Beoordeling voorgesteld: in {area} is spanning gesignaleerd, en het gebied is nog "
        "niet beoordeeld."
    ),
    "ten_proposal_above": (
        "Herbeoordeling voorgesteld: een signaal in {area} is hoger ingeschat dan het "
        "huidige niveau."
    ),
    "ten_button_area": "Spanningsbeeld {area}",
    "ten_button_set": "Niveau vaststellen",
    "ten_button_signals": "Signalen",
    "ten_button_overview": "Alle gebieden",
    "ten_ask_level": "Welk niveau heeft {area} nu?",
    "ten_ask_reason": (
        "{area}: {level}. Waarom? Eén of twee zinnen; de open signalen en aanleidingen van "
        "het gebied koppel ik zelf."
    ),
    "ten_ask_reason_again": "Typ de onderbouwing opnieuw, zonder gegevens over personen.",
    "ten_ask_review": "Wanneer kijk je er opnieuw naar? Kies of typ een datum.",
    "ten_button_review_7": "Over een week",
    "ten_button_review_14": "Over twee weken",
    "ten_button_review_28": "Over vier weken",
    "ten_review_in_past": "Kies een datum na vandaag.",
    "ten_review_title": "Spanningsbeeld {area} herbeoordelen",
    "ten_saved": (
        "{area} staat nu op {emoji} {level}. Herbeoordeling op {when}; je "
        "krijgt een herinnering."
    ),
    "ten_saved_tightened": (
        "Het contactritme is verscherpt ({how}) voor {contacts}; het ochtendoverzicht laat "
        "zien wie aan de beurt is."
    ),
    "ten_saved_relaxed": "Het contactritme in dit gebied is weer normaal.",
    # trigger events
    "evt_list_title": "Aanleidingen (recent en komend):",
    "evt_list_empty": "Nog geen aanleidingen vastgelegd.",
    "evt_ask_title": (
        "Wat is de aanleiding? Typ een korte titel, bijv. “Demonstratie bij het station” of "
        "“Escalatie in het Midden-Oosten”."
    ),
    "evt_ask_scope": "Lokaal, landelijk of internationaal?",
    "evt_ask_kind": "Wat voor aanleiding?",
    "evt_ask_date": "Wanneer? Kies of typ een datum (ook een komende).",
    "evt_ask_area": "In welk gebied?",
    "evt_button_whole_city": "De hele stad",
    "evt_saved": "Aanleiding vastgelegd: {value}",
    # a concern about a person
    "zorg_intro": (
        "Zorg over een persoon overdragen. Ik leg geen dossier aan: alleen een kort "
        "overdrachtsverslag zonder naam — gebied, leeftijdsgroep, aard, korte feiten, waar het "
        "naartoe ging en of er terugkoppeling kwam. De feiten worden na de terugkoppeling "
        "automatisch gewist; daarna blijven alleen aantallen."
    ),
    "zorg_progress": "Stap {step} van {total}",
    "zorg_ask_area": "In welk gebied?",
    "zorg_ask_age_band": "Hoe oud is de persoon ongeveer?",
    "zorg_ask_nature": "Waar gaat de zorg over?",
    "zorg_ask_facts": (
        "Beschrijf kort de feiten: wat is er gezien of gehoord? Geen naam, adres, "
        "telefoonnummer, e-mailadres of BSN — schrijf bijvoorbeeld “een jongen van 16”."
    ),
    "zorg_ask_referred_to": "Naar wie heb je het overgedragen (of draag je het over)?",
    "zorg_ask_external_reference": (
        "Kreeg je een kenmerk of zaaknummer van de ontvanger? Typ het, of kies “Geen kenmerk”."
    ),
    "zorg_ask_feedback_days": (
        "Wanneer wil je eraan herinnerd worden om naar terugkoppeling te "
        "vragen?"
    ),
    "zorg_refused_how": (
        "Een overdracht bevat geen gegevens waarmee iemand te herkennen is; die horen bij de "
        "ontvanger. Beschrijf het zonder (bijv. “een jongen van 16 uit de wijk”). Staat er "
        "geen naam in? Omschrijf het woord dan anders."
    ),
    "zorg_facts_too_short": "Beschrijf de feiten in een of twee zinnen.",
    "zorg_facts_too_long": "Houd het kort: hooguit {limit} tekens. De rest hoort bij de ontvanger.",
    "zorg_reference_too_long": "Een kenmerk is hooguit {limit} tekens.",
    "zorg_button_no_reference": "Geen kenmerk",
    "zorg_button_weeks": "Over {weeks} weken",
    "zorg_age_<12": "jonger dan 12",
    "zorg_age_12-17": "12–17",
    "zorg_age_18-23": "18–23",
    "zorg_age_24+": "24 of ouder",
    "zorg_age_onbekend": "onbekend",
    "zorg_nature_uitingen": "Uitspraken of gedrag die zorgen baren",
    "zorg_nature_online": "Zorgen over online activiteit",
    "zorg_nature_verandering": "Plotselinge verandering of isolement",
    "zorg_nature_groep": "Contact met een extremistische groep",
    "zorg_nature_dreiging": "Dreiging of geweld",
    "zorg_nature_omgeving": "Zorgen geuit door de omgeving",
    "zorg_nature_overig": "Overig",
    "zorg_dest_contactpunt": "Gemeentelijk contactpunt",
    "zorg_dest_zvh": "Zorg- en Veiligheidshuis / casusoverleg",
    "zorg_dest_wijkteam": "Wijkteam",
    "zorg_dest_veilig_thuis": "Veilig Thuis",
    "zorg_dest_politie": "Politie",
    "zorg_dest_lse": "Landelijk Steunpunt Extremisme",
    "zorg_dest_overig": "Andere organisatie",
    "zorg_card_title": "Overdracht vastleggen — klopt dit?",
    "zorg_card_waiting": "Kies Opslaan, Wijzigen of Annuleren (of /annuleer).",
    "zorg_line_area": "📍 Gebied: {value}",
    "zorg_line_age": "👤 Leeftijd: {value}",
    "zorg_line_nature": "🏷 Aard: {value}",
    "zorg_line_facts": "📋 Feiten: {value}",
    "zorg_line_dest": "➡️ Overgedragen aan: {value}",
    "zorg_line_reference": "🔖 Kenmerk: {value}",
    "zorg_line_feedback": "⏰ Terugkoppeling navragen: over {weeks} weken",
    "zorg_facts_purged": "gewist",
    "zorg_edit_menu": "Wat wil je aanpassen?",
    "zorg_field_area": "Gebied",
    "zorg_field_age_band": "Leeftijd",
    "zorg_field_nature": "Aard",
    "zorg_field_facts": "Feiten",
    "zorg_field_referred_to": "Overgedragen aan",
    "zorg_field_external_reference": "Kenmerk",
    "zorg_field_feedback_days": "Herinnering",
    "zorg_cancelled": "Gestopt; er is niets vastgelegd.",
    "zorg_draft_gone": "Deze overdracht is al vastgelegd of gestopt.",
    "zorg_follow_up_title": "Terugkoppeling navragen bij {dest} (overdracht {{ref}})",
    "zorg_saved": (
        "Vastgelegd als {ref}: overgedragen aan {dest}. Op {when} herinner ik je eraan om "
        "naar terugkoppeling te vragen. De feiten worden {days} dagen na de terugkoppeling "
        "gewist; daarna blijven alleen aantallen. /overdrachten toont wat nog loopt."
    ),
    "zorg_list_title": (
        "Overdrachten in de afgelopen twaalf maanden: {total} — {feedback} met terugkoppeling, "
        "{waiting} wachten."
    ),
    "zorg_list_open": "Nog lopend (feiten nog niet gewist):",
    "zorg_list_empty": (
        "Er zijn nog geen overdrachten. Een zorg over een persoon draag je "
        "over met /zorg."
    ),
    "zorg_line_waiting": "{ref} · {when} · {area} · {dest} · terugkoppeling navragen {check}",
    "zorg_line_to_purge": "{ref} · {when} · {area} · {dest} · feiten gewist op {purge}",
    "zorg_title": "Overdracht {ref} ({when})",
    "zorg_status_waiting": "⏳ Wacht op terugkoppeling; navragen op {when}.",
    "zorg_status_feedback": (
        "✓ Terugkoppeling ontvangen op {when}; de feiten worden gewist op "
        "{purge}."
    ),
    "zorg_status_purged": "De feiten zijn gewist; alleen de gegevens om te tellen blijven.",
    "zorg_button_feedback": "Terugkoppeling ontvangen",
    "zorg_button_purge": "Feiten nu wissen",
    "zorg_feedback_saved": (
        "Terugkoppeling op {ref} vastgelegd. De feiten worden op {when} gewist; daarna "
        "blijven alleen aantallen."
    ),
    "zorg_purged": "De feiten van {ref} zijn gewist.",
    "zorg_gone": "Deze overdracht bestaat niet of valt buiten wat je mag zien.",
}

EN: dict[str, str] = {
    "sig_cmd_signaal": "Record a signal: what is going on in an area",
    "ten_cmd_spanning": "The tension picture per area",
    "zorg_cmd_zorg": "Hand over a concern about a person",
    "sig_ask_facts": (
        "What did you see or hear? Describe the facts: what, where and when. I'll ask for "
        "your interpretation separately.\n"
        "No names or addresses: a signal is about an area or a theme. Is it about one "
        "person? Use /concern instead."
    ),
    "sig_ask_area": "In which area is it? Choose a district or type the neighbourhood's name.",
    "sig_ask_wijk": "Where in {district}?",
    "sig_ask_category": "What kind of signal is it?",
    "sig_ask_subcategory": "{category}: can you be more precise?",
    "sig_ask_interpretation": (
        "What is your interpretation: what does this mean, in your view? Type it, or skip. "
        "(Facts and interpretation are kept apart.)"
    ),
    "sig_ask_tension_level": "How do you judge the tension this signal shows?",
    "sig_ask_location_type": "What kind of place is it?",
    "sig_ask_kind": (
        "Is it factual (it happened), experienced (how people feel it) or expected (it may "
        "happen)?"
    ),
    "sig_ask_source_type": "Whom or where does the signal come from?",
    "sig_ask_reliability": "How reliable is the information?",
    "sig_ask_trend": "Which way is it going?",
    "sig_ask_urgency": "How urgent is it?",
    "sig_ask_observed_on": "When was it? Choose or type a date (e.g. “last Saturday”).",
    "sig_ask_counter_signals": (
        "Is there a counter-signal: what points the other way (e.g. residents calming things "
        "down)? Type it, or skip."
    ),
    "sig_ask_trigger_event_id": "Is it linked to a trigger event?",
    "sig_ask_source_contact_id": (
        "Which contact did the signal come from? Type (part of) the name. Only roles allowed "
        "to see sources see this."
    ),
    "sig_area_unknown": "I don't know an area “{text}”. Choose one or type another name.",
    "sig_date_in_future": "A signal is not in the future. Which date do you mean?",
    "sig_facts_too_short": "Describe in a few words what happened.",
    "sig_from_visit_refused": "I take the visit's summary as the facts, but ",
    "sig_refused_how": (
        "Describe what is going on in the area, not who: “a group of young people at the "
        "shopping centre” instead of a name. Did it come from a contact? Link them as the "
        "source under Edit. Is it about one person? Hand the concern over with /concern."
    ),
    "sig_button_from_visit": "Record signal",
    "sig_button_not_a_name": "It is not a name — use it",
    "sig_button_concern": "Hand over a concern about a person",
    "sig_button_general": "In general",
    "sig_button_unknown_level": "Don't know",
    "sig_button_whole": "All of {area}",
    "sig_button_new_event": "New trigger event",
    "sig_button_no_event": "No trigger event",
    "sig_button_no_source_contact": "Link no contact",
    "sig_source_none": "I find no contact like “{text}”. Type another name.",
    "sig_source_choose": "Which contact do you mean?",
    "sig_source_with_contact": "{source} ({name})",
    "sig_card_title": "Record signal — is this right?",
    "sig_card_waiting": "Choose Opslaan (Save), Edit or Cancel (or /cancel).",
    "sig_line_where": "📍 {area} · {place} · {when}",
    "sig_line_category": "🏷 {value}",
    "sig_line_facts": "📋 Facts: {value}",
    "sig_line_interpretation": "💭 Interpretation: {value}",
    "sig_line_counter": "↔️ Counter-signal: {value}",
    "sig_line_weighing": "⚖️ {kind} · source: {source} · {reliability}",
    "sig_line_tension": "🌡 Tension: {level} · trend: {trend} · urgency: {urgency}",
    "sig_line_event": "🔗 Trigger event: {value}",
    "sig_level_unknown": "not judged",
    "sig_edit_menu": "What would you like to change?",
    "sig_field_observed_on": "Date",
    "sig_field_area": "Area",
    "sig_field_location_type": "Place",
    "sig_field_category": "Kind of signal",
    "sig_field_facts": "Facts",
    "sig_field_interpretation": "Interpretation",
    "sig_field_counter_signals": "Counter-signal",
    "sig_field_kind": "Factual/felt",
    "sig_field_source_type": "Source",
    "sig_field_reliability": "Reliability",
    "sig_field_tension_level": "Tension",
    "sig_field_trend": "Trend",
    "sig_field_urgency": "Urgency",
    "sig_field_trigger_event_id": "Trigger event",
    "sig_field_source_contact_id": "Source contact",
    "sig_saved": "Signal {ref} saved: {category} in {area}.",
    "sig_cancelled": "Signal cancelled; nothing was saved.",
    "sig_draft_gone": "This signal was already saved or cancelled.",
    "sig_back_to_visit": "Back to your visit; it is not saved yet:",
    "sig_gone": "This signal no longer exists.",
    "sig_title": "📡 Signal {ref} — {status}",
    "sig_history": "History:",
    "sig_history_line": "• {when}: {status}",
    "sig_history_reason": "• {when}: {status} — “{reason}”",
    "sig_follow_ups": "Follow-ups:",
    "sig_follow_up_open": "• {title} — {when}",
    "sig_follow_up_done": "• ✓ {title} ({when})",
    "sig_to_in_behandeling": "In progress",
    "sig_to_doorgezet": "Passed on",
    "sig_to_monitoren": "Monitor",
    "sig_to_afgehandeld": "Close",
    "sig_to_geannuleerd": "Withdraw signal",
    "sig_to_heropend": "Reopen",
    "sig_ask_reason": "Why does {ref} become “{status}”? One short sentence is enough.",
    "sig_ask_reason_again": "Type the reason again, without details about people.",
    "sig_reason_too_short": "Type a short reason (a few words).",
    "sig_status_changed": "Status: {status}.",
    "sig_status_moved_on": "The status changed in the meantime; this is how it stands now.",
    "sig_button_follow_up": "Follow-up",
    "sig_button_report_back": "Report back to the source",
    "sig_button_link_event": "Link trigger event",
    "sig_report_back_title": "Report back to the source (signal {ref})",
    "sig_ask_follow_title": "What needs to happen for {ref}? Type it briefly.",
    "sig_ask_follow_again": "Type the follow-up again, briefly and without details about people.",
    "sig_ask_follow_when": "{title} — when? Choose or type a date.",
    "sig_follow_saved": "Follow-up recorded: {title} — {when}.",
    "sig_event_linked": "Trigger event linked.",
    "sig_event_label": "{when} — {title}",
    "sig_list_title": "Open signals:",
    "sig_list_title_area": "Open signals in {area}:",
    "sig_list_line": "{ref} · {when} · {area} · {category} · {status}",
    "sig_list_empty": "There are no open signals. Record one with /signal.",
    "sig_loc_openbare_ruimte": "public space",
    "sig_loc_school": "school",
    "sig_loc_online": "online",
    "sig_loc_gebedshuis_organisatie": "place of worship or organisation",
    "sig_loc_evenement": "event",
    "sig_loc_overig": "other place",
    "sig_cat_polarisatie": "Polarisation between groups",
    "sig_cat_discriminatie": "Discrimination or hate incident",
    "sig_cat_extremistische_uitingen": "Extremist expressions",
    "sig_cat_online": "Online calls or disinformation",
    "sig_cat_gebeurtenis": "Tension around a (inter)national event",
    "sig_cat_demonstratie": "Demonstration or protest",
    "sig_cat_jongeren": "Concerns about a group of young people",
    "sig_cat_wantrouwen": "Distrust of government",
    "sig_cat_positief": "Positive signal / resilience",
    "sig_cat_overig": "Other",
    "sig_sub_tussen_bewoners": "between groups of residents",
    "sig_sub_tussen_jongeren": "between groups of young people",
    "sig_sub_wij_zij": "us-and-them language",
    "sig_sub_verbaal": "verbal",
    "sig_sub_bekladding": "graffiti or vandalism",
    "sig_sub_geweld": "physical violence",
    "sig_sub_uitsluiting": "exclusion",
    "sig_sub_online_haat": "online",
    "sig_sub_symbolen": "symbols or slogans",
    "sig_sub_propaganda": "flyers or propaganda",
    "sig_sub_uitspraken": "statements in public",
    "sig_sub_online_uitingen": "online",
    "sig_sub_oproep": "call to action",
    "sig_sub_desinformatie": "disinformation or rumours",
    "sig_sub_haatberichten": "hate messages",
    "sig_sub_intimidatie_online": "online intimidation",
    "sig_sub_internationaal": "international conflict",
    "sig_sub_nationaal": "national politics or policy",
    "sig_sub_elders": "incident elsewhere in the country",
    "sig_sub_aangekondigd": "announced",
    "sig_sub_spontaan": "spontaneous",
    "sig_sub_tegendemonstratie": "counter-demonstration",
    "sig_sub_groepsvorming": "group forming",
    "sig_sub_overlast": "nuisance or intimidation",
    "sig_sub_beinvloeding": "influence by others",
    "sig_sub_online_gedrag": "online behaviour",
    "sig_sub_gemeente": "towards the municipality",
    "sig_sub_politie": "towards the police",
    "sig_sub_instanties": "towards agencies",
    "sig_sub_complot": "conspiracy thinking",
    "sig_sub_verbinding": "connection between groups",
    "sig_sub_initiatief": "residents' initiative",
    "sig_sub_tegengeluid": "counter-voice",
    "sig_sub_samenwerking": "cooperation with partners",
    "sig_kind_feitelijk": "factual",
    "sig_kind_ervaren": "experienced",
    "sig_kind_verwacht": "expected",
    "sig_kind_none": "nature unknown",
    "sig_src_eigen_waarneming": "own observation",
    "sig_src_sleutelfiguur": "key figure",
    "sig_src_formele_partner": "formal partner",
    "sig_src_media": "media",
    "sig_src_sociale_media": "social media",
    "sig_src_intern": "internal (municipality)",
    "sig_src_anoniem": "anonymous",
    "sig_rel_bevestigd": "confirmed",
    "sig_rel_waarschijnlijk": "probable",
    "sig_rel_mogelijk": "possible",
    "sig_rel_twijfelachtig": "doubtful",
    "sig_rel_onbekend": "reliability unknown",
    "sig_lvl_0": "0 · calm",
    "sig_lvl_1": "1 · simmering discontent",
    "sig_lvl_2": "2 · rising tension",
    "sig_lvl_3": "3 · escalation",
    "sig_trend_stijgend": "rising",
    "sig_trend_stabiel": "stable",
    "sig_trend_dalend": "falling",
    "sig_trend_onbekend": "unknown",
    "sig_urg_laag": "low",
    "sig_urg_normaal": "normal",
    "sig_urg_hoog": "high",
    "sig_status_gemeld": "reported",
    "sig_status_in_behandeling": "in progress",
    "sig_status_doorgezet": "passed on",
    "sig_status_monitoren": "monitoring",
    "sig_status_afgehandeld": "closed",
    "sig_status_geannuleerd": "withdrawn",
    "sig_status_heropend": "reopened",
    "sig_evscope_lokaal": "local",
    "sig_evscope_nationaal": "national",
    "sig_evscope_internationaal": "international",
    "sig_evkind_incident": "incident",
    "sig_evkind_demonstratie": "demonstration",
    "sig_evkind_spreker": "speaker",
    "sig_evkind_beleidsbesluit": "policy decision",
    "sig_evkind_media": "media",
    "sig_evkind_herdenking": "commemoration",
    "sig_evkind_overig": "other",
    "sig_privacy_refused": "I can't record this:",
    "sig_found_bsn": "• a citizen service number (BSN) — it may never be in the register",
    "sig_found_email": "• an e-mail address: {found}",
    "sig_found_phone": "• a phone number: {found}",
    "sig_found_address": "• an address: {found}",
    "sig_found_name": "• what looks like a name: {found}",
    "ten_level_groen": "green — calm",
    "ten_level_geel": "yellow — simmering discontent",
    "ten_level_oranje": "orange — rising tension",
    "ten_level_rood": "red — escalation",
    "ten_level_nafase": "aftermath — recovery after escalation",
    "ten_overview_title": "Tension picture per area ({date})",
    "ten_overview_empty": "All areas are green: no assessment and no open signals.",
    "ten_overview_line": "{emoji} {area}: {parts}",
    "ten_overview_rest": "Other areas: green, no open signals. Choose an area for more.",
    "ten_not_assessed": "not assessed yet",
    "ten_open_signal": "1 open signal",
    "ten_open_signals": "{count} open signals",
    "ten_review_short": "review {when}",
    "ten_review_proposed": "💡 review proposed",
    "ten_assessment_proposed": "💡 assessment proposed",
    "ten_button_pick": "Other area",
    "ten_pick": "Which area?",
    "ten_pick_wijk": "Where in {district}?",
    "ten_area_title": "Tension picture {area}",
    "ten_area_not_assessed": "Not assessed yet (counts as green).",
    "ten_area_level": "{emoji} {level} — since {since}",
    "ten_area_why": "Justification: {value}",
    "ten_area_signals": "Signals ({count}):",
    "ten_signal_line": "• {ref} {when} — {category}{level} ({status})",
    "ten_signal_level": ", tension {level}",
    "ten_area_events": "Trigger events:",
    "ten_event_line": "{when} — {title} ({scope}, {kind})",
    "ten_bullet": "• {value}",
    "ten_area_history": "Earlier:",
    "ten_history_line": "• {when}: {emoji} {level}",
    "ten_area_review": "📅 Next review: {when}",
    "ten_rhythm_normal": "🔁 Contact rhythm: normal.",
    "ten_rhythm_tight": "🔁 Contact rhythm tightened: {how} for {contacts}.",
    "ten_contacts": "the {count} contacts in this area",
    "ten_contacts_one": "the one contact in this area",
    "ten_contacts_none": "contacts in this area (there are none yet)",
    "ten_tightening": ("🔁 Contact rhythm under tension (setting): {levels}. Never more often "
                       "than every {days} days."),
    "ten_tightening_never": "🔁 Contact rhythm under tension (setting): unchanged at every level.",
    "ten_times_as_often": "{times}× as often",
    "ten_proposal": (
        "Review proposed: {count} new signals in {area} since the assessment of {since}."
    ),
    "ten_proposal_new": (
        "Assessment proposed: {count} signals in {area} in the last {days} days, and the area "
        "is not assessed yet."
    ),
    "ten_proposal_new_above": (
        "Assessment proposed: tension was signalled in {area}, and the area is not assessed "
        "yet."
    ),
    "ten_proposal_above": (
        "Review proposed: a signal in {area} was judged higher than the current level."
    ),
    "ten_button_area": "Tension picture {area}",
    "ten_button_set": "Set the level",
    "ten_button_signals": "Signals",
    "ten_button_overview": "All areas",
    "ten_ask_level": "What level is {area} at now?",
    "ten_ask_reason": (
        "{area}: {level}. Why? One or two sentences; I link the area's open signals and "
        "trigger events myself."
    ),
    "ten_ask_reason_again": "Type the justification again, without details about people.",
    "ten_ask_review": "When will you look at it again? Choose or type a date.",
    "ten_button_review_7": "In a week",
    "ten_button_review_14": "In two weeks",
    "ten_button_review_28": "In four weeks",
    "ten_review_in_past": "Choose a date after today.",
    "ten_review_title": "Review the tension picture of {area}",
    "ten_saved": "{area} is now at {emoji} {level}. Review on {when}; you'll get a reminder.",
    "ten_saved_tightened": (
        "The contact rhythm is tightened ({how}) for {contacts}; the morning overview shows "
        "who is due."
    ),
    "ten_saved_relaxed": "The contact rhythm in this area is back to normal.",
    "evt_list_title": "Trigger events (recent and coming):",
    "evt_list_empty": "No trigger events recorded yet.",
    "evt_ask_title": (
        "What is the trigger event? Type a short title, e.g. “Demonstration at the station” "
        "or “Escalation in the Middle East”."
    ),
    "evt_ask_scope": "Local, national or international?",
    "evt_ask_kind": "What kind of event?",
    "evt_ask_date": "When? Choose or type a date (a coming one too).",
    "evt_ask_area": "In which area?",
    "evt_button_whole_city": "The whole city",
    "evt_saved": "Trigger event recorded: {value}",
    "zorg_intro": (
        "Hand over a concern about a person. I keep no file: only a short handoff record "
        "without a name — area, age band, nature, short facts, where it went and whether "
        "feedback came. The facts are wiped automatically after the feedback; then only "
        "counts remain."
    ),
    "zorg_progress": "Step {step} of {total}",
    "zorg_ask_area": "In which area?",
    "zorg_ask_age_band": "Roughly how old is the person?",
    "zorg_ask_nature": "What is the concern about?",
    "zorg_ask_facts": (
        "Briefly describe the facts: what was seen or heard? No name, address, phone number, "
        "e-mail address or BSN — write for example “a boy of 16”."
    ),
    "zorg_ask_referred_to": "To whom did you hand it over (or are you handing it over)?",
    "zorg_ask_external_reference": (
        "Did the recipient give you a reference or case number? Type it, or choose "
        "“No reference”."
    ),
    "zorg_ask_feedback_days": "When should I remind you to ask for feedback?",
    "zorg_refused_how": (
        "A handoff holds nothing that identifies someone; that belongs with the recipient. "
        "Describe it without (e.g. “a boy of 16 from the neighbourhood”). Is it not a name? "
        "Then put the word differently."
    ),
    "zorg_facts_too_short": "Describe the facts in one or two sentences.",
    "zorg_facts_too_long": (
        "Keep it short: at most {limit} characters. The rest belongs with the "
        "recipient."
    ),
    "zorg_reference_too_long": "A reference is at most {limit} characters.",
    "zorg_button_no_reference": "No reference",
    "zorg_button_weeks": "In {weeks} weeks",
    "zorg_age_<12": "under 12",
    "zorg_age_12-17": "12–17",
    "zorg_age_18-23": "18–23",
    "zorg_age_24+": "24 or older",
    "zorg_age_onbekend": "unknown",
    "zorg_nature_uitingen": "Statements or behaviour that worry",
    "zorg_nature_online": "Concerns about online activity",
    "zorg_nature_verandering": "Sudden change or isolation",
    "zorg_nature_groep": "Contact with an extremist group",
    "zorg_nature_dreiging": "Threat or violence",
    "zorg_nature_omgeving": "Concerns raised by people around them",
    "zorg_nature_overig": "Other",
    "zorg_dest_contactpunt": "Municipal contact point",
    "zorg_dest_zvh": "Care and Safety House / case meeting",
    "zorg_dest_wijkteam": "Neighbourhood team",
    "zorg_dest_veilig_thuis": "Veilig Thuis",
    "zorg_dest_politie": "Police",
    "zorg_dest_lse": "National Extremism Support Centre",
    "zorg_dest_overig": "Another organisation",
    "zorg_card_title": "Record handoff — is this right?",
    "zorg_card_waiting": "Choose Opslaan (Save), Edit or Cancel (or /cancel).",
    "zorg_line_area": "📍 Area: {value}",
    "zorg_line_age": "👤 Age: {value}",
    "zorg_line_nature": "🏷 Nature: {value}",
    "zorg_line_facts": "📋 Facts: {value}",
    "zorg_line_dest": "➡️ Handed over to: {value}",
    "zorg_line_reference": "🔖 Reference: {value}",
    "zorg_line_feedback": "⏰ Ask for feedback: in {weeks} weeks",
    "zorg_facts_purged": "wiped",
    "zorg_edit_menu": "What would you like to change?",
    "zorg_field_area": "Area",
    "zorg_field_age_band": "Age",
    "zorg_field_nature": "Nature",
    "zorg_field_facts": "Facts",
    "zorg_field_referred_to": "Handed over to",
    "zorg_field_external_reference": "Reference",
    "zorg_field_feedback_days": "Reminder",
    "zorg_cancelled": "Stopped; nothing was recorded.",
    "zorg_draft_gone": "This handoff was already recorded or stopped.",
    "zorg_follow_up_title": "Ask {dest} for feedback (handoff {{ref}})",
    "zorg_saved": (
        "Recorded as {ref}: handed over to {dest}. On {when} I'll remind you to ask for "
        "feedback. The facts are wiped {days} days after the feedback; then only counts "
        "remain. /handoffs shows what is still open."
    ),
    "zorg_list_title": (
        "Handoffs in the last twelve months: {total} — {feedback} with feedback, {waiting} "
        "waiting."
    ),
    "zorg_list_open": "Still open (facts not wiped yet):",
    "zorg_list_empty": "No handoffs yet. Hand over a concern about a person with /concern.",
    "zorg_line_waiting": "{ref} · {when} · {area} · {dest} · ask for feedback {check}",
    "zorg_line_to_purge": "{ref} · {when} · {area} · {dest} · facts wiped on {purge}",
    "zorg_title": "Handoff {ref} ({when})",
    "zorg_status_waiting": "⏳ Waiting for feedback; ask on {when}.",
    "zorg_status_feedback": "✓ Feedback received on {when}; the facts are wiped on {purge}.",
    "zorg_status_purged": "The facts are wiped; only what is needed for counting remains.",
    "zorg_button_feedback": "Feedback received",
    "zorg_button_purge": "Wipe the facts now",
    "zorg_feedback_saved": (
        "Feedback on {ref} recorded. The facts are wiped on {when}; then only counts remain."
    ),
    "zorg_purged": "The facts of {ref} are wiped.",
    "zorg_gone": "This handoff does not exist or is outside what you may see.",
}
