"""How long reading one visit message takes against a large register (issue 16).

    python bench/reading.py [--contacts 10000] [--messages 200] [--rounds 3]

The register is the seeded one's names (`bench/seed.py`: contacts, organisations of every
type, the Almere areas), held in memory as the bot holds it (`core.understanding.Known`); the
messages are varied phone-style visit notes naming seeded contacts, organisations and areas,
in capitals and in lower case, with titles and typos. The first round also builds the
per-register indexes and is reported apart; each message's time is its fastest of the rounds
(a shared machine's noise only ever adds), and the median and 95th percentile are over those.
Runs against whichever checkout it is started from, so an old reader can be timed the same way.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from seed import ORG_HEADS, ORG_TAILS, name_of

from core.areas import ALMERE
from core.organisations import ORG_TYPES
from core.understanding import Known, read_visit

NOW = datetime(2026, 3, 11, 14, 0, tzinfo=UTC)
TEMPLATES = (
    "Vandaag gesproken met {name} in {area}. Zorgen over een groepje jongeren bij het "
    "skatepark. Volgende week dinsdag terugbellen.",
    "net koffie gedronken met {low} bij {org}, sfeer goed. over 2 weken langs",
    "gisteren gebeld met {first} over de onrust in {area_low}. vrijdag even terugbellen",
    "Bezoek aan {org} ({area}): {name} en {name2} gesproken over de inloop. Maandag mailen.",
    "imam {first} gesproken bij de {org_low}, rustig in de wijk",
    "mw. {last} belde over overlast in {area_low}, morgen terugbellen",
    "Overleg met wijkagent {name} en {name2} over {area}: geen bijzonderheden.",
    "langs geweest bij {org_low} in {area_low}, {low} was er ook. actie: verslag sturen",
)


def register(contacts: int) -> Known:
    rng = random.Random(11)
    people = tuple((i + 1, name_of(i)) for i in range(contacts))
    count = max(len(ORG_TYPES), contacts // 8)
    organisations = []
    for n in range(count):
        org_type = ORG_TYPES[n % len(ORG_TYPES)] if n < len(ORG_TYPES) else rng.choice(ORG_TYPES)
        head = rng.choice(ORG_HEADS.get(org_type.code, ("Stichting",)))
        suffix = "" if n < len(ORG_TAILS) else f" {n // len(ORG_TAILS) + 1}"
        organisations.append((n + 1, f"{head} {ORG_TAILS[n % len(ORG_TAILS)]}{suffix}"))
    names = [*ALMERE, *(w for wijken in ALMERE.values() for w in wijken)]
    areas = tuple((i + 1, name) for i, name in enumerate(names))
    return Known(contacts=people, organisations=tuple(organisations), areas=areas)


def messages(known: Known, count: int) -> list[str]:
    rng = random.Random(7)
    out = []
    for i in range(count):
        name = rng.choice(known.contacts)[1]
        name2 = rng.choice(known.contacts)[1]
        org = rng.choice(known.organisations[:200])[1]
        area = rng.choice(known.areas)[1]
        out.append(TEMPLATES[i % len(TEMPLATES)].format(
            name=name, name2=name2, low=name.lower(), first=name.split()[0].lower(),
            last=name.split()[-1].lower(), org=org, org_low=org.lower(), area=area,
            area_low=area.lower()))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    known = register(args.contacts)
    texts = messages(known, args.messages)
    started = time.perf_counter()
    read_visit(texts[0], NOW, known)
    first = (time.perf_counter() - started) * 1000
    best = [float("inf")] * len(texts)
    for _ in range(args.rounds):
        for k, text in enumerate(texts):
            started = time.perf_counter()
            read_visit(text, NOW, known)
            best[k] = min(best[k], (time.perf_counter() - started) * 1000)
    timings = sorted(best)
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"contacts={args.contacts} messages={len(texts)} rounds={args.rounds}")
    print(f"first message (builds indexes): {first:.1f} ms")
    print(f"median {statistics.median(timings):.2f} ms  p95 {p95:.2f} ms  "
          f"max {timings[-1]:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
