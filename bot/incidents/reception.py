"""Reception: after a flagged message, count negative reactions and critical replies; a bad one escalates."""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta

from bot.actions import Action, Card, NoticePurpose, SendPrivateNotice
from bot.events import ChatMessage, Place, ReactionAdded
from bot.incidents.context import DeskContext
from bot.incidents.opening import Subject, open_incident
from bot.incidents.wording import channel_reference
from bot.store.incidents import Watch
from bot.verdict import Analysis
from bot.vocabulary import Category, Delivery, Platform

log = logging.getLogger(__name__)

# Slack names (without colons) and Discord unicode emoji that say "this was bad".
NEGATIVE_REACTIONS = frozenset({
    "thumbsdown", "-1", "rage", "angry", "face_vomiting", "nauseated_face", "face_with_rolling_eyes",
    "rolling_eyes", "unamused", "face_with_symbols_on_mouth", "cursing_face", "pouting_face",
    "disappointed", "confused", "no_entry_sign", "x",
    "👎", "😡", "🤮", "😠", "🙄", "🤢", "😒", "🤬", "😞", "😕", "🚫", "❌",
})
CRITICAL_REPLY_CATEGORIES = frozenset({Category.INSULT, Category.HEATED, Category.TOXICITY})
# Skin tones and variation selectors do not change what a reaction means.
_MODIFIERS = re.compile(r"(::skin-tone-\d)|[\U0001F3FB-\U0001F3FF\uFE0F]")


def is_negative_reaction(reaction: str) -> bool:
    return _MODIFIERS.sub("", reaction.strip().strip(":")).lower() in NEGATIVE_REACTIONS


def is_critical_reply(analysis: Analysis) -> bool:
    return any(finding.category in CRITICAL_REPLY_CATEGORIES for finding in analysis.findings)


def start_watch(context: DeskContext, message: ChatMessage, analysis: Analysis, masked_excerpt: str) -> None:
    window = timedelta(minutes=context.settings.reception_window_minutes)
    context.store.add_watch(Watch(
        message_key=f"{message.place.key}:{message.message_id}",
        platform=message.place.platform.value, workspace_id=message.place.workspace_id,
        channel_id=message.place.channel_id, channel_name=message.place.channel_name,
        is_public=message.place.is_public, message_id=message.message_id, author_id=message.author.user_id,
        language=analysis.language, categories=tuple(c.value for c in analysis.categories),
        excerpt=masked_excerpt, audience_size=message.audience_size, posted_at=message.sent_at,
        until_at=message.sent_at + window, escalated_at=None,
    ))


def on_reaction(context: DeskContext, event: ReactionAdded) -> list[Action]:
    if not is_negative_reaction(event.reaction):
        return []
    return _signal(context, f"{event.place.key}:{event.message_id}", event.user_id, "reaction", event.added_at)


def on_reply(context: DeskContext, message: ChatMessage, analysis: Analysis) -> list[Action]:
    parent_id = message.reply_to_message_id or message.place.thread_id
    if parent_id is None or not is_critical_reply(analysis):
        return []
    key = f"{message.place.key}:{parent_id}"
    return _signal(context, key, message.author.user_id, "reply", message.sent_at)


def _signal(context: DeskContext, key: str, user_id: str, source: str, at: datetime) -> list[Action]:
    watch = context.store.watch(key)
    if watch is None or user_id == watch.author_id or at > watch.until_at:
        return []
    count = context.store.add_signal(key, user_id, source, at)
    if count is None:
        return []  # one person counts once, however many reactions they add
    incident = context.store.by_message(key)
    if incident is not None and incident.is_open:
        # The fact log (rule 10): who reacted how, as it happens.
        context.record(incident, user_id, "reception", f"{source} ({count})")
    if count < context.settings.reception_negative_threshold or not context.store.mark_escalated(key, at):
        return []
    log.info("bad reception for %s: %d negative signals", key, count)
    return _escalate(context, watch, count)


def _escalate(context: DeskContext, watch: Watch, count: int) -> list[Action]:
    actions: list[Action] = []
    incident = context.store.by_message(watch.message_key)
    if incident is not None and incident.is_open:
        raised = max(1, incident.severity - 1)
        incident, _ = context.change_severity(incident, raised, None)
        actions += context.post(incident, [
            context.say(incident, "incident.reception_negative"),
            context.say(incident, "incident.update.reception", count=count, new=context.severity_label(incident)),
        ])
    elif incident is None and context.settings.incident_channel_for(watch.platform):
        categories = [Category(c) for c in watch.categories if c in Category._value2member_map_]
        playbook = context.playbooks.for_categories(categories) or context.playbooks.default_for("reception")
        subject = Subject(
            platform=watch.platform, workspace_id=watch.workspace_id, language=watch.language,
            message_key=watch.message_key, channel_id=watch.channel_id, channel_name=watch.channel_name,
            is_public=watch.is_public, message_id=watch.message_id, author_id=watch.author_id,
            posted_at=watch.posted_at, audience_size=watch.audience_size, categories=watch.categories,
            excerpt=watch.excerpt,
        )
        summary = context.words.say(watch.language, "incident.update.reception", count=count,
                                    new=context.words.severity(watch.language, max(1, playbook.default_severity - 1)))
        incident, opening = open_incident(context, subject, playbook, summary=summary, opened_by=None,
                                          severity=max(1, playbook.default_severity - 1))
        # One private notice to the author, the reception one below, not two.
        actions += [action for action in opening if not isinstance(action, SendPrivateNotice)]
    place = context.words.say(watch.language, "place.channel",
                              channel=channel_reference(watch.platform, watch.channel_id, watch.channel_name))
    lines = [context.words.say(watch.language, "incident.reception_notice.body", count=count)]
    if incident is not None and incident.is_open:
        lines.append(context.words.say(watch.language, "incident.author.body", title=incident.title))
    actions.append(SendPrivateNotice(
        recipient_id=watch.author_id,
        place=Place(platform=Platform(watch.platform), workspace_id=watch.workspace_id,
                    channel_id=watch.channel_id, channel_name=watch.channel_name, is_public=watch.is_public),
        delivery=Delivery.EPHEMERAL,
        card=Card(title=context.words.say(watch.language, "incident.reception_notice.title", place=place),
                  lines=tuple(lines)),
        reference_id=incident.incident_id if incident else watch.message_key,
        purpose=NoticePurpose.INCIDENT_AUTHOR,
    ))
    return actions
