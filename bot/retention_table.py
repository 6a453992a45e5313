"""The retention table of docs/retention.md and docs/privacy.md, made from the settings'
defaults and the code's fixed terms, so the two documents and the running bot cannot disagree.

`python -m bot retention-table` prints it; tests/test_retention_docs.py checks that both
documents hold exactly this table between the markers.
"""

from __future__ import annotations

from datetime import timedelta

from bot.settings import Settings
from core.journal import KEEP_HANDLED
from core.ratelimit import KEEP_SECONDS
from core.retention import RetentionPolicy

START = "<!-- retention-table: made by `python -m bot retention-table`; do not edit by hand -->"
END = "<!-- /retention-table -->"


def _default(name: str) -> object:
    return Settings.model_fields[name].default


def _days(term: timedelta) -> str:
    days = term.days
    return "1 day" if days == 1 else f"{days} days"


def rows() -> list[tuple[str, str, str, str]]:
    """(record, setting, default term, what happens), from the settings' defaults."""
    policy = RetentionPolicy()  # the code's fixed terms (job runs)

    def term(name: str, unit: str, since: str) -> str:
        return f"{_default(name)} {unit} after {since}"

    setting = "`{}`".format
    return [
        ("contact moment (interaction) with its participants and follow-ups",
         setting("RETENTION_INTERACTIONS_YEARS"),
         term("retention_interactions_years", "years", "it happened"), "deleted"),
        ("a partner's question (`/vraag`) and the answer; information sent to partners "
         "(`/informeer`) with its delivery results and its file",
         setting("RETENTION_INTERACTIONS_YEARS"),
         term("retention_interactions_years", "years", "it was asked or sent") +
         " (an answered question goes with the contact moment it became)", "deleted"),
        ("signal", setting("RETENTION_SIGNALS_YEARS"),
         term("retention_signals_years", "years", "the observation"),
         "facts, interpretation, counter-signals, status reasons and source wiped; area, "
         "category, date, level stay"),
        ("follow-up that is done", setting("RETENTION_FOLLOW_UPS_DONE_DAYS"),
         term("retention_follow_ups_done_days", "days", "it was done"), "deleted"),
        ("contact with status *gestopt*, or archived", setting("RETENTION_STOPPED_CONTACTS_DAYS"),
         term("retention_stopped_contacts_days", "days",
              "the last sign (last contact moment, archiving, or being added)"), "anonymised"),
        ("handed-over concern, feedback received",
         setting("RETENTION_REFERRAL_AFTER_FEEDBACK_DAYS"),
         term("retention_referral_after_feedback_days", "days", "the feedback"),
         "facts and external reference wiped"),
        ("handed-over concern, no feedback", setting("RETENTION_REFERRAL_WITHOUT_FEEDBACK_DAYS"),
         term("retention_referral_without_feedback_days", "days", "the handoff"),
         "facts and external reference wiped"),
        ("unfinished draft (dialogue state); a file uploaded for a message that was never sent",
         setting("RETENTION_DIALOG_STATES_DAYS"),
         term("retention_dialog_states_days", "days", "its last step"), "deleted"),
        ("button meaning", setting("RETENTION_BUTTON_PAYLOADS_DAYS"),
         term("retention_button_payloads_days", "days", "it was sent"), "deleted"),
        ("update journal: what an incoming message said (sealed)", "—",
         "until it is handled: the transaction that handles it blanks it", "blanked"),
        ("update journal: a handled update's id (against a redelivery)", "—",
         f"{_days(KEEP_HANDLED)} after it came in (pruned every few minutes)", "deleted"),
        ("update journal: any entry, also one never handled",
         setting("RETENTION_PROCESSED_UPDATES_DAYS"),
         term("retention_processed_updates_days", "days", "it came in") + " (the nightly run)",
         "deleted"),
        ("outbox message, sent or given up (a kind and a reference, no text)",
         setting("RETENTION_OUTBOX_DAYS"),
         term("retention_outbox_days", "days", "it was sent or given up"), "deleted"),
        ("occurrence marker (`jobrun`)", "—", f"{policy.job_runs_days} days after it ran",
         "deleted"),
        ("send counts (`sendwindow`)", "—", f"{KEEP_SECONDS} seconds", "deleted"),
        ("how each scheduled job is doing (`jobstatus`: counts, times, an error's class name)",
         "—", "not limited: one row per job, overwritten", "kept"),
    ]


def table() -> str:
    """The Markdown table between its markers, ending in a newline."""
    lines = [START, "| record | setting | default | what happens |", "|---|---|---|---|"]
    lines += [f"| {record} | {name} | {term} | {action} |"
              for record, name, term, action in rows()]
    lines.append(END)
    return "\n".join(lines) + "\n"
