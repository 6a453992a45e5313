"""How a contact happened, who started it, and what went each way (the reciprocity ledger).

A visit note says more than who and when: "belde me", "ff gemaild", "kwam langs" tell the
channel and whose initiative it was; "ik heb verteld over…", "ze vroeg…", "ik zorg dat…" tell
what the municipality shared or promised and what the partner asked. Task M7 (reciprocity) is
measured on these, so they are read from the message instead of defaulting to "bezoek, op ons
initiatief". Phone style is expected: lower case, typos ("gebelt", "geapt"), English.

Kept apart from `core.understanding` (which imports this module, never the other way round).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from storage.models import Initiative, InteractionKind

# --------------------------------------------------------------------------- the channel

_TELEFOON = (
    r"(?:op)?gebeld|gebelt|gebeldt|teruggebeld|teruggebelt|belde[n]?|belt|beldt|bel(?:de)?\s+terug|"
    r"telefoon\w*|telefonisch|belletje|phoned|called|rang|phone\s*call|call"
)
_EMAIL = (
    r"ge-?e?-?mail[dt]|e-?mail(?:de|den|tje|s)?|mail(?:de|den|tje|s|t)?|emailed|e-mailed|"
    r"mailed"
)
_BERICHT = (
    r"ge-?app?t|ge-?whatsappt?|whatsapp\w*|app(?:te|ten|je|jes|t)?|apte|"
    r"ge-?sms'?t|sms'?(?:te|je|jes)?|smste|berichtje[s]?|bericht(?:en)?|"
    r"texted|text(?:ed)?|messaged|dm'?d?|signal(?:tje)?"
)
_ONLINE = (
    r"teams|zoom|videobel\w*|beeldbel\w*|videocall|video-?call|online|videogesprek|"
    r"video\s*chat"
)
_GEBIEDSOVERLEG = (
    r"gebiedsoverleg|wijkoverleg|buurtoverleg|sleutelfigurenoverleg|netwerkoverleg|"
    r"area\s+meeting"
)
_BIJEENKOMST = (
    r"overleg|vergadering|bijeenkomst|netwerkbijeenkomst|informatieavond|"
    r"bewonersavond|meeting"
)
_TOEVALLIG = (
    r"toevallig|tegengekomen|tegenkwam|kwam\s+(?:\w+\s+){0,3}?tegen|liep\s+(?:\w+\s+){0,3}?tegen|"
    r"ran\s+into|bumped\s+into|by\s+chance"
)
_BEZOEK = (
    r"bezocht|bezoek(?:je)?|langs\w*|op\s+bezoek|visited|visit|dropped\s+by|stopped\s+by|"
    r"came\s+by|came\s+over|koffie\s+gedronken|op\s+de\s+koffie|binnen(?:ge)?lopen|"
    r"binnengewandeld|binnengekomen|aan(?:ge)?lopen"
)

_CHANNELS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])", re.IGNORECASE))
    for kind, pattern in (
        (InteractionKind.TOEVALLIG.value, _TOEVALLIG),
        (InteractionKind.GEBIEDSOVERLEG.value, _GEBIEDSOVERLEG),
        (InteractionKind.ONLINE.value, _ONLINE),
        (InteractionKind.TELEFOON.value, _TELEFOON),
        (InteractionKind.EMAIL.value, _EMAIL),
        (InteractionKind.BERICHT.value, _BERICHT),
        (InteractionKind.BIJEENKOMST.value, _BIJEENKOMST),
        (InteractionKind.BEZOEK.value, _BEZOEK),
    )
)
# A chance meeting or an area meeting says how the contact came about whatever else is named
# ("toevallig tegengekomen, ze belde me later nog"); otherwise the first channel named wins.
_DECISIVE = frozenset({InteractionKind.TOEVALLIG.value, InteractionKind.GEBIEDSOVERLEG.value})
# "app" and "text" are also nouns for other things ("een app over…", "de tekst"): only as a
# channel when they stand next to a person or a verb of sending.
_WEAK_CHANNEL_WORDS = frozenset({"app", "text", "signal", "call", "online", "meeting", "visit",
                                 "mail", "bericht", "berichten", "overleg", "telefoon"})
_WEAK_CONTEXT = re.compile(
    r"(?:via|per|over\s+de|met\s+een|een|in\s+een|na\s+een|tijdens\s+het|tijdens\s+een|"
    r"on\s+a|by|via\s+de|op|in\s+de|aan\s+de|had\s+a|a|een\s+kort|^|\.)\s*$",
    re.IGNORECASE,
)
_WEAK_AFTER = re.compile(r"\s+(?:met|van|gehad|gestuurd|ontvangen|gekregen|from|with)\b",
                         re.IGNORECASE)


def _channel(text: str) -> str | None:
    found: list[tuple[int, str]] = []
    for kind, pattern in _CHANNELS:
        for match in pattern.finditer(text):
            word = match.group(0).lower()
            if (word in _WEAK_CHANNEL_WORDS and not _WEAK_CONTEXT.search(text[:match.start()])
                    and not _WEAK_AFTER.match(text, match.end())):
                continue
            found.append((match.start(), kind))
            break
    if not found:
        return None
    decisive = [kind for _, kind in found if kind in _DECISIVE]
    if decisive:
        return decisive[0]
    return min(found)[1]


# --------------------------------------------------------------------------- the initiative

_ME = r"(?:me|mij|ons|me\s+even|mij\s+even|me\s+ff)"
_THIRD = r"(?:ze|zij|hij|die|men|she|he|they)"
# Said of someone else, these mean they contacted the writer ("ze belde", "Ahmed appte").
_PAST_CONTACT = (
    r"belde[n]?|belt|beldt|appte[n]?|apte|appt|mailde[n]?|mailt|e-?mailde|whatsappte|smste|"
    r"sms'te"
)
# These only with "me" after them: "stuurde me een mail", not "ze stuurde de folder door".
_TO_ME = _PAST_CONTACT + r"|stuurde[n]?|benaderde[n]?|contacteerde|zocht(?:en)?"
_PARTICIPLE = (
    r"(?:op|terug)?gebeld|(?:op|terug)?gebelt|gemaild|gemailt|ge-?e-?maild|ge-?app?t|"
    r"gewhatsappt?|ge-?sms'?t|benaderd|gecontacteerd|opgezocht|bezocht|(?:door)?gestuurd|"
    r"langsgegaan|langsgeweest|langsgelopen|langsgefietst|langs\s+geweest|langs\s+gegaan"
)
_ADVERB_START = (
    r"(?:gisteren|gisteravond|gistermiddag|gisterochtend|eergisteren|vandaag|vanmorgen|"
    r"vanochtend|vanmiddag|vanavond|vannacht|net|zojuist|zonet|eerder|daarna|toen|later|"
    r"vorige\s+week|maandag|dinsdag|woensdag|donderdag|vrijdag|"
    r"zaterdag|zondag)"
)

_THEM_CUES: tuple[re.Pattern[str], ...] = tuple(re.compile(p, re.IGNORECASE) for p in (
    rf"\b(?:{_TO_ME})\s+{_ME}\b",  # "belde me", "appte mij", "stuurde me een mail"
    rf"\b{_THIRD}\s+(?:{_PAST_CONTACT})\b(?!\s+(?:ik|we|wij)\b)",  # "ze belde"
    # "dhr wisniewski appte, …": a name opening the clause, then the contact verb
    rf"^\s*(?!(?:ik|we|wij|i|je|jij)\b)(?:[^\W\d][\w'.-]*\s+){{1,3}}?(?:{_PAST_CONTACT})\b"
    r"(?!\s+(?:ik|we|wij|hem|haar|hen|hun|ze|zij|die|met|with)\b)",
    rf"\b(?:heeft|had|hebben|hadden)\s+{_ME}\s+(?:\w+\s+){{0,4}}?(?:{_PARTICIPLE})",
    rf"\b(?:werd|word|werden)\s+(?:\w+\s+){{0,3}}?(?:{_PARTICIPLE})\b",  # passive
    rf"\b(?:ben|zijn|was)\s+(?:\w+\s+){{0,3}}?(?:{_PARTICIPLE})\s+door\b",
    r"\b(?:kreeg|kregen|gekregen|ontving|ontvangen|had)\s+(?:\w+\s+){0,3}?"
    r"(?:telefoontje|belletje|mail(?:tje)?|e-?mail|appje|app|bericht(?:je)?|sms(?:je)?|"
    r"whatsapp(?:je)?|verzoek|uitnodiging)\s+(?:van|binnen)\b",
    r"\b(?:telefoon|telefoontje|belletje|mail(?:tje)?|e-?mail|appje|bericht(?:je)?|sms(?:je)?|"
    r"whatsapp(?:je)?)\s+(?:van|gehad\s+van|binnen\s+van|gekregen\s+van|ontvangen\s+van)\b",
    r"\bkwam(?:en)?\s+(?:\w+\s+){0,3}?(?:langs|binnen\w*|aanlopen|op\s+bezoek|"
    rf"naar\s+{_ME}\s+toe|bij\s+{_ME})(?!\w)",
    r"\b(?:meldde|meldden)\s+(?:\w+\s+)?zich\b|\bzich\s+(?:\w+\s+)?(?:ge)?meld\w*",
    r"\bop\s+(?:haar|zijn|hun|z'n|d'r|hr|zn)\s+(?:eigen\s+)?(?:verzoek|initiatief|uitnodiging)\b",
    r"\bop\s+(?:verzoek|uitnodiging|initiatief)\s+van\s+(?!ons\b|mij\b|de\s+gemeente\b)",
    rf"\bnam(?:en)?\s+(?:\w+\s+){{0,2}}?contact\s+met\s+{_ME}\s+op\b",
    rf"\bzocht(?:en)?\s+{_ME}\s+op\b",
    rf"\b{_THIRD}\s+(?:\w+\s+)?(?:nam|namen)\s+contact\s+op\b",
    rf"\b{_THIRD}\s+(?:heeft|had|hebben|hadden)\s+(?:\w+\s+){{0,3}}?contact\s+"
    r"(?:\w+\s+){0,3}?opgenomen\b",
    r"\b(?:called|phoned|rung|emailed|e-mailed|mailed|texted|messaged|contacted|visited)\s+by\b",
    r"\b(?:called|phoned|rang|emailed|e-mailed|mailed|texted|messaged|whatsapped|contacted|"
    r"visited|rung)\s+(?:me|us)\b",
    r"\b(?:came|dropped|stopped|popped)\s+(?:by|in|over|round)\b",
    r"\b(?:she|he|they)\s+(?:reached\s+out|called|phoned|rang|emailed|texted|contacted)\b",
    r"\bat\s+(?:her|his|their)\s+(?:own\s+)?request\b",
    r"\b(?:got|received|had)\s+(?:a|an)\s+(?:call|phone\s+call|email|e-mail|text|message|mail)\s+"
    r"from\b",
    r"\b(?:call|email|e-mail|text|message)\s+from\b",
    r"\b(?:i|we)\s+(?:was|were)\s+(?:called|contacted|phoned|rung)\b",
    rf"^\W*{_ADVERB_START}\s+(?:{_PAST_CONTACT})\s+(?!ik\b|we\b|wij\b|me\b|mij\b|i\b|met\b)\w+",
    # "Fatima belde, …", "marco appte dat…": a name (any case, phone style) as the subject
    r"^\W*(?!(?:ik|we|wij|ff|effe|even|net|nog|toen|daarna|later|kort|eindelijk|weer|i)\b)"
    r"[^\W\d_]+\s+(?:belde|appte|mailde|whatsappte|smste|sms'te)\b"
    r"(?!\s+(?:ik|we|wij|met|naar)\b)",
))
_US_CUES: tuple[re.Pattern[str], ...] = tuple(re.compile(p, re.IGNORECASE) for p in (
    rf"\b(?:ik|we|wij|ikke)\s+(?:heb|hebben|had|hadden|ben|zijn|was|waren)?\s*"
    rf"(?:\w+\s+){{0,5}}?(?:{_PARTICIPLE})(?![\w-])",
    rf"\b(?:heb|hebben|had|hadden|ben|zijn)\s+(?:ik|we|wij)\s+(?:\w+\s+){{0,5}}?(?:{_PARTICIPLE})"
    r"(?![\w-])",
    r"\b(?:ik|we|wij)\s+(?:belde|belden|appte|appten|mailde|mailden|whatsappte|bezocht|"
    r"bezochten|ging|gingen|kwam|kwamen|zocht|zochten|stuurde|stuurden|liep|liepen)\b",
    r"\b(?:belde|belden|appte|mailde|bezocht|ging|kwam|liep)\s+(?:ik|we|wij)\b",
    r"\b(?:ging|gingen)\s+(?:\w+\s+){0,3}?langs\b",
    r"\blangs\s*(?:ge)?(?:gaan|geweest|gegaan|gelopen|gefietst)\b|\blangsgegaan\b|"
    r"\blangsgeweest\b|\blangsgelopen\b|\blangsgefietst\b|\bop\s+bezoek\s+(?:geweest|gegaan)\b",
    r"\bbezocht\b|\bbezoek(?:je)?\s+(?:gebracht|afgelegd)\b",
    r"\b(?:i|we)\s+(?:\w+\s+)?(?:called|phoned|rang|emailed|e-mailed|mailed|texted|messaged|"
    r"visited|dropped\s+by|stopped\s+by|went|reached\s+out|contacted|whatsapped)\b",
    r"\bop\s+(?:ons|mijn|eigen)\s+(?:eigen\s+)?(?:initiatief|verzoek)\b",
    r"\b(?:ik|we|wij)\s+(?:heb|hebben|had|hadden)\s+(?:\w+\s+){0,4}?contact\s+(?:\w+\s+){0,4}?"
    r"opgenomen\b|\b(?:ik|we|wij)\s+(?:nam|namen)\s+(?:\w+\s+)?contact\b",
    r"^\W*(?:(?:even|ff|effe|net|zojuist|vandaag|gisteren|kort|nog)\s+)*(?:belde|appte|mailde|"
    r"whatsappte|smste|sms'te|e-?mailde)\s+(?!me\b|mij\b|ons\b|ze\b|zij\b|hij\b)",
    r"\bop\s+initiatief\s+van\s+(?:ons|mij|de\s+gemeente)\b",
))
# A clause that starts with the participle or a bare English past has the writer as subject
# ("ff gebeld met jan", "gemaild naar de imam", "called jan about…").
_SUBJECTLESS = re.compile(
    rf"^\W*(?:(?:even|ff|effe|net|zojuist|vandaag|gisteren|vanmorgen|vanochtend|"
    rf"vanmiddag|kort|eindelijk|weer|nog)\s+)*(?:\w+\s+){{0,3}}?(?:{_PARTICIPLE})(?![\w-])|"
    r"^\W*(?:(?:just|today|yesterday|quickly|finally)\s+)*(?:called|phoned|rang|emailed|"
    r"e-mailed|mailed|texted|messaged|visited|whatsapped|dropped\s+by|stopped\s+by|"
    r"popped\s+in)\b",
    re.IGNORECASE,
)
_THIRD_SUBJECT = re.compile(rf"^\W*(?:\w+\s+)?{_THIRD}\b", re.IGNORECASE)
# A call back answers someone else's call: whoever calls back did not start the contact.
_BACK = re.compile(r"\bterug|\bback\b", re.IGNORECASE)
# Decides whatever came before: "ik heb haar gebeld op haar verzoek", "ik werd gebeld door…".
_REQUEST = re.compile(r"verzoek|request|uitnodiging|initiatief|^(?:werd|word|werden)\b|\bdoor\b",
                      re.IGNORECASE)


def _initiative(clauses: Sequence[str]) -> str | None:
    cues: list[tuple[int, int, str, str]] = []  # (clause, position, who, matched text)
    for n, clause in enumerate(clauses):
        for who, patterns in ((Initiative.THEM.value, _THEM_CUES),
                              (Initiative.US.value, _US_CUES)):
            for pattern in patterns:
                for match in pattern.finditer(clause):
                    cues.append((n, match.start(), who, clause[match.start():]))
        subjectless = _SUBJECTLESS.search(clause)
        if (subjectless and not _THIRD_SUBJECT.search(clause)
                and not re.search(r"\bdoor\b|\bby\b", clause[subjectless.end():], re.I)
                and not re.search(rf"\b(?:heeft|had|hebben)\s+{_ME}\b", clause, re.I)):
            cues.append((n, subjectless.start(), Initiative.US.value, clause[subjectless.start():]))
    if not cues:
        return None
    for _, _, who, matched in cues:  # "op haar verzoek" decides whatever came before
        if who == Initiative.THEM.value and _REQUEST.search(matched[:40]):
            return who
    _, _, who, matched = min(cues)
    if _BACK.search(matched[:30]):
        return Initiative.THEM.value if who == Initiative.US.value else Initiative.US.value
    return who


# --------------------------------------------------------------------------- what went each way

_FIRST = r"(?:ik|we|wij|i|ikke)"
_SHARED_VERBS = (
    r"verteld|vertelde|vertel|uitgelegd|legde\s+\w+\s+uit|uitleg\s+gegeven|gedeeld|deelde|"
    r"gegeven|gaf|meegegeven|doorgestuurd|gestuurd|stuurde|toegelicht|geïnformeerd|"
    r"geinformeerd|informeerde|gewezen\s+op|wees\s+\w+\s+op|laten\s+zien|liet\s+\w+\s+zien|"
    r"bijgepraat|ingelicht|doorgegeven|gemeld|told|explained|shared|gave|informed|sent|showed|"
    r"updated"
)
_SHARED_PLAIN = re.compile(
    r"\b(?:info(?:rmatie)?|uitleg|folders?|flyers?|brochures?|toelichting|update|"
    r"nieuws|stand\s+van\s+zaken)\s+(?:\w+\s+){0,2}?(?:gegeven|gedeeld|verstrekt|meegegeven|"
    r"gestuurd|doorgestuurd|achtergelaten|gebracht)\b|"
    r"^\W*(?:(?:even|ff|nog|kort)\s+)*(?:uitgelegd|verteld|gedeeld|toegelicht|doorgestuurd|"
    r"geïnformeerd|geinformeerd|bijgepraat|ingelicht|doorgegeven|meegegeven)\b|"
    r"\b(?:gave|shared|sent)\s+(?:her|him|them)\b|\btold\s+(?:her|him|them)\b|"
    r"^\W*(?:explained|shared|told|informed|updated)\b",
    re.IGNORECASE,
)
_SHARED_FIRST = re.compile(
    rf"\b{_FIRST}\s+(?:heb|hebben|had|hadden)?\s*(?:\w+\s+){{0,5}}?(?:{_SHARED_VERBS})\b|"
    rf"\b(?:heb|hebben|had)\s+{_FIRST}\s+(?:\w+\s+){{0,5}}?(?:{_SHARED_VERBS})\b",
    re.IGNORECASE,
)
_PROMISED = re.compile(
    r"\b(?:beloofd|belooft|beloof|beloofde|toegezegd|zeg\s+toe|zegde\s+toe|zei\s+toe|"
    r"toezegging)\b|"
    rf"\b{_FIRST}\s+(?:zorg|zorgen|regel|regelen)\s+(?:ervoor\s+|er\s+voor\s+)?(?:dat|voor)\b|"
    rf"\b{_FIRST}\s+(?:ga|gaan)\s+(?:\w+\s+){{0,3}}?(?:regelen|uitzoeken|navragen)\b|"
    r"\bpromised\b|\bi'll\s+make\s+sure\b|\bi\s+will\s+make\s+sure\b|\bcommitted\s+to\b",
    re.IGNORECASE,
)
_THIRD_OR_NAME = r"(?:ze|zij|hij|die|men|she|he|they|[A-Z][\w'-]+)"
_ASKED = re.compile(
    rf"\b{_THIRD_OR_NAME}\s+(?:\w+\s+)?(?:vroeg|vroegen|vraagt|vragen|wil|willen|wilde|wilden|"
    r"zou|zouden|zoekt|zoeken|zocht|zochten|verzocht|verzoekt)\s+"
    r"(?:\w+\s+){0,3}?(?:of|om|naar|graag|hulp|steun|advies|weten|een|meer|"
    r"contact|informatie|info|ruimte|geld|subsidie)\b|"
    rf"\b{_THIRD_OR_NAME}\s+(?:\w+\s+)?(?:heeft|hebben|had|hadden)\s+(?:\w+\s+)?behoefte\b|"
    r"\b(?:vroeg|vroegen|vraagt|vragen)\s+(?:ze|zij|hij|men)\b|"
    r"^\W*(?:(?:en|ook|wel|nog)\s+)*(?:vraagt|vroeg|vraag|vragen|verzoek|wil\s+graag|"
    r"willen\s+graag|zoekt|zoeken|wens|wil|willen)\s+(?:\w+\s+){0,2}?(?:of|om|naar|tot|"
    r"graag|hulp|steun|een|meer|advies|informatie|info|ruimte|contact)\b|"
    r"\b(?:behoefte\s+aan|verzoek\s+(?:om|tot)|hulpvraag|vraag\s+(?:of|om|naar|van))\b|"
    r"\b(?:she|he|they)\s+(?:\w+\s+)?(?:asked|asks|wants|wanted|would\s+like|requested|"
    r"needs|needed)\b|\b(?:asked|asks)\s+(?:for|if|whether|about|me|us)\b|"
    r"\brequest(?:ed)?\s+(?:for|a|an)\b",
)
# "wil graag helpen" offers, it does not ask.
_OFFER = re.compile(r"\b(?:helpen|meehelpen|bijdragen|aanbieden|meedenken|help|offered)\b",
                    re.IGNORECASE)
_ASKING = re.compile(r"\b(?:vroeg|vraagt|vragen|vraag|verzoek|asked|asks|request\w*)\b",
                     re.IGNORECASE)
_FIRST_SUBJECT = re.compile(rf"^\W*(?:\w+\s+)?{_FIRST}\b", re.IGNORECASE)
_ASKED_BY_US = re.compile(rf"\b{_FIRST}\s+(?:heb\s+)?(?:\w+\s+)?(?:vroeg|gevraagd|asked|wil|"
                          r"want|zoek|zocht)\b", re.IGNORECASE)

# Clauses: sentences, then commas or "en/maar" where a new subject starts a new statement.
_SENTENCES = re.compile(r"[.!?;\n]+(?:\s+|$)")
_NEW_STATEMENT = re.compile(
    r"\s*(?:[,:]|\s(?:en|maar|and|but|dus|so)\s)\s*(?=(?:ik|we|wij|ze|zij|hij|die|men|i|she|he|"
    r"they|toen|daarna|verder|ook|gisteren|vandaag|vanmorgen|vanochtend|vanmiddag|daarnaast|"
    r"heb|hebben|vroeg|vraagt|belde|appte|mailde|kwam|gebeld|gemaild|geappt|uitgelegd|"
    r"verteld|gedeeld|beloofd|toegezegd|info|informatie|asked|called|emailed|told|explained|"
    r"shared|promised|wil|wilde|zou|graag)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ChannelReading:
    """What one message says about how the contact went; None or empty: not said."""

    kind: str | None = None  # an InteractionKind value
    initiated_by: str | None = None  # an Initiative value
    shared: list[str] = field(default_factory=list)  # what we told or gave them
    asked: list[str] = field(default_factory=list)  # what they asked of the municipality
    promised: list[str] = field(default_factory=list)  # what we said we would do


def statements(text: str) -> list[tuple[int, int]]:
    """Character spans of the message's statements: sentences split where a new subject
    starts ("…, ik heb verteld over de subsidie")."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in [*_SENTENCES.finditer(text), None]:
        end = match.start() if match is not None else len(text)
        piece_start = start
        for cut in _NEW_STATEMENT.finditer(text, start, end):
            _add(spans, text, piece_start, cut.start())
            piece_start = cut.end()
        _add(spans, text, piece_start, end)
        if match is not None:
            start = match.end()
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and not (text[start].isalnum() or text[start] in "'’"):
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in "'’)\"”"):
        end -= 1
    if end > start:
        spans.append((start, end))


def read_channel(text: str, skip: Sequence[tuple[int, int]] = ()) -> ChannelReading:
    """Channel, initiative, shared, asked and promised in a visit message.

    `skip` are character spans of follow-up clauses: "volgende week langs" is the next
    contact, not this one, so channel and initiative are read outside them, and outside what
    was asked or promised ("ze vroeg of ik langs kan komen", "ik zorg dat ik haar bel").
    """
    blanked = text
    for a, b in skip:
        blanked = blanked[:a] + " " * (b - a) + blanked[b:]
    shared: list[str] = []
    asked: list[str] = []
    promised: list[str] = []
    spans = statements(text)
    for a, b in spans:
        clause = text[a:b]
        ahead: re.Match[str] | None = None  # where the statement turns to a later contact
        if (ahead := _PROMISED.search(clause)) and not _THIRD_SUBJECT.search(clause):
            promised.append(_tidy(clause))
        elif _is_shared(clause):
            ahead = None
            shared.append(_tidy(clause))
        elif ((ahead := _ASKED.search(clause)) and not _asked_by_us(clause, ahead.start())
              and not (_OFFER.search(clause) and not _ASKING.search(clause))):
            asked.append(_tidy(clause))
        else:
            ahead = None
        if ahead is not None:
            blanked = blanked[:a + ahead.start()] + " " * (b - a - ahead.start()) + blanked[b:]
    clauses = [blanked[a:b].strip() for a, b in spans if blanked[a:b].strip()]
    kind = _channel(" . ".join(clauses))
    initiated_by = _initiative(clauses)
    return ChannelReading(kind=kind, initiated_by=initiated_by, shared=shared, asked=asked,
                          promised=promised)


def _asked_by_us(clause: str, cue: int) -> bool:
    """"ik vroeg of…" is our question; "ze vroeg of ik…" is theirs: who asks comes first."""
    ours = _ASKED_BY_US.search(clause)
    return ours is not None and ours.start() <= cue


def _is_shared(clause: str) -> bool:
    if _SHARED_FIRST.search(clause):
        return True
    return bool(_SHARED_PLAIN.search(clause)) and (
        not _THIRD_SUBJECT.search(clause) or bool(_FIRST_SUBJECT.search(clause)))


def _tidy(clause: str) -> str:
    clause = " ".join(clause.split())
    return clause[:1].upper() + clause[1:]


__all__ = ["ChannelReading", "read_channel", "statements"]
