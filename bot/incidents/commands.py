"""The `incident` command: open, owner, sev, update, done, note, resolve, list, help."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from bot.actions import Action, Card, OpenIncidentForm, ReplyToCommand
from bot.events import CommandInvoked, IncidentFormSubmitted
from bot.incidents.cards import list_card, summary_card
from bot.incidents.context import DeskContext
from bot.incidents.opening import Subject, open_incident
from bot.incidents.permissions import may_resolve, may_set_owner
from bot.incidents.wording import channel_reference, duration, mention
from bot.store.incidents import Incident
from bot.verdict import Analysis

log = logging.getLogger(__name__)

# A mention as the platforms write it (<@U123>, <@!123>), or a bare Slack user id / Discord snowflake.
_MENTION = re.compile(r"^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$|^@?([UW][A-Z0-9]{6,}|\d{15,21})$")
_SEVERITY = re.compile(r"^(?:sev)?([1-4])$", re.IGNORECASE)
_RECENT = timedelta(days=7)
_NEEDS_INCIDENT = ("owner", "sev", "update", "done", "note", "resolve")


class IncidentCommands:
    def __init__(self, context: DeskContext) -> None:
        self._context = context
        self._language = "en"  # the invoking user's language, for private replies; set per command

    def handle(self, command: CommandInvoked, analysis: Analysis | None = None,
               masked_excerpt: str = "", language: str = "en") -> list[Action]:
        self._language = language
        words = command.arguments.split()
        subcommand = words[0].lower() if words else "help"
        rest = command.arguments.strip()[len(words[0]):].strip() if words else ""
        if subcommand == "open":
            return self._open(command, rest, analysis, masked_excerpt)
        if subcommand == "list":
            return self._list(command)
        if subcommand == "help":
            return [self._reply(command, "incident.help.title",
                                lines=self._context.words.say(language, "incident.help.lines").split("\n"))]
        if subcommand not in _NEEDS_INCIDENT:
            return [self._error(command, "incident.error.unknown_command", subcommand=subcommand)]
        incident, rest = self._find(command, rest)
        if incident is None:
            return [self._error(command, "incident.error.not_found", subcommand=subcommand)]
        if not incident.is_open:
            return [self._error(command, "incident.error.resolved", incident_id=incident.incident_id)]
        handler = getattr(self, f"_{subcommand}")
        return handler(command, incident, rest)

    def submit_form(self, event: IncidentFormSubmitted, language: str = "en") -> list[Action]:
        """An update or a resolution sent from the incident's form; the rules are the typed command's."""
        self._language = language
        context = self._context
        incident = context.store.get(event.incident_id)
        place = event.place or (context.thread_place(incident) if incident is not None else None)
        if incident is None or place is None or (incident.platform, incident.workspace_id) != (
                event.platform.value, event.workspace_id):
            log.warning("incident form %s for unknown incident %s", event.form, event.incident_id)
            return []
        command = CommandInvoked(event_id=event.event_id, place=place, user=event.user, command="incident",
                                 arguments=event.form, invoked_at=event.submitted_at)
        if not incident.is_open:
            return [self._error(command, "incident.error.resolved", incident_id=incident.incident_id)]
        text = event.text.strip()
        if event.form == "update":
            if not text:
                return [self._error(command, "incident.error.needs_text", subcommand="update")]
            return self._update(command, incident, text)
        return self._resolve(command, incident, text, from_form=True)

    # Finding the incident

    def _find(self, command: CommandInvoked, rest: str) -> tuple[Incident | None, str]:
        """An explicit id first (also what checklist buttons send, as "incident_id:step"), else the thread."""
        store = self._context.store
        first = rest.split(maxsplit=1)[0] if rest else ""
        candidate = store.get(first.split(":", 1)[0]) if first else None
        if candidate is not None and self._same_workspace(candidate, command):
            if ":" in first:
                return candidate, rest  # "done inc_1:rotate": keep the step reference whole
            return candidate, rest[len(first):].strip()
        place = command.place
        found = store.by_thread(place.platform.value, place.channel_id, place.thread_id)
        if found is not None and self._same_workspace(found, command):
            return found, rest
        return None, rest

    @staticmethod
    def _same_workspace(incident: Incident, command: CommandInvoked) -> bool:
        return (incident.platform, incident.workspace_id) == (command.place.platform.value, command.place.workspace_id)

    def _in_thread(self, command: CommandInvoked, incident: Incident) -> bool:
        if self._context.thread_place(incident) is None:
            return False
        found = self._context.store.by_thread(command.place.platform.value, command.place.channel_id,
                                              command.place.thread_id)
        return found is not None and found.incident_id == incident.incident_id

    def _announce(self, command: CommandInvoked, incident: Incident, line: str,
                  mention_ids: tuple[str, ...] = ()) -> list[Action]:
        """Post the change in the thread; outside the thread, also confirm it to whoever typed it."""
        actions = self._context.post(incident, [line], mention_ids)
        if not (actions and self._in_thread(command, incident)):
            actions.append(self._reply(command, "incident.update.title", incident_id=incident.incident_id,
                                       title=incident.title, lines=[line]))
        return actions

    # Subcommands

    def _open(self, command: CommandInvoked, rest: str, analysis: Analysis | None,
              masked_excerpt: str) -> list[Action]:
        context = self._context
        if not context.settings.incident_channel_for(command.place.platform.value):
            return [self._error(command, "incident.error.no_channel")]
        words = rest.split(maxsplit=1)
        playbook = context.playbooks.get(words[0]) if words else None
        summary = (words[1] if len(words) > 1 else "") if playbook else rest
        subject = self._subject(command, analysis, masked_excerpt)
        if not summary and command.target is not None and analysis is not None and analysis.findings:
            # From a message's menu with no words of its own: the detector's (masked) explanation.
            summary = max(analysis.findings, key=lambda finding: finding.severity.rank).message
        if not summary and command.target is None:
            return [self._error(command, "incident.error.summary")]
        if playbook is None:
            categories = [category for category in subject.categories]
            playbook = (context.playbooks.for_categories(categories) if categories else None) \
                or context.playbooks.default_for("command")
        if subject.message_key:
            existing = context.store.by_message(subject.message_key)
            if existing is not None:
                return [self._error(command, "incident.error.already_open", incident_id=existing.incident_id)]
        incident, actions = open_incident(context, subject, playbook, summary=summary,
                                          opened_by=command.user.user_id)
        if incident is None:
            return [self._error(command, "incident.error.already_open", incident_id="?")]
        channel = channel_reference(incident.platform, context.settings.incident_channel_for(incident.platform), None)
        return [*actions, self._reply(command, "incident.opened", channel=channel,
                                      lines=[f"{incident.incident_id} \u00b7 {incident.title}"])]

    def _subject(self, command: CommandInvoked, analysis: Analysis | None, masked_excerpt: str) -> Subject:
        place, target = command.place, command.target
        if target is None:
            return Subject(platform=place.platform.value, workspace_id=place.workspace_id)
        key = f"{target.place.key}:{target.message_id}"
        watch = self._context.store.watch(key)
        categories = tuple(c.value for c in analysis.categories) if analysis else (watch.categories if watch else ())
        return Subject(
            platform=target.place.platform.value, workspace_id=target.place.workspace_id,
            language=analysis.language if analysis else (watch.language if watch else "en"),
            message_key=key, channel_id=target.place.channel_id, channel_name=target.place.channel_name,
            is_public=target.place.is_public, message_id=target.message_id, author_id=target.author_id,
            posted_at=target.sent_at or (watch.posted_at if watch else None),
            audience_size=watch.audience_size if watch else None, categories=categories,
            # Only an excerpt the detector masked: the target's raw text may hold a secret.
            excerpt=masked_excerpt or (watch.excerpt if watch else ""),
        )

    def _owner(self, command: CommandInvoked, incident: Incident, rest: str) -> list[Action]:
        owner_id = command.mentioned_ids[0] if command.mentioned_ids else None
        token = rest.split()[0] if rest.split() else ""
        if owner_id is None and token.lower() in ("me", "@me"):
            owner_id = command.user.user_id
        if owner_id is None and (match := _MENTION.match(token)):
            owner_id = match.group(1) or match.group(2)
        if owner_id is None:
            return [self._error(command, "incident.error.owner")]
        if owner_id == incident.owner_id:
            return [self._error(command, "incident.error.already_owner", owner=mention(incident.platform, owner_id),
                                incident_id=incident.incident_id)]
        if not may_set_owner(incident, command.user):
            return [self._error(command, "incident.error.not_allowed_owner", incident_id=incident.incident_id,
                                owner=mention(incident.platform, incident.owner_id))]
        context = self._context
        with context.store.transaction():
            incident = context.store.update(incident, owner_id=owner_id)
            incident = context.record(incident, command.user.user_id, "owner", owner_id)
        line = context.say(incident, "incident.update.by", actor=mention(incident.platform, command.user.user_id),
                           text=context.say(incident, "incident.owner_changed", owner=mention(incident.platform, owner_id)))
        return self._announce(command, incident, line, mention_ids=(owner_id,))

    def _sev(self, command: CommandInvoked, incident: Incident, rest: str) -> list[Action]:
        match = _SEVERITY.match(rest.replace(" ", ""))
        if match is None:
            return [self._error(command, "incident.error.severity")]
        context = self._context
        incident, old = context.change_severity(incident, int(match.group(1)), command.user.user_id)
        line = context.say(incident, "incident.update.severity", actor=mention(incident.platform, command.user.user_id),
                           old=context.severity_label(incident, old), new=context.severity_label(incident))
        return self._announce(command, incident, line)

    def _update(self, command: CommandInvoked, incident: Incident, rest: str) -> list[Action]:
        if not rest:
            # A button or a bare "update": the form asks for it (or, with no interaction, the hint does).
            return [self._form(command, incident, "update",
                               self._card(command, "incident.error.needs_text", subcommand="update"))]
        context = self._context
        with context.store.transaction():
            incident = context.store.update(incident, last_update_at=context.now())
            incident = context.record(incident, command.user.user_id, "update", rest)
            context.reschedule_update(incident)
        line = context.say(incident, "incident.update.status", actor=mention(incident.platform, command.user.user_id),
                           text=rest)
        return self._announce(command, incident, line)

    def _note(self, command: CommandInvoked, incident: Incident, rest: str) -> list[Action]:
        if not rest:
            return [self._error(command, "incident.error.needs_text", subcommand="note")]
        context = self._context
        incident = context.record(incident, command.user.user_id, "note", rest)
        line = context.say(incident, "incident.update.note", actor=mention(incident.platform, command.user.user_id),
                           text=rest)
        return self._announce(command, incident, line)

    def _done(self, command: CommandInvoked, incident: Incident, rest: str) -> list[Action]:
        context = self._context
        steps = context.store.steps(incident.incident_id)
        reference = rest.split()[0] if rest.split() else ""
        if reference.startswith(f"{incident.incident_id}:"):
            reference = reference.split(":", 1)[1]
        step = next((s for s in steps if reference in (str(s.position), s.step_id)), None)
        if step is None:
            return [self._error(command, "incident.error.step", incident_id=incident.incident_id,
                                step=reference or "?", total=len(steps))]
        with context.store.transaction():
            if not context.store.mark_step_done(incident.incident_id, step.step_id, command.user.user_id,
                                                context.now()):
                return [self._error(command, "incident.error.step_done", number=step.position)]
            incident = context.record(incident, command.user.user_id, "step", f"{step.position}. {step.label}")
        done = sum(1 for s in context.store.steps(incident.incident_id) if s.done_at)
        done_text = context.say(incident, "incident.step_done", step=f"{step.position}. {step.label}")
        line = context.say(incident, "incident.update.by", actor=mention(incident.platform, command.user.user_id),
                           text=done_text) + " " + context.say(incident, "incident.update.steps_done", done=done,
                                                               total=len(steps))
        return self._announce(command, incident, line)

    def _resolve(self, command: CommandInvoked, incident: Incident, rest: str,
                 from_form: bool = False) -> list[Action]:
        if not may_resolve(incident, command.user):
            # Privately, saying who can: never a public scolding.
            if incident.owner_id is None:
                return [self._error(command, "incident.error.not_allowed_resolve_unowned",
                                    incident_id=incident.incident_id)]
            return [self._error(command, "incident.error.not_allowed_resolve", incident_id=incident.incident_id,
                                owner=mention(incident.platform, incident.owner_id),
                                lines=[self._context.words.say(self._language, "incident.error.not_allowed_how")])]
        if not rest and not from_form:
            # The lessons learned are asked for in a form; they may be left empty there.
            fallback = self._card(command, "incident.error.lessons",
                                  lines=[self._context.words.say(self._language, "incident.lessons_prompt")])
            return [self._form(command, incident, "resolve", fallback)]
        context = self._context
        now = context.now()
        delay = context.playbook_of(incident).timing.follow_up
        with context.store.transaction():
            incident = context.store.update(incident, status="resolved", resolved_at=now,
                                            resolved_by=command.user.user_id, lessons=rest)
            context.store.add_entry(incident.incident_id, now, command.user.user_id, "resolved")
            context.store.cancel_pending(incident.incident_id, ("update", "first_response"), now)
            context.schedule(incident, "follow_up", now + delay)
        log.info("incident %s resolved", incident.incident_id)
        if incident.message_key:
            try:
                context.on_resolved(incident.message_key)
            except Exception:  # the ledger's trouble must not undo a resolution
                log.exception("incident %s: marking the ledger matter settled failed", incident.incident_id)
        card = summary_card(context, incident, duration(delay))
        actions = context.post_card(incident, card)
        if not (actions and self._in_thread(command, incident)):
            actions.append(ReplyToCommand(event_id=command.event_id, recipient_id=command.user.user_id,
                                          place=command.place, card=card))
        return actions

    def _list(self, command: CommandInvoked) -> list[Action]:
        context = self._context
        now = context.now()
        incidents = context.store.listing(command.place.platform.value, command.place.workspace_id, now - _RECENT)
        card = list_card(context, self._language, incidents, now)
        return [ReplyToCommand(event_id=command.event_id, recipient_id=command.user.user_id,
                               place=command.place, card=card)]

    # Replies

    def _card(self, command: CommandInvoked, key: str, lines: list[str] | None = None, **values: object) -> Card:
        return Card(title=self._context.words.say(self._language, key, **values), lines=tuple(lines or ()))

    def _reply(self, command: CommandInvoked, key: str, lines: list[str] | None = None,
               **values: object) -> ReplyToCommand:
        return ReplyToCommand(event_id=command.event_id, recipient_id=command.user.user_id,
                              place=command.place, card=self._card(command, key, lines, **values))

    def _form(self, command: CommandInvoked, incident: Incident, form: str, fallback: Card) -> OpenIncidentForm:
        say = self._context.words.say
        language = self._language
        return OpenIncidentForm(
            incident_id=incident.incident_id, form=form, recipient_id=command.user.user_id, place=command.place,
            title=say(language, f"incident.form.{form}.title"), label=say(language, f"incident.form.{form}.label"),
            placeholder=say(language, f"incident.form.{form}.placeholder"),
            submit=say(language, f"incident.form.{form}.submit"), required=form == "update", fallback=fallback,
        )

    def _error(self, command: CommandInvoked, key: str, lines: list[str] | None = None,
               **values: object) -> ReplyToCommand:
        log.info("incident command refused: %s", key)
        return self._reply(command, key, lines=lines, **values)
