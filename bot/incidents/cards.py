"""The incident desk's cards: the thread's first message, the author's notice, the checklist and listings."""

from __future__ import annotations

from datetime import datetime

from bot.actions import Card
from bot.incidents.context import DeskContext
from bot.incidents.playbooks import Playbook
from bot.incidents.wording import channel_reference, duration, mention, moment
from bot.store.incidents import Incident, StepState


def checklist_lines(steps: list[StepState]) -> list[str]:
    return [f"{step.position}. [{'x' if step.done_at else ' '}] {step.label}" for step in steps]


def place_phrase(context: DeskContext, incident: Incident) -> str:
    channel = channel_reference(incident.platform, incident.source_channel_id, incident.source_channel_name)
    return context.say(incident, "place.channel", channel=channel)


def audience_value(context: DeskContext, incident: Incident) -> str:
    channel = channel_reference(incident.platform, incident.source_channel_id, incident.source_channel_name)
    if incident.audience_size is None:
        return channel
    return f"{channel} \u00b7 " + context.say(incident, "incident.audience_value", count=incident.audience_size)


def thread_title(context: DeskContext, incident: Incident) -> str:
    """"Incident: secret or credential in #general" when it is about a message, else the playbook's title."""
    if incident.categories and incident.source_channel_id:
        category = context.say(incident, f"category.{incident.categories[0]}")
        return context.say(incident, "incident.title", category=category, place=place_phrase(context, incident))
    return context.say(incident, "incident.update.title", incident_id=incident.incident_id, title=incident.title)


def opening_card(context: DeskContext, incident: Incident, playbook: Playbook, steps: list[StepState],
                 now: datetime) -> Card:
    """What happened, when and how long ago, who could read it, severity, owner and the checklist:
    the facts first (rule 10), one person responsible (rule 9), the prepared plan (rule 8)."""
    say = context.say
    lines: list[str] = []
    if incident.source_message_id is not None:
        lines.append(say(incident, "incident.card.message", message_id=incident.source_message_id,
                         place=place_phrase(context, incident)))
    if incident.excerpt:
        # Masked by the detector before it reached us: never the raw text of a secret.
        lines.append(say(incident, "incident.card.excerpt", excerpt=incident.excerpt))
    lines.append(say(incident, "incident.checklist") + ":")
    lines.extend(checklist_lines(steps))
    fields: list[tuple[str, str]] = []
    if incident.summary:
        fields.append((say(incident, "incident.what_happened"), incident.summary))
    if incident.posted_at is not None:
        posted = f"{moment(incident.posted_at)} ({context.words.ago(incident.language, now - incident.posted_at)})"
        fields.append((say(incident, "incident.posted"), posted))
    if incident.source_channel_id is not None:
        fields.append((say(incident, "incident.audience"), audience_value(context, incident)))
    opened_by = (mention(incident.platform, incident.opened_by) if incident.opened_by
                 else say(incident, "incident.opened_by_bot"))
    fields += [
        (say(incident, "incident.severity"), context.severity_label(incident)),
        (say(incident, "incident.owner"), context.owner_label(incident)),
        (say(incident, "incident.field.playbook"), f"{incident.title} ({playbook.name})"),
        (say(incident, "incident.field.opened_by"), opened_by),
    ]
    return Card(
        title=f"{thread_title(context, incident)} [{incident.incident_id}]",
        lines=tuple(lines),
        fields=tuple(fields),
        footer=say(incident, "incident.card.footer", deadline=duration(playbook.timing.first_response)),
    )


def author_notice_card(context: DeskContext, incident: Incident) -> Card:
    """Told privately, with the same respect as a nudge: what is happening, and that nobody blames them."""
    lines = [context.say(incident, "incident.author.body", title=incident.title)]
    if incident.owner_id or incident.owner_role_id:
        lines.append(context.say(incident, "incident.author.owner", owner=context.owner_label(incident)))
    return Card(title=context.say(incident, "incident.author.title", place=place_phrase(context, incident)),
                lines=tuple(lines))


def timeline_lines(context: DeskContext, incident: Incident, limit: int = 25) -> list[str]:
    entries = context.store.timeline(incident.incident_id)
    if len(entries) > limit:
        # Keep the opening and the most recent entries; the middle is in the thread already.
        entries = entries[:1] + entries[-(limit - 1):]
    lines = []
    for entry in entries:
        detail = mention(incident.platform, entry.detail) if entry.kind == "owner" else entry.detail
        what = context.say(incident, f"incident.timeline.{entry.kind}", detail=detail)
        lines.append(f"{entry.at.strftime('%H:%M')} {context.actor(incident, entry.actor_id)}: {what}")
    return lines


def summary_card(context: DeskContext, incident: Incident, follow_up_in: str) -> Card:
    """Posted on resolve: time to first response, time to resolution, steps done, lessons, timeline."""
    say = context.say
    steps = context.store.steps(incident.incident_id)
    done = sum(1 for step in steps if step.done_at)
    resolved_at = incident.resolved_at or context.now()
    first = (duration(incident.first_response_at - incident.opened_at) if incident.first_response_at
             else say(incident, "incident.resolution.no_first_response"))
    lines = [
        say(incident, "incident.resolved", owner=mention(incident.platform, incident.resolved_by)),
        say(incident, "incident.checklist") + ":",
        *checklist_lines(steps),
        say(incident, "incident.facts") + ":",
        *timeline_lines(context, incident),
    ]
    owner = mention(incident.platform, incident.owner_id or incident.resolved_by)
    return Card(
        title=say(incident, "incident.resolution.title", incident_id=incident.incident_id, title=incident.title),
        lines=tuple(lines),
        fields=(
            (say(incident, "incident.resolution.first_response"), first),
            (say(incident, "incident.resolution.time"), duration(resolved_at - incident.opened_at)),
            (say(incident, "incident.resolution.steps"), f"{done}/{len(steps)}"),
            (say(incident, "incident.lessons_learned"),
             incident.lessons or say(incident, "incident.resolution.no_lessons")),
        ),
        footer=say(incident, "incident.resolution.follow_up", owner=owner, delay=follow_up_in),
    )


def list_card(context: DeskContext, language: str, incidents: list[Incident], now: datetime) -> Card:
    words = context.words
    lines = [
        words.say(
            language, "incident.list.line", incident_id=incident.incident_id,
            severity=words.severity(language, incident.severity),
            status=words.say(language, f"incident.status_{incident.status}"),
            title=incident.title, owner=context.owner_label(incident), ago=words.ago(language, now - incident.opened_at),
        )
        for incident in incidents
    ] or [words.say(language, "incident.list.empty")]
    return Card(title=words.say(language, "incident.list.title"), lines=tuple(lines))
