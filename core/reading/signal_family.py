"""Signal words in every form: a word counts when its lemma belongs to a tension word family.

"Spanningen", "gepolariseerd", "ruziede", "intimideerde" and "burenruzie" all describe tension;
listing every form in a regular expression never ends. A Dutch lemmatiser (simplemma) maps
each form to its lemma, and the lemma is looked up in the families below. The families keep to
words about areas and themes (design §2.6: spanning, onrust, polarisatie), never labels for a
person.
"""

from __future__ import annotations

import functools
import re

import simplemma

# Lemmas as simplemma gives them (verbs as infinitive, nouns singular, adjectives uninflected).
# Left out on purpose: "dreigen" ("het dreigt te regenen"), "demonstreren" ("demonstreerde de
# app"), "bang" ("bang dat het niet lukt"), "zorgen" as a verb ("zorgen voor koffie").
FAMILIES: dict[str, frozenset[str]] = {
    "spanning": frozenset({"spanning", "gespannen"}),
    "polarisatie": frozenset({"polariseren", "polarisatie", "polarisering", "gepolariseerd"}),
    "radicalisering": frozenset({"radicaliseren", "radicalisering", "geradicaliseerd"}),
    "discriminatie": frozenset({"discrimineren", "discriminatie", "discriminerend",
                                "gediscrimineerd"}),
    "intimidatie": frozenset({"intimideren", "intimidatie", "intimiderend", "geïntimideerd"}),
    "bedreiging": frozenset({"bedreigen", "bedreiging", "bedreigend", "dreiging", "dreigement"}),
    "ruzie": frozenset({"ruzie", "ruziën", "ruziemaken", "ruziezoeker"}),
    "onrust": frozenset({"onrust", "onrustig"}),
    "vechten": frozenset({"vechten", "vechtpartij", "gevecht", "knokken", "knokpartij"}),
    "escalatie": frozenset({"escaleren", "escalatie", "geëscaleerd"}),
    "pesten": frozenset({"pesten", "pesterij", "gepest"}),
    "schelden": frozenset({"schelden", "uitschelden", "scheldpartij", "scheldwoord",
                           "uitgescholden"}),
    "geweld": frozenset({"geweld", "gewelddadig", "mishandelen", "mishandeling", "agressie",
                         "agressief", "steekpartij", "schietpartij"}),
    "vernieling": frozenset({"vernielen", "vernieling", "vandalisme", "bekladden", "bekladding",
                             "brandstichting"}),
    "provocatie": frozenset({"provoceren", "provocatie", "provocerend", "opruien", "opruiing",
                             "opruiend", "stigmatiseren", "stigmatisering"}),
    "haat": frozenset({"haat", "haten", "haatzaaien", "haatdragend"}),
    "uitsluiting": frozenset({"uitsluiting", "racisme", "racist", "racistisch", "antisemitisme",
                              "antisemitisch"}),
    "extremisme": frozenset({"extremisme", "extremist", "extremistisch", "ronselen"}),
    "protest": frozenset({"protest", "protesteren", "rel", "relschopper"}),
    "overlast": frozenset({"overlast"}),
    "conflict": frozenset({"conflict", "confrontatie", "incident"}),
    "onveiligheid": frozenset({"onveilig", "onveiligheid", "angst", "angstig"}),
}
LEMMAS: frozenset[str] = frozenset().union(*FAMILIES.values())
# Compounds end in the family word ("burenruzie", "jeugdoverlast", "straatgeweld"); a few
# ordinary words end in one too.
_HEADS = ("ruzie", "vechtpartij", "overlast", "geweld", "onrust", "bedreiging", "discriminatie",
          "intimidatie", "polarisatie", "radicalisering", "spanning", "incident", "conflict",
          "schietpartij", "steekpartij", "vernieling")
_COMPOUND = re.compile(r"^[^\W\d_]{3,}?(" + "|".join(_HEADS) + r")(?:s|en|n)?$")
_NOT_COMPOUNDS = frozenset({"inspanning", "inspanningen", "ontspanning", "ontspanningen",
                            "hoogspanning", "laagspanning", "netspanning", "overspanning",
                            "spierspanning"})


@functools.lru_cache(maxsize=4096)
def family_of(word: str) -> str | None:
    """The tension family a word belongs to in any of its forms, or None."""
    low = word.lower()
    if low in _NOT_COMPOUNDS or len(low) < 3:
        return None
    lemma = simplemma.lemmatize(low, lang="nl")
    for candidate in (low, lemma):
        for name, members in FAMILIES.items():
            if candidate in members:
                return name
    compound = _COMPOUND.match(low)
    if compound is not None:
        head = compound.group(1)
        return next(name for name, members in FAMILIES.items()
                    if head in members or simplemma.lemmatize(head, lang="nl") in members)
    return None


__all__ = ["FAMILIES", "LEMMAS", "family_of"]
