"""The `damage-control` commands every platform shares: check, apologies/ledger, settings, snooze, forget-me, help, why."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.actions import (
    Action,
    Card,
    NoticePurpose,
    OpenSettingsForm,
    PublishHome,
    ReplyToCommand,
    SendPrivateNotice,
)
from bot.events import CommandInvoked, SettingsSubmitted
from bot.explanations import explain_decision
from bot.ledger import place_phrase, place_phrase_of_matter, time_phrase
from bot.settings_form import SettingsError, parse_settings_arguments, validate_settings
from bot.store.decisions import Decision, Reason
from bot.store.ledger import Apology, Matter
from bot.store.messages import message_key
from bot.store.suggestions import SENT
from bot.store.user_settings import UserKey
from bot.verdict import MessageContext
from bot.vocabulary import Delivery, Platform

if TYPE_CHECKING:
    from bot.engine import Engine

log = logging.getLogger(__name__)

COMMANDS = ("check", "apologies", "ledger", "settings", "snooze", "forget-me", "incident", "why", "help")
MAX_SNOOZE_HOURS = 24 * 30


class Commands:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def handle(self, command: CommandInvoked) -> list[Action]:
        name = command.command.strip().lower().lstrip("/")
        user = UserKey(command.place.platform.value, command.place.workspace_id, command.user.user_id)
        language = self.engine.preferences(user).language or "en"
        arguments = command.arguments.strip()
        match name:
            case "check":
                return self._check(command, user, language)
            case "apologies" | "ledger":
                return self._ledger(command, user, language, arguments if name == "ledger" else "")
            case "settings":
                return self._settings(command, user, language, arguments)
            case "snooze":
                return self._snooze(command, user, language, arguments)
            case "forget-me" | "forget_me" | "forgetme":
                return self._forget(command, user, language, arguments)
            case "why":
                return self._why(command, user, language, arguments)
            case "incident":
                return self._incident(command, language, name)
            case "home":
                return [self.home(user, language)]
            case "help" | "":
                return [self._reply(command, language, "help.title", lines=self._help_lines(language))]
        return [self._reply(command, language, "command.unknown", lines=self._help_lines(language), command=name)]

    def _incident(self, command: CommandInvoked, language: str, name: str) -> list[Action]:
        engine = self.engine
        if engine.desk is None:
            return [self._reply(command, language, "command.unknown", command=name)]
        if command.target is None:
            return engine.desk.handle_command(command, language=language)
        # "Open incident about this message": the desk gets the analysis and a masked excerpt, never raw text.
        target = command.target
        analysis = engine.detector.analyse(target.text, MessageContext(
            channel=target.place.channel_name, is_public=target.place.is_public
        ))
        masked = engine.masked_excerpt(target.text, analysis)
        return engine.desk.handle_command(command, analysis=analysis, masked_excerpt=masked, language=language)

    def home(self, user: UserKey, language: str) -> PublishHome:
        """The user's home: recent suggestions and their answers, the ledger with counts per matter, settings."""
        engine = self.engine
        recent = [
            f"{stored.created_at.strftime('%Y-%m-%d %H:%M UTC')}: "
            + (", ".join(engine.say(language, f"category.{name}") for name in stored.categories) or "-")
            + (f" → {engine.say(language, f'button.{stored.answer}')}" if stored.answer else "")
            for stored in engine.suggestions.recent_for_user(user)
        ]
        counts = [
            f"{place_phrase_of_matter(engine, language, matter)}: {count}"
            + (f" ({engine.say(language, 'ledger.settled')})" if matter.settled_at else "")
            + (f" · {matter.excerpt}" if matter.excerpt else "")
            for matter, count in self.ledger_counts(user)
        ]
        sections = (
            Card(title=engine.say(language, "check.suggestions"), lines=tuple(recent) or ("-",)),
            Card(title=engine.say(language, "ledger.title"), lines=tuple(counts) or (engine.say(language, "ledger.empty"),)),
            Card(title=engine.say(language, "settings.title"), lines=self.settings_lines(user, language)),
        )
        return PublishHome(user_id=user.user_id, platform=Platform(user.platform), workspace_id=user.workspace_id,
                           sections=sections)

    # ----- check --------------------------------------------------------------------------------

    def _check(self, command: CommandInvoked, user: UserKey, language: str) -> list[Action]:
        engine = self.engine
        target = command.target
        text = target.text if target else command.arguments
        if not text.strip():
            return [self._reply(command, language, "help.check")]
        context = MessageContext(channel=command.place.channel_name, is_public=command.place.is_public)
        verdict = engine.check(text, context)
        reply_language = engine.texts.resolve_language(engine.preferences(user).language or verdict.language)
        if not verdict.regrettable:
            return [self._reply(command, reply_language, "check.clean")]
        lines = tuple(engine.composer.explain(finding, reply_language) for finding in verdict.findings)
        card = Card(
            title=engine.say(
                reply_language, "check.title", severity=engine.say(reply_language, f"severity.{verdict.severity.value}")
            ),
            lines=lines,
        )
        own_message = target is not None and target.author_id == command.user.user_id
        if not own_message:
            return [ReplyToCommand(
                event_id=command.event_id, recipient_id=user.user_id, place=command.place, card=card,
                suggestions=verdict.suggestions,
            )]
        # The user's own message: the full set of suggestions, answerable like a nudge (state in the database).
        assert target is not None
        suggestion_id = engine.ids.new_id("sug")
        reply = ReplyToCommand(
            event_id=command.event_id,
            recipient_id=user.user_id,
            place=target.place,
            card=card,
            suggestions=verdict.suggestions,
            buttons=engine.buttons_for(reply_language, verdict.suggestions),
            suggestion_id=suggestion_id,
        )
        engine.suggestions.insert(
            suggestion_id=suggestion_id,
            event_id=command.event_id,
            origin="command",
            user=user,
            message_key=message_key(target.place, target.message_id),
            matter_key=None,
            categories=[category.value for category in verdict.categories],
            language=reply_language,
            action={**reply.model_dump(mode="json"), "message_id": target.message_id},
            state=SENT,
            created_at=engine.clock.now(),
            deliver_after=None,
        )
        return [reply]

    # ----- ledger -------------------------------------------------------------------------------

    def numbered_entries(self, user: UserKey) -> list[Apology]:
        """The user's apologies, oldest first: an entry's number is its place here, stable as new ones come."""
        return list(reversed(self.engine.ledger_store.apologies_for_user(user, limit=10_000)))

    def _entry(self, user: UserKey, reference: str) -> Apology | None:
        entries = self.numbered_entries(user)
        if reference.isdigit():
            index = int(reference) - 1
            return entries[index] if 0 <= index < len(entries) else None
        return next((entry for entry in entries if entry.apology_id == reference), None)

    def _ledger(self, command: CommandInvoked, user: UserKey, language: str, arguments: str) -> list[Action]:
        engine = self.engine
        words = arguments.split()
        verb = words[0].lower() if words else "list"
        store = engine.ledger_store
        match verb, words[1:]:
            case "list", _:
                return [self._reply(command, language, "ledger.title", lines=self.ledger_lines(user, language))]
            case "delete", [reference]:
                entry = self._entry(user, reference)
                if entry is None or not store.delete_apology(user, entry.apology_id):
                    return [self._reply(command, language, "ledger.not_found")]
                return [self._reply(command, language, "ledger.deleted", number=reference)]
            case "settle", [reference]:
                matter = self._matter(user, reference)
                if matter is None:
                    return [self._reply(command, language, "ledger.not_found")]
                store.settle(matter.matter_key, engine.clock.now(), settled_by=user.user_id)
                return [self._reply(command, language, "ledger.settled")]
            case "link", [reference, matter_reference]:
                # Correct a link: entry N belongs to the matter of entry M (or a matter id).
                entry = self._entry(user, reference)
                matter = self._matter(user, matter_reference)
                if entry is None or matter is None or not store.relink_apology(user, entry.apology_id, matter.matter_key):
                    return [self._reply(command, language, "ledger.not_found")]
                return [self._reply(command, language, "ledger.title", lines=self.ledger_lines(user, language))]
            case "add", [matter_reference]:
                # An apology made elsewhere (in person, by mail), recorded against the matter the command names.
                matter = self._matter(user, matter_reference)
                if matter is None:
                    return [self._reply(command, language, "ledger.not_found")]
                reasons: list[Reason] = []
                actions = engine.ledger.record(
                    user=user, matter_key=matter.matter_key, how="command", flagged=None, event_id=command.event_id,
                    message_key_=None, place=command.place, to_whom=command.mentioned_ids, excerpt="",
                    at=command.invoked_at, language=language, preferences=engine.preferences(user), reasons=reasons,
                )
                engine.record_decision(command.event_id, command.kind, user, outcome="ledger_add", reasons=reasons)
                return actions
        return [self._reply(command, language, "ledger.usage")]

    def _matter(self, user: UserKey, reference: str) -> Matter | None:
        """A matter named by an entry number or by its id."""
        store = self.engine.ledger_store
        if reference.isdigit():
            entry = self._entry(user, reference)
            return store.matter_by_key(entry.matter_key) if entry else None
        matter = store.matter_by_id(reference)
        return matter if matter is not None and matter.user == user else None

    def ledger_lines(self, user: UserKey, language: str) -> tuple[str, ...]:
        engine = self.engine
        now = engine.clock.now()
        lines = [
            engine.say(
                language,
                "ledger.entry",
                number=number,
                when=time_phrase(engine, language, entry.apologised_at, now),
                place=place_phrase(engine, language, entry),
                excerpt=entry.excerpt or "…",
            )
            for number, entry in enumerate(self.numbered_entries(user), start=1)
        ]
        return tuple(lines) or (engine.say(language, "ledger.empty"),)

    def ledger_counts(self, user: UserKey) -> list[tuple[Matter, int]]:
        """Per matter: how many apologies (for the App Home and `apologies`)."""
        store = self.engine.ledger_store
        return [(matter, len(store.apologies_for_matter(matter.matter_key))) for matter in store.matters_for_user(user)]

    # ----- settings, snooze ---------------------------------------------------------------------

    def _settings(self, command: CommandInvoked, user: UserKey, language: str, arguments: str) -> list[Action]:
        engine = self.engine
        if arguments:
            # Console and tests: "settings sensitivity=high delivery=direct_message"
            try:
                values = parse_settings_arguments(arguments)
                changes = validate_settings(values, engine.clock.now())
            except SettingsError as error:
                return [self._reply(command, language, "settings.not_saved", problem=str(error))]
            engine.user_settings.update(user, engine.clock.now(), **changes)
            language = engine.preferences(user).language or language
            return [self._reply(command, language, "settings.saved", lines=self.settings_lines(user, language))]
        return [OpenSettingsForm(
            recipient_id=user.user_id,
            place=command.place,
            values=engine.preferences(user).as_form_values(),
        )]

    def apply_settings(self, event: SettingsSubmitted) -> list[Action]:
        engine = self.engine
        user = UserKey(event.platform.value, event.workspace_id, event.user_id)
        language = engine.preferences(user).language or "en"
        try:
            changes = validate_settings(event.values, event.submitted_at)
        except SettingsError as error:
            card = Card(title=engine.say(language, "settings.not_saved", problem=str(error)))
            return [SendPrivateNotice(recipient_id=user.user_id, delivery=Delivery.DIRECT_MESSAGE, card=card,
                                      purpose=NoticePurpose.ERROR, platform=event.platform,
                                      workspace_id=event.workspace_id)]
        engine.user_settings.update(user, event.submitted_at, **changes)
        engine.record_decision(
            event.event_id, event.kind, user, outcome="settings_saved",
            reasons=[Reason.of("settings_changed", settings=sorted(changes))],
        )
        language = engine.preferences(user).language or language
        card = Card(title=engine.say(language, "settings.saved"), lines=self.settings_lines(user, language))
        return [SendPrivateNotice(recipient_id=user.user_id, delivery=Delivery.DIRECT_MESSAGE, card=card,
                                  platform=event.platform, workspace_id=event.workspace_id)]

    def settings_lines(self, user: UserKey, language: str) -> tuple[str, ...]:
        """The user's effective settings, labelled in their language (also for the App Home)."""
        engine = self.engine
        preferences = engine.preferences(user)
        now = engine.clock.now()

        def label(key: str) -> str:
            return engine.say(language, f"settings.label.{key}")

        def value(key: str, **values: object) -> str:
            return engine.say(language, f"settings.value.{key}", **values)

        categories = [engine.say(language, f"category.{name}") for name in sorted(preferences.disabled_categories)]
        snoozed = preferences.snoozed_until is not None and preferences.snoozed_until > now
        lines = [
            f"{label('watching')}: {value('on' if preferences.watch else 'off')}",
            f"{label('sensitivity')}: {value(preferences.sensitivity)}",
            *(
                f"{label('sensitivity')} ({engine.say(language, f'category.{name}')}): {value(level)}"
                for name, level in sorted(preferences.category_sensitivity.items())
            ),
            f"{label('categories_off')}: {', '.join(categories) or '-'}",
            f"{label('language')}: "
            + (engine.say(language, f"language.{preferences.language}") if preferences.language else value("language_auto")),
            f"{label('delivery')}: {value(preferences.delivery.value)}",
            f"{label('snooze')}: "
            + (
                value("snoozed_until", until=preferences.snoozed_until.strftime("%Y-%m-%d %H:%M UTC"))  # type: ignore[union-attr]
                if snoozed
                else value("not_snoozed")
            ),
        ]
        return tuple(lines)

    def _snooze(self, command: CommandInvoked, user: UserKey, language: str, arguments: str) -> list[Action]:
        engine = self.engine
        now = engine.clock.now()
        word = arguments.split()[0].lower() if arguments.split() else ""
        if word in {"off", "0"}:
            engine.user_settings.update(user, now, snoozed_until=None)
            return [self._reply(command, language, "snooze.ended")]
        try:
            hours = float(word)
        except ValueError:
            return [self._reply(command, language, "snooze.usage")]
        if not 0 < hours <= MAX_SNOOZE_HOURS:
            return [self._reply(command, language, "snooze.usage")]
        until = now + timedelta(hours=hours)
        engine.user_settings.update(user, now, snoozed_until=until)
        return [self._reply(
            command, language, "snooze.confirmed", hours=f"{hours:g}", until=until.strftime("%Y-%m-%d %H:%M UTC")
        )]

    # ----- forget-me, why -----------------------------------------------------------------------

    def _forget(self, command: CommandInvoked, user: UserKey, language: str, arguments: str) -> list[Action]:
        """Two steps, because it cannot be undone: `forget-me` explains, `forget-me confirm` deletes."""
        if arguments.strip().lower() not in {"confirm", "yes"}:
            return [self._reply(command, language, "forget_me.confirm")]
        removed = self.engine.retention.forget(user)
        log.info("forgot user %s:%s:%s (%d rows)", *user, removed)
        # The confirmation is in the language the user had chosen; the choice itself is gone now.
        return [self._reply(command, language, "forget_me.done")]

    def _why(self, command: CommandInvoked, user: UserKey, language: str, arguments: str) -> list[Action]:
        engine = self.engine
        event_id = arguments.split()[0] if arguments.split() else ""
        if not event_id:
            # No id: the user's recent events, so they can pick one.
            return [self._reply(command, language, "help.why", lines=tuple(engine.decisions.recent_for_user(user)))]
        decision = engine.decisions.get(event_id)
        # Only the author may read why: a decision says which categories fired on their message.
        if decision is None or decision.user != user:
            return [self._reply(command, language, "why.not_found", event_id=event_id)]
        lines = tuple(self.render_explanation(decision, language).splitlines())
        return [self._reply(command, language, "why.decision", lines=lines)]

    def render_explanation(self, decision: Decision, language: str = "en") -> str:
        """Plain lines in the reader's language: what fired and what the policy decided, and why."""
        return explain_decision(self.engine.texts, decision, language)

    # ----- helpers ------------------------------------------------------------------------------

    def _help_lines(self, language: str) -> tuple[str, ...]:
        return tuple(self.engine.say(language, f"help.{name.replace('-', '_')}") for name in COMMANDS)

    def _reply(
        self, invoked: CommandInvoked, language: str, key: str, *, lines: tuple[str, ...] = (), **values: object
    ) -> ReplyToCommand:
        return ReplyToCommand(
            event_id=invoked.event_id,
            recipient_id=invoked.user.user_id,
            place=invoked.place,
            card=Card(title=self.engine.say(language, key, **values), lines=lines),
        )

    def failed(self, invoked: CommandInvoked) -> ReplyToCommand:
        """Our bug, not the user's: say so, and that nothing was lost."""
        return self._reply(invoked, "en", "command.failed")
