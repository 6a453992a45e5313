"""Score the reader once on the held-out sets in tests/fixtures/heldout/ (never tuned on).

    .venv/bin/python bench/heldout_reading.py privacy   # special-category statements caught
    .venv/bin/python bench/heldout_reading.py names     # other people's names and minors
    .venv/bin/python bench/heldout_reading.py visits    # whole visit messages, aspect by aspect
    .venv/bin/python bench/heldout_reading.py dates     # coordinator date phrases (phone style)
    .venv/bin/python bench/heldout_reading.py public    # a public Dutch date set, if present

Each prints its figures and every miss, so the closing note can list them. These files were
written by someone who did not see the code; a change made to pass one of them spoils it.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HELDOUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "heldout"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


SMOKE = False  # --smoke: the first five rows only, to show the script runs


def _rows(name: str) -> list[dict[str, str]]:
    with (HELDOUT / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[:5] if SMOKE else rows


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "-"


# --------------------------------------------------------------------------- privacy


def privacy() -> None:
    from core.reading.guards import special_category_findings

    rows = _rows("privacy_sentences.tsv")
    statements = [r for r in rows if r["label"] == "statement"]
    harmless = [r for r in rows if r["label"] == "harmless"]
    missed = [r for r in statements if not special_category_findings(r["sentence"])]
    touched = [r for r in harmless if special_category_findings(r["sentence"])]
    print(f"statements caught: {len(statements) - len(missed)}/{len(statements)} "
          f"({_percent(len(statements) - len(missed), len(statements))})")
    print(f"harmless touched:  {len(touched)}/{len(harmless)} "
          f"({_percent(len(touched), len(harmless))})")
    by_category: dict[str, list[int]] = {}
    for row in statements:
        counts = by_category.setdefault(row["category"], [0, 0])
        counts[1] += 1
        counts[0] += row not in missed
    for category, (caught, total) in sorted(by_category.items()):
        print(f"  {category:<12} {caught}/{total}")
    for row in missed:
        print(f"  missed  [{row['category']}] {row['sentence']}")
    for row in touched:
        words = [f.word for f in special_category_findings(row["sentence"])]
        print(f"  touched {row['sentence']}  <- {', '.join(words)}")


# --------------------------------------------------------------------------- names


def names() -> None:
    from core.reading.names import find_names

    rows = _rows("person_names.tsv")
    expected_total = found_right = found_total = 0
    minors_total = minors_right = 0
    misses: list[str] = []
    for row in rows:
        sentence = row["sentence"]
        expected = [n for n in (row["names"] or "").split("|") if n]
        minors = [n for n in (row["minor_names"] or "").split("|") if n]
        mentions = find_names(sentence)
        found = [m.text for m in mentions]
        expected_total += len(expected)
        found_total += len(found)
        # a name counts as found when a mention covers it (the same words, case aside)
        right = [n for n in expected if any(_same_name(n, f) for f in found)]
        found_right += len(right)
        minors_total += len(minors)
        for minor in minors:
            # a minor is protected when the finder finds the name and marks it a minor, or when
            # the sentence itself says a child ("zoontje") — the guard's business, scored apart
            if any(_same_name(minor, m.text) and m.minor for m in mentions):
                minors_right += 1
            else:
                misses.append(f"  minor not marked: {minor!r} in {sentence!r}")
        for name in expected:
            if name not in right:
                misses.append(f"  missed: {name!r} in {sentence!r}")
        for name in found:
            if not any(_same_name(n, name) for n in expected):
                misses.append(f"  not a person: {name!r} in {sentence!r}")
    print(f"names found (recall):    {found_right}/{expected_total} "
          f"({_percent(found_right, expected_total)})")
    true_found = sum(1 for line in misses if line.startswith("  not a person"))
    print(f"mentions that are names: {found_total - true_found}/{found_total} "
          f"({_percent(found_total - true_found, found_total)})")
    print(f"minors marked by age:    {minors_right}/{minors_total} "
          f"({_percent(minors_right, minors_total)})")
    print("\n".join(misses))


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


# --------------------------------------------------------------------------- visits


def visits() -> None:
    from core.understanding import Known, read_visit

    data = json.loads((HELDOUT / "visit_messages.json").read_text(encoding="utf-8"))
    zone = ZoneInfo(data["timezone"])
    now = datetime.fromisoformat(data["now"]).replace(tzinfo=zone)
    register = data["register"]
    # Round 1 lists [id, name]; round 2 lists {"id": "c01", "name": …}: both become (number,
    # name), and the expected ids are mapped the same way.
    number: dict[Any, int] = {}

    def entries(kind: str) -> tuple[tuple[int, str], ...]:
        pairs = [(e["id"], e["name"]) if isinstance(e, dict) else (e[0], e[1])
                 for e in register[kind]]
        for key, _ in pairs:
            number.setdefault(key, key if isinstance(key, int) else len(number) + 1000)
        return tuple((number[key], name) for key, name in pairs)

    known = Known(contacts=entries("contacts"), organisations=entries("organisations"),
                  areas=entries("areas"))
    for message in data["messages"]:
        message["people"] = [number[p] for p in message["people"]]
        for aspect in ("organisation", "area"):
            if message[aspect] is not None:
                message[aspect] = number[message[aspect]]
    aspects = ("people", "organisation", "area", "follow_up_due", "channel", "initiative")
    right = dict.fromkeys(aspects, 0)
    silent_defaults = 0
    misses: list[str] = []
    times: list[float] = []
    for message in data["messages"][:5] if SMOKE else data["messages"]:
        started = time.perf_counter()
        reading = read_visit(message["text"], now, known)
        times.append(time.perf_counter() - started)
        got = _aspects(reading)
        expected = {**message, "people": sorted(message["people"])}  # people in any order
        for aspect in aspects:
            if got[aspect] == expected[aspect]:
                right[aspect] += 1
            else:
                misses.append(f"  {aspect}: expected {expected[aspect]!r}, got {got[aspect]!r}"
                              f"  in {message['text']!r}")
        if message["follow_up_due"] == "ASK" and got["follow_up_due"] not in ("ASK", None):
            silent_defaults += 1
    total = min(5, len(data["messages"])) if SMOKE else len(data["messages"])
    all_right = sum(right.values())
    print(f"{total} messages, {len(aspects)} aspects each: {all_right}/{total * len(aspects)} "
          f"aspects right ({_percent(all_right, total * len(aspects))})")
    for aspect in aspects:
        print(f"  {aspect:<14} {right[aspect]}/{total}")
    print(f"follow-ups that should ask but got a date: {silent_defaults}")
    print(f"reading time: median {statistics.median(times) * 1000:.2f} ms, "
          f"max {max(times) * 1000:.2f} ms")
    print("\n".join(misses))


def _aspects(reading: Any) -> dict[str, Any]:
    people = sorted({p.contact_id for p in reading.people if p.contact_id is not None})
    follow_ups = reading.follow_ups or ([reading.follow_up] if reading.follow_up else [])
    due: str | None = None
    if follow_ups:
        when = follow_ups[0].due
        due = "ASK" if when is None else _wall(when.start)
    return {
        "people": people,
        "organisation": reading.organisation.organisation_id if reading.organisation else None,
        "area": reading.area.area_id if reading.area else None,
        "follow_up_due": due,
        "channel": _CHANNELS.get(str(reading.kind), reading.kind),
        # what the card stores when the message does not say: a visit, on our initiative
        "initiative": {"us": "wij", "them": "zij"}.get(str(reading.initiated_by), "wij"),
    }


# The held-out file's words for the interaction kinds and initiative the register stores.
_CHANNELS = {"bezoek": "bezoek", "telefoon": "telefoon", "email": "email", "bericht": "app",
             "bijeenkomst": "overleg", "gebiedsoverleg": "overleg", "online": "overleg",
             "toevallig": "toevallig", "training": "overleg", "None": "bezoek"}


def _wall(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(AMSTERDAM)
    return moment.strftime("%Y-%m-%dT%H:%M")


# --------------------------------------------------------------------------- dates


def _score_dates(rows: list[dict[str, str]], default_now: str | None) -> None:
    import dateparser

    from core.dates import parse_when

    def ours(row: dict[str, str]) -> bool:
        now = datetime.fromisoformat(row.get("now") or default_now or "").replace(
            tzinfo=AMSTERDAM)
        when = parse_when(row["phrase"], now, prefer=row.get("prefer") or "future")
        if not row["expected"]:
            return when is None
        return when is not None and (_wall(when.start), when.grain) == (
            row["expected"], row["grain"])

    def plain(row: dict[str, str]) -> bool:
        now = datetime.fromisoformat(row.get("now") or default_now or "")
        found = dateparser.parse(row["phrase"], languages=["nl", "en"], settings={
            "RELATIVE_BASE": now, "DATE_ORDER": "DMY",
            "PREFER_DATES_FROM": row.get("prefer") or "future"})
        if not row["expected"]:
            return found is None
        if found is None:
            return False
        expected = datetime.fromisoformat(row["expected"])
        if row["grain"] in ("minute", "hour"):
            return found.replace(second=0, microsecond=0, tzinfo=None) == expected
        if row["grain"] == "day":
            return found.date() == expected.date()
        if row["grain"] == "week":
            return found.isocalendar()[:2] == expected.isocalendar()[:2]
        return (found.year, found.month) == (expected.year, expected.month)

    for name, reader in (("core.dates", ours), ("plain dateparser", plain)):
        wrong, median = _measure(reader, rows)
        print(f"{name:<18} {len(rows) - len(wrong)}/{len(rows)} right "
              f"({_percent(len(rows) - len(wrong), len(rows))}), median {median * 1000:.2f} ms")
        if name == "core.dates":
            for row in wrong:
                now = row.get("now") or default_now
                print(f"  {row['phrase']!r:36} expected {row['expected'] or 'nothing'} "
                      f"({row['grain']}) from {now}")


def _measure(reader: Callable[[dict[str, str]], bool],
             rows: list[dict[str, str]]) -> tuple[list[dict[str, str]], float]:
    reader(rows[0])  # warm up
    wrong: list[dict[str, str]] = []
    times: list[float] = []
    for row in rows:
        started = time.perf_counter()
        if not reader(row):
            wrong.append(row)
        times.append(time.perf_counter() - started)
    return wrong, statistics.median(times)


def dates() -> None:
    _score_dates(_rows("phone_dates.tsv"), "2027-03-10T14:00")


def public() -> None:
    path = HELDOUT / "public_dates_nl.tsv"
    if not path.exists():
        sys.exit(f"{path.name} is not there")
    _score_dates(_rows(path.name), None)


def main() -> None:
    sets = {"privacy": privacy, "names": names, "visits": visits, "dates": dates,
            "public": public}
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("set", choices=sorted(sets))
    options.add_argument("--smoke", action="store_true", help="the first five rows only")
    options.add_argument("--round", type=int, default=1,
                         help="which held-out round: 1 (tests/fixtures/heldout) or 2 (its round2/)")
    args = options.parse_args()
    global SMOKE, HELDOUT
    SMOKE = args.smoke
    if args.round != 1:
        HELDOUT = HELDOUT / f"round{args.round}"
    sets[args.set]()


if __name__ == "__main__":
    main()
