"""Every user-facing string of the incident desk: Texts keys, with the English text as the fallback."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Protocol

log = logging.getLogger(__name__)


class TextSource(Protocol):
    """What the desk needs of bot.texts.Texts."""

    def get(self, language: str, key: str, **values: object) -> str: ...


# The keys the desk asks Texts for, with the English used while a key is missing from the templates.
# Keys that data/templates/en.toml already has (incident.title, incident.owner_none, time.*, ...) carry its
# English; the others are listed in the incidents helper's report for the templates' owner to add.
ENGLISH: dict[str, str] = {
    # Already in data/templates/en.toml
    "incident.title": "Incident: {category} {place}",
    "incident.opened": "I opened an incident thread in {channel}.",
    "incident.what_happened": "What happened",
    "incident.posted": "Posted",
    "incident.audience": "Audience",
    "incident.audience_value": "{count} people could see it",
    "incident.severity": "Severity",
    "incident.owner": "Owner",
    "incident.owner_none": "Nobody yet. Claim it with “incident owner me”.",
    "incident.owner_changed": "{owner} now owns this incident.",
    "incident.checklist": "Checklist",
    "incident.step_done": "Done: {step}",
    "incident.reminder": (
        "{owner}, there is no first response yet, {minutes} minutes after the post. The first hours matter most."
    ),
    "incident.lessons_learned": "Lessons learned",
    "incident.lessons_prompt": "What would we do differently next time?",
    "incident.resolved": "Resolved by {owner}. Thank you.",
    "incident.followup": "Follow-up: this was resolved {days} days ago. Are all the corrective actions done?",
    "incident.status": "Status",
    "incident.status_open": "Open",
    "incident.status_resolved": "Resolved",
    "incident.reception_negative": "The reactions are turning negative, so I raised the severity.",
    "incident.facts": "Fact log",
    "place.channel": "in {channel}",
    "category.insult": "insult",
    "category.toxicity": "hostile tone",
    "category.heated": "heated tone",
    "category.about_present_person": "talking about someone present",
    "category.mass_mention": "mass mention",
    "category.secret": "secret or credential",
    "category.pii": "personal data",
    "category.private_in_public": "private information in public",
    "category.passive_aggressive": "passive-aggressive tone",
    "category.non_apology": "non-apology",
    "category.over_apology": "unneeded apology",
    "category.profanity_mild": "mild swearing",
    "time.just_now": "just now",
    "time.minutes_ago.one": "a minute ago",
    "time.minutes_ago.other": "{count} minutes ago",
    "time.hours_ago.one": "an hour ago",
    "time.hours_ago.other": "{count} hours ago",
    "time.days_ago.one": "yesterday",
    "time.days_ago.other": "{count} days ago",
    # New keys (not yet in the templates)
    "incident.card.message": "Message {message_id} {place}",
    "incident.card.excerpt": "Excerpt (masked): {excerpt}",
    "incident.card.footer": "Use the buttons below, or start a reply with @damage-control: “@damage-control update <text>”, “note <text>”, “owner @someone”, “resolve”. Only “sev 1-4”, “done <step number>” and “owner me” work on their own; every other reply is conversation. The first hours decide: first update due within {deadline}.",
    "incident.field.playbook": "Playbook",
    "incident.field.opened_by": "Opened by",
    "incident.opened_by_bot": "damage-control (automatically)",
    "incident.sev.1": "SEV1 (critical)",
    "incident.sev.2": "SEV2 (high)",
    "incident.sev.3": "SEV3 (medium)",
    "incident.sev.4": "SEV4 (low)",
    "incident.owner_role": "{role}: one of you, claim it with “incident owner me”.",
    "incident.author.title": "About your message {place}",
    "incident.author.body": (
        "Your message is now handled as an incident ({title}) so the team can put it right quickly. "
        "Nobody is blaming you: mistakes happen, and a quick, open response is what counts."
    ),
    "incident.author.owner": "{owner} coordinates the response; you can help in the incident thread.",
    "incident.reception_notice.title": "People are reacting to your message {place}",
    "incident.reception_notice.body": (
        "{count} people reacted negatively or critically. A short, specific apology or correction now "
        "usually helps most; the team has been told."
    ),
    "incident.update.title": "Incident {incident_id} · {title}",
    "incident.update.by": "{actor}: {text}",
    "incident.update.severity": "{actor} changed the severity from {old} to {new}.",
    "incident.update.status": "Update from {actor}: {text}",
    "incident.update.steps_done": "{done}/{total} steps done.",
    "incident.update.note": "Note from {actor}: {text}",
    "incident.update.reception": "{count} people reacted negatively or critically; severity now {new}.",
    "incident.nudge.update_title": "Incident {incident_id} needs an update",
    "incident.nudge.update": (
        "No update for {elapsed}. At {severity} the team expects one every {interval}: press “Post update” "
        "on the incident's first message, or write “@damage-control update <text>” in the thread."
    ),
    "incident.nudge.first_title": "The first hours decide: incident {incident_id} has no response yet",
    "incident.nudge.follow_up_title": "Follow-up: incident {incident_id} · {title}",
    "incident.nudge.follow_up": "Check that the fix held, tell the people affected, and adjust the playbook if it would have helped.",
    "incident.nudge.no_owner": "Nobody owns this incident yet: claim it with “incident owner me”.",
    "incident.resolution.title": "Resolved: incident {incident_id} · {title}",
    "incident.resolution.first_response": "Time to first response",
    "incident.resolution.no_first_response": "none recorded",
    "incident.resolution.time": "Time to resolution",
    "incident.resolution.steps": "Steps done",
    "incident.resolution.follow_up": "A follow-up reminder goes to {owner} in {delay}.",
    "incident.timeline.opened": "opened the incident ({detail})",
    "incident.timeline.owner": "owner: {detail}",
    "incident.timeline.severity": "severity: {detail}",
    "incident.timeline.update": "update: {detail}",
    "incident.timeline.step": "step done: {detail}",
    "incident.timeline.note": "note: {detail}",
    "incident.timeline.reception": "negative {detail}",
    "incident.timeline.thread": "thread opened",
    "incident.timeline.reminder": "reminder sent ({detail})",
    "incident.timeline.resolved": "resolved",
    "incident.reply.done": "Done: {what}",
    "incident.error.no_channel": (
        "Incidents need a team channel: set INCIDENT_CHANNEL_ID to the channel where incident threads go."
    ),
    "incident.error.not_found": (
        "Which incident? Run this in the incident's thread, or give its id: “incident {subcommand} <id> ...”. "
        "“incident list” shows them."
    ),
    "incident.error.unknown_command": "There is no incident command “{subcommand}”. “incident help” lists them.",
    "incident.error.resolved": "Incident {incident_id} is already resolved.",
    "incident.error.step": "Incident {incident_id} has no step {step}; its steps are 1 to {total}.",
    "incident.error.step_done": "Step {number} was already done.",
    "incident.error.severity": "The severity is a number from 1 (critical) to 4 (low): “incident sev 2”.",
    "incident.error.owner": "Mention the new owner: “incident owner @someone”, or “incident owner me”.",
    "incident.error.needs_text": "“incident {subcommand}” needs some text: “incident {subcommand} <text>”.",
    "incident.error.lessons": "Resolving records the lessons learned: press “Resolve” on the incident's first message, or write “@damage-control resolve <lessons>” in its thread.",
    "incident.error.summary": "Say what happened: “incident open <summary>”.",
    "incident.error.already_open": "This message already has incident {incident_id}.",
    "incident.button.owner": "Take ownership",
    "incident.button.update": "Post update",
    "incident.button.resolve": "Resolve",
    "incident.form.update.title": "Post an update",
    "incident.form.update.label": "Status update",
    "incident.form.update.placeholder": "What changed, and what comes next?",
    "incident.form.update.submit": "Post",
    "incident.form.resolve.title": "Resolve the incident",
    "incident.form.resolve.label": "Lessons learned (optional)",
    "incident.form.resolve.placeholder": "What would we do differently next time?",
    "incident.form.resolve.submit": "Resolve",
    "incident.error.already_owner": "{owner} already owns incident {incident_id}.",
    "incident.error.not_allowed_owner": "Incident {incident_id} is owned by {owner}: only they, whoever opened it or a channel admin can hand it over.",
    "incident.error.not_allowed_resolve": "Incident {incident_id} can be resolved by its owner ({owner}), whoever opened it or a channel admin.",
    "incident.error.not_allowed_resolve_unowned": "Nobody owns incident {incident_id} yet: take ownership first (the “Take ownership” button, or “owner me” in its thread), then resolve it.",
    "incident.error.not_allowed_how": "If you think it is over, say so in the thread.",
    "incident.resolution.no_lessons": "none recorded",
    "incident.list.title": "Incidents",
    "incident.list.empty": "No open or recent incidents.",
    "incident.list.line": "{incident_id} · {severity} · {status} · {title} · {owner} · {ago}",
    "incident.help.title": "Incident commands",
    "incident.help.lines": "open [playbook] <summary>: open an incident (from a message's menu: about that message)\nowner @someone | owner me: hand the incident over (once someone owns it: the owner, whoever opened it or a channel admin)\nsev <1-4>: change the severity (1 is the worst)\nupdate <text>: post a status update\ndone <step>: tick a checklist step (its number or id)\nnote <text>: add a fact to the timeline\nresolve [lessons learned]: close it with a summary (the owner, whoever opened it or a channel admin; without lessons, a form asks for them)\nlist: open and recent incidents\nIn the incident's thread, address me first: “@damage-control update the key is rotated”. Only “sev 2”, “done 3” and “owner me” work on their own; other replies are conversation. The buttons on the incident's first message do the same.\nOutside the incident's thread, put its id after the command: “incident update inc_000001 <text>”.",
}


class Wording:
    """Looks each key up in Texts for the language, falling back to the English above."""

    def __init__(self, texts: TextSource | None) -> None:
        self._texts = texts
        self._missing: set[str] = set()

    def say(self, language: str, key: str, **values: object) -> str:
        if self._texts is not None:
            try:
                text = self._texts.get(language, key, **values)
            except (KeyError, LookupError, ValueError, TypeError):
                text = None
            if text and text != key:
                return text
        if key not in self._missing:
            self._missing.add(key)
            log.debug("text key %s not in the templates; using the English default", key)
        return ENGLISH[key].format(**values)

    def severity(self, language: str, level: int) -> str:
        return self.say(language, f"incident.sev.{level}")

    def ago(self, language: str, span: timedelta) -> str:
        """'12 minutes ago', through the templates' time.* keys."""
        minutes = int(span.total_seconds() // 60)
        if minutes < 1:
            return self.say(language, "time.just_now")
        for unit, size in (("days", 24 * 60), ("hours", 60), ("minutes", 1)):
            if minutes >= size:
                count = minutes // size
                form = "one" if count == 1 else "other"
                return self.say(language, f"time.{unit}_ago.{form}", count=count)
        return self.say(language, "time.just_now")


def duration(span: timedelta) -> str:
    """A short, language-neutral duration: '45 s', '12 min', '2 h 05 min', '3 d 4 h'."""
    seconds = max(0, int(span.total_seconds()))
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes:02d} min"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h"


def moment(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M UTC")


def mention(platform: str, user_id: str | None) -> str:
    """A user mention: the same `<@id>` syntax on Slack and Discord; the console shows `@id`."""
    if not user_id:
        return "-"
    return f"@{user_id}" if platform in ("console", "replay") else f"<@{user_id}>"


def role_mention(platform: str, role_id: str) -> str:
    if platform == "slack":
        return f"<!subteam^{role_id}>"
    if platform == "discord":
        return f"<@&{role_id}>"
    return f"@{role_id}"


def channel_reference(platform: str, channel_id: str | None, channel_name: str | None) -> str:
    if channel_name:
        return f"#{channel_name}"
    if channel_id and platform in ("slack", "discord"):
        return f"<#{channel_id}>"
    return f"#{channel_id or '?'}"
