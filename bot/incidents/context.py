"""What every part of the incident desk shares: its collaborators and the small operations they all use."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.actions import Action, Card, PostIncidentUpdate
from bot.clock import Clock, IdFactory
from bot.events import Place
from bot.incidents.playbooks import Playbook, Playbooks
from bot.incidents.wording import Wording, mention, role_mention
from bot.settings import Settings
from bot.store.incidents import Incident, IncidentStore, Reminder
from bot.vocabulary import Platform

log = logging.getLogger(__name__)

# What counts as the team's first response: something said or done, visible in the thread.
FIRST_RESPONSE_KINDS = ("update", "step")


@dataclass
class DeskContext:
    settings: Settings
    store: IncidentStore
    playbooks: Playbooks
    words: Wording
    clock: Clock
    ids: IdFactory
    on_resolved: Callable[[str], None]

    def now(self) -> datetime:
        return self.clock.now()

    def playbook_of(self, incident: Incident) -> Playbook:
        # A playbook removed since the incident opened: fall back to the command default, never crash.
        return self.playbooks.get(incident.playbook) or self.playbooks.default_for("command")

    def say(self, incident: Incident, key: str, **values: object) -> str:
        return self.words.say(incident.language, key, **values)

    def severity_label(self, incident: Incident, level: int | None = None) -> str:
        return self.words.severity(incident.language, level if level is not None else incident.severity)

    def owner_label(self, incident: Incident) -> str:
        if incident.owner_id:
            return mention(incident.platform, incident.owner_id)
        if incident.owner_role_id:
            return self.say(incident, "incident.owner_role", role=role_mention(incident.platform, incident.owner_role_id))
        return self.say(incident, "incident.owner_none")

    def actor(self, incident: Incident, user_id: str | None) -> str:
        return mention(incident.platform, user_id) if user_id else "damage-control"

    def thread_place(self, incident: Incident) -> Place | None:
        if incident.thread_channel_id is None:
            return None
        return Place(
            platform=Platform(incident.platform),
            workspace_id=incident.workspace_id,
            channel_id=incident.thread_channel_id,
            thread_id=incident.thread_id,
        )

    def source_place(self, incident: Incident) -> Place | None:
        if incident.source_channel_id is None:
            return None
        return Place(
            platform=Platform(incident.platform),
            workspace_id=incident.workspace_id,
            channel_id=incident.source_channel_id,
            channel_name=incident.source_channel_name,
        )

    def post(self, incident: Incident, lines: list[str], mention_ids: tuple[str, ...] = (),
             title: str | None = None) -> list[Action]:
        """A message in the incident's thread; nothing while the thread is not known yet."""
        card = Card(
            title=title or self.say(incident, "incident.update.title", incident_id=incident.incident_id,
                                    title=incident.title),
            lines=tuple(lines),
        )
        return self.post_card(incident, card, mention_ids)

    def post_card(self, incident: Incident, card: Card, mention_ids: tuple[str, ...] = ()) -> list[Action]:
        thread = self.thread_place(incident)
        if thread is None:
            log.info("incident %s: thread not known yet, update kept on the timeline only", incident.incident_id)
            return []
        return [PostIncidentUpdate(incident_id=incident.incident_id, thread=thread, card=card,
                                   mention_ids=mention_ids)]

    def record(self, incident: Incident, actor_id: str | None, kind: str, detail: str = "") -> Incident:
        """Put a change on the timeline; the first update or ticked step is the first response."""
        now = self.now()
        with self.store.transaction():
            self.store.add_entry(incident.incident_id, now, actor_id, kind, detail)
            if kind in FIRST_RESPONSE_KINDS and incident.first_response_at is None:
                incident = self.store.update(incident, first_response_at=now)
                self.store.cancel_pending(incident.incident_id, ("first_response",), now)
        return incident

    def schedule(self, incident: Incident, kind: str, due_at: datetime) -> None:
        self.store.schedule(Reminder(self.ids.new_id("rem"), incident.incident_id, kind, due_at))

    def reschedule_update(self, incident: Incident) -> None:
        """The next update reminder: one interval (for the current severity) after the last update."""
        interval = self.playbook_of(incident).timing.update_interval(incident.severity)
        since = incident.last_update_at or incident.opened_at
        with self.store.transaction():
            self.store.cancel_pending(incident.incident_id, ("update",), self.now())
            self.schedule(incident, "update", since + interval)

    def change_severity(self, incident: Incident, level: int, actor_id: str | None) -> tuple[Incident, int]:
        old = incident.severity
        with self.store.transaction():
            incident = self.store.update(incident, severity=level)
            incident = self.record(incident, actor_id, "severity", f"SEV{old} -> SEV{level}")
            if incident.is_open:
                self.reschedule_update(incident)
        return incident, old
