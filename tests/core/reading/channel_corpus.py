"""Phone-style visit notes with what core.reading.channel should read from them.

Each case: the message, the channel (an InteractionKind value or None), the initiative ("us",
"them" or None), and a fragment that must be in what we shared, what they asked and what we
promised (None: nothing may be read there). Written the way coordinators type on a phone:
lower case, typos, "ff", English. A tuning set: the held-out set is elsewhere.
"""

from __future__ import annotations

from typing import NamedTuple


class Case(NamedTuple):
    message: str
    kind: str | None
    initiated_by: str | None
    shared: str | None = None
    asked: str | None = None
    promised: str | None = None


CASES: tuple[Case, ...] = (
    Case("gebeld met fatima over het buurtfeest", "telefoon", "us"),
    Case("ff gebeld met jan van de moskee", "telefoon", "us"),
    Case("ff gebelt met jan, hij vraagt om een ruimte voor de jongerenavond", "telefoon", "us",
         asked="ruimte voor de jongerenavond"),
    Case("Fatima belde me over de jongeren bij het skatepark", "telefoon", "them"),
    Case("fatima belde me, ze wil graag een gesprek met de wijkagent", "telefoon", "them",
         asked="gesprek met de wijkagent"),
    Case("Gisteren belde Fatima over het buurtfeest", "telefoon", "them"),
    Case("ik heb haar teruggebeld over de subsidie", "telefoon", "them"),
    Case("Ik heb Ahmed gebeld op zijn verzoek", "telefoon", "them"),
    Case("ik werd gebeld door de voorzitter van de moskee", "telefoon", "them"),
    Case("telefoontje van jan van het jongerenwerk, zorgen over de hangplek", "telefoon",
         "them"),
    Case("kreeg een belletje van de imam", "telefoon", "them"),
    Case("Telefonisch gesproken met mevrouw Jansen", "telefoon", None),
    Case("geapt met de imam, ik heb verteld over de subsidie", "bericht", "us",
         shared="verteld over de subsidie"),
    Case("jan geappt over de training van donderdag", "bericht", "us"),
    Case("Ahmed appte me: wil graag een gesprek met de wijkagent", "bericht", "them",
         asked="gesprek met de wijkagent"),
    Case("whatsappte met Ahmed, ik zorg dat hij de folder krijgt", "bericht", "us",
         promised="folder krijgt"),
    Case("appje van fatima, ze vraagt of we langs kunnen komen", "bericht", "them",
         asked="langs kunnen komen"),
    Case("sms'te de voorzitter over de datum", "bericht", "us"),
    Case("ik heb jan gemaild over de training", "email", "us"),
    Case("gemailt met de directeur van de school", "email", "us"),
    Case("Jan mailde me dat de vergadering verschoven is", "email", "them"),
    Case("mail van de imam gehad, hij vraagt om informatie over de subsidieregeling",
         "email", "them", asked="informatie over de subsidieregeling"),
    Case("ik heb de folder doorgestuurd per mail", "email", "us", shared="folder doorgestuurd"),
    Case("Langsgegaan bij buurthuis De Schakel, info gegeven over de peiling", "bezoek", "us",
         shared="info gegeven over de peiling"),
    Case("Bezocht de moskee, uitgelegd hoe de subsidie werkt", "bezoek", "us",
         shared="uitgelegd hoe de subsidie werkt"),
    Case("op haar verzoek langs geweest bij Fatima", "bezoek", "them"),
    Case("Imam kwam langs op het stadhuis. Ze vroeg of we een bijeenkomst kunnen organiseren",
         "bezoek", "them", asked="bijeenkomst kunnen organiseren"),
    Case("jan kwam vanmorgen binnenlopen bij het wijkteam", "bezoek", "them"),
    Case("ben langs geweest bij de kerk, koffie gedronken met de dominee", "bezoek", "us"),
    Case("Ze meldde zich bij de balie van het stadhuis", None, "them"),
    Case("toevallig Jan tegengekomen bij de markt", "toevallig", None),
    Case("kwam fatima tegen in de supermarkt, ze vroeg naar de stand van het buurtplan",
         "toevallig", None, asked="stand van het buurtplan"),
    Case("gebiedsoverleg stad-oost, ik heb de cijfers van de peiling gedeeld",
         "gebiedsoverleg", None, shared="cijfers van de peiling gedeeld"),
    Case("Overleg met de wijkagent en het jongerenwerk over de overlast", "bijeenkomst", None),
    Case("teams call met de directeur van het college", "online", None),
    Case("Gesproken met Fatima. Ik heb toegezegd dat we de zaal betalen.", None, None,
         promised="toegezegd dat we de zaal betalen"),
    Case("gesprek met jan, beloofd de cijfers te sturen", None, None,
         promised="beloofd de cijfers te sturen"),
    Case("Met Fatima gesproken, verteld over de nieuwe wijkaanpak", None, None,
         shared="verteld over de nieuwe wijkaanpak"),
    Case("hij wil graag meer contact met de gemeente", None, None,
         asked="meer contact met de gemeente"),
    Case("Ze vroeg om hulp bij de aanvraag", None, None, asked="hulp bij de aanvraag"),
    Case("called fatima about the festival", "telefoon", "us"),
    Case("she called me about the youth centre, she asked for help with the subsidy",
         "telefoon", "them", asked="help with the subsidy"),
    Case("emailed jan the minutes of the meeting", "email", "us"),
    Case("Jan texted me about the new date", "bericht", "them"),
    Case("visited the mosque, explained the subsidy scheme", "bezoek", "us",
         shared="explained the subsidy scheme"),
    Case("Fatima dropped by at the town hall, she wants a meeting with the alderman", "bezoek",
         "them", asked="meeting with the alderman"),
    Case("ik vroeg of ze mee wil doen aan de peiling", None, None),
    Case("ze vertelde over de spanningen in de wijk", None, None),
    Case("Fatima belde, het gaat beter bij het skatepark", "telefoon", "them"),
    Case("Gisteravond appte jongerenwerker Marco dat er ruzie was", "bericht", "them"),
    Case("Telefoon van Mohammed: er is weer een bedreiging binnengekomen", "telefoon", "them"),
    Case("gisteren belde met kees over de jongeren", "telefoon", "us"),
    Case("Gesprek met Fatma, ze wil graag helpen bij de kerstmarkt", None, None),
    Case("ze heeft me gemaild over de zaal", "email", "them"),
    Case("kees heeft me gisteren gebeld", "telefoon", "them"),
    Case("mn buurman kwam langs", "bezoek", "them"),
    Case("Ik kwam langs bij de moskee", "bezoek", "us"),
    Case("hij nam contact met me op over de jongeren", None, "them"),
    Case("ik heb contact opgenomen met de school", None, "us"),
    Case("emailed by the imam about the hall", "email", "them"),
    Case("i called the imam", "telefoon", "us"),
    Case("whatsapp van marco, ruzie bij het plein", "bericht", "them"),
    Case("via teams gesproken met de wijkmanager", "online", None),
    Case("ik heb haar de folder gegeven", None, None, shared="de folder gegeven"),
    Case("Hij vraagt of de gemeente kan helpen met een zaal", None, None,
         asked="kan helpen met een zaal"),
    Case("ze wil meer info over de subsidie", None, None, asked="meer info over de subsidie"),
    Case("jan aan de telefoon gehad over de iftar", "telefoon", None),
    Case("Net bij Fatima van buurthuis De Schakel geweest, zorgen over jongeren", None, None),
    Case("Vandaag gesproken met Fatima Bakkali over de jongeren", None, None),
)
