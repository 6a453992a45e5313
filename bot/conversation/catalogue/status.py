"""Texts of /status (admins, and `python -m bot status`) and of the notice that a message
could not be delivered."""

from __future__ import annotations

NL: dict[str, str] = {
    "status_title": "Status van de bot",
    "status_version": "Versie: {version}",
    "status_database": "Database: {backend}",
    "status_connected": "Verbonden (dit proces): {transports}",
    "status_configured": "Ingesteld: {transports}",
    "status_none": "geen",
    "status_polling_here": "Telegram ophalen (polling) door dit proces: {answer}",
    "status_poller_elected": "Een proces haalt Telegram op (gekozen via de database): {answer}",
    "status_yes": "ja",
    "status_no": "nee",
    "status_last_sweep": "Laatste ronde langs wat er moet gebeuren: {when} ({ago} geleden)",
    "status_no_sweep": "Laatste ronde langs wat er moet gebeuren: nog geen",
    "status_sweep_stale": "LET OP: al {ago} geen ronde meer; draait de bot wel?",
    "status_jobs_ok": "Vaste taken (herinneringen, overzichten, rapporten, ...): geen fouten",
    "status_job_failing": ("LET OP: taak ‘{job}’ mislukt, {count} keer op rij sinds {since} "
                           "({error}); de andere taken lopen door"),
    "job_follow_ups": "herinneringen",
    "job_digest": "ochtendoverzicht",
    "job_weekly_overview": "weekoverzicht",
    "job_survey_rounds": "geplande peilingen",
    "job_scheduled_reports": "automatische rapporten",
    "job_meetings": "gebiedsoverleggen",
    "job_retention": "bewaartermijnen",
    "job_housekeeping": "technisch opruimen",
    "status_outbox": "Te versturen berichten: {unsent} (waarvan {retrying} na een mislukte poging)",
    "status_failed": "Niet bezorgd: {recent} in de laatste 24 uur, {total} in totaal",
    "status_refused": "Geweigerd (onbekende accounts, ongeldige uitnodigingen, niet toegestaan "
                      "voor de rol): {recent} in de laatste 24 uur",
    "status_seconds": "{n} s",
    "status_minutes": "{n} min",
    "status_hours": "{n} uur",
    "status_days": "{n} dagen",
    # what could not be delivered, told to whoever asked for it
    "undelivered_own": (
        "⚠️ Ik kon {what} niet bezorgen: het versturen mislukte steeds. "
        "Met /acties zie je wat er nog openstaat."
    ),
    "undelivered_other": "⚠️ Ik kon {what} niet bezorgen aan een {recipient}: {reason}",
    "undelivered_blocked": "de ontvanger heeft de bot geblokkeerd.",
    "undelivered_gave_up": "het versturen mislukte steeds.",
    "undelivered_refused": "de chatdienst weigerde het bericht.",
    "undelivered_reminder": "je herinnering “{title}”",
    "undelivered_daily": "je ochtendoverzicht van {date}",
    "undelivered_weekly": "je weekoverzicht van {date}",
    "undelivered_message": "een bericht van {date}",
}

EN: dict[str, str] = {
    "status_title": "Bot status",
    "status_version": "Version: {version}",
    "status_database": "Database: {backend}",
    "status_connected": "Connected (this process): {transports}",
    "status_configured": "Configured: {transports}",
    "status_none": "none",
    "status_polling_here": "Telegram polled by this process: {answer}",
    "status_poller_elected": "A process polls Telegram (elected through the database): {answer}",
    "status_yes": "yes",
    "status_no": "no",
    "status_last_sweep": "Last round of due work: {when} ({ago} ago)",
    "status_no_sweep": "Last round of due work: none yet",
    "status_sweep_stale": "NOTE: no round for {ago}; is the bot running?",
    "status_jobs_ok": "Recurring jobs (reminders, overviews, reports, ...): no errors",
    "status_job_failing": ("NOTE: job ‘{job}’ fails, {count} times in a row since {since} "
                           "({error}); the other jobs go on"),
    "job_follow_ups": "reminders",
    "job_digest": "morning digest",
    "job_weekly_overview": "weekly overview",
    "job_survey_rounds": "scheduled surveys",
    "job_scheduled_reports": "automatic reports",
    "job_meetings": "area meetings",
    "job_retention": "retention",
    "job_housekeeping": "technical clean-up",
    "status_outbox": "Messages to send: {unsent} ({retrying} of them after a failed attempt)",
    "status_failed": "Not delivered: {recent} in the last 24 hours, {total} in total",
    "status_refused": "Refused (unknown accounts, invalid invitations, not allowed for the "
                      "role): {recent} in the last 24 hours",
    "status_seconds": "{n} s",
    "status_minutes": "{n} min",
    "status_hours": "{n} h",
    "status_days": "{n} days",
    "undelivered_own": (
        "⚠️ I could not deliver {what}: sending kept failing. /followups shows what is "
        "still open."
    ),
    "undelivered_other": "⚠️ I could not deliver {what} to a {recipient}: {reason}",
    "undelivered_blocked": "the recipient has blocked the bot.",
    "undelivered_gave_up": "sending kept failing.",
    "undelivered_refused": "the chat service refused the message.",
    "undelivered_reminder": "your reminder “{title}”",
    "undelivered_daily": "your morning digest of {date}",
    "undelivered_weekly": "your weekly overview of {date}",
    "undelivered_message": "a message of {date}",
}
