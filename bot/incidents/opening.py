"""Opening an incident: choose the owner by the playbook's rule, store it, schedule its reminders."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from bot.actions import Action, IncidentButton, NoticePurpose, OpenIncidentThread, SendPrivateNotice
from bot.incidents.cards import author_notice_card, opening_card, thread_title
from bot.incidents.context import DeskContext
from bot.incidents.playbooks import Playbook
from bot.store.incidents import Incident
from bot.vocabulary import Delivery

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Subject:
    """What an incident is about: a message (when there is one) and where it was said."""

    platform: str
    workspace_id: str
    language: str = "en"
    message_key: str | None = None
    channel_id: str | None = None
    channel_name: str | None = None
    is_public: bool = True
    message_id: str | None = None
    author_id: str | None = None
    posted_at: datetime | None = None
    audience_size: int | None = None
    categories: tuple[str, ...] = ()
    excerpt: str = ""


def controls(context: DeskContext, incident: Incident) -> tuple[IncidentButton, ...]:
    """The card's own buttons, the platforms' usual way to act on a message: each one is the matching
    command (owner me, update, resolve), with the same rules for who may use it."""
    return (
        IncidentButton(verb="owner", label=context.say(incident, "incident.button.owner"), style="primary"),
        IncidentButton(verb="update", label=context.say(incident, "incident.button.update")),
        IncidentButton(verb="resolve", label=context.say(incident, "incident.button.resolve"), style="danger"),
    )


def open_incident(context: DeskContext, subject: Subject, playbook: Playbook, *, summary: str,
                  opened_by: str | None, severity: int | None = None) -> tuple[Incident | None, list[Action]]:
    """Returns (None, []) if this message already has an incident (a second trigger changes nothing)."""
    team_channel_id = context.settings.incident_channel_for(subject.platform)
    if not team_channel_id:
        raise ValueError(f"incidents on {subject.platform} need an incident channel id")
    now = context.now()
    team_owner = playbook.owner.for_team(subject.workspace_id)
    owner_id = team_owner.user_id if team_owner else None
    owner_role_id = team_owner.role_id if team_owner else None
    if owner_id is None and owner_role_id is None:
        owner_id = opened_by  # the rule's last resort: whoever opened it
    incident = Incident(
        incident_id=context.ids.new_id("inc"),
        platform=subject.platform,
        workspace_id=subject.workspace_id,
        playbook=playbook.name,
        title=playbook.title_in(subject.language),
        summary=summary,
        severity=severity or playbook.default_severity,
        status="open",
        owner_id=owner_id,
        owner_role_id=owner_role_id,
        opened_by=opened_by,
        opened_at=now,
        language=subject.language,
        message_key=subject.message_key,
        source_channel_id=subject.channel_id,
        source_channel_name=subject.channel_name,
        source_message_id=subject.message_id,
        author_id=subject.author_id,
        posted_at=subject.posted_at,
        audience_size=subject.audience_size,
        categories=subject.categories,
        excerpt=subject.excerpt,
    )
    steps = [(step.id, step.label_in(subject.language)) for step in playbook.steps]
    with context.store.transaction():
        if not context.store.add_incident(incident, steps):
            return None, []
        context.store.add_entry(incident.incident_id, now, opened_by, "opened", playbook.name)
        context.schedule(incident, "first_response", now + playbook.timing.first_response)
        context.schedule(incident, "update", now + playbook.timing.update_interval(incident.severity))
    log.info("incident %s opened (playbook %s, severity %d, categories %s)", incident.incident_id,
             playbook.name, incident.severity, ",".join(subject.categories) or "-")
    stored_steps = context.store.steps(incident.incident_id)
    actions: list[Action] = [
        OpenIncidentThread(
            incident_id=incident.incident_id,
            platform=subject.platform,
            workspace_id=subject.workspace_id,
            team_channel_id=team_channel_id,
            title=thread_title(context, incident),
            card=opening_card(context, incident, playbook, stored_steps, now),
            # Plain step ids, as the contract says; `done` also accepts "incident_id:step_id", which is
            # what an adapter should send when the click does not come from inside the thread.
            buttons=tuple((step.step_id, step.label) for step in stored_steps),
            message_place=context.source_place(incident),
            message_id=incident.source_message_id,
            controls=controls(context, incident),
        )
    ]
    source = context.source_place(incident)
    if subject.author_id and subject.author_id != opened_by and source is not None:
        actions.append(
            SendPrivateNotice(
                recipient_id=subject.author_id,
                place=source,
                delivery=Delivery.EPHEMERAL,
                card=author_notice_card(context, incident),
                reference_id=incident.incident_id,
                purpose=NoticePurpose.INCIDENT_AUTHOR,
            )
        )
    return incident, actions
