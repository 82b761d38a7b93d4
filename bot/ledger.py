"""The apology ledger: link each sincere apology to its matter, count per matter, and say "enough" at the third."""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.actions import Action, Card, NoticePurpose, SendPrivateNotice
from bot.events import ChatMessage, Place
from bot.policy import Preferences
from bot.store.decisions import Reason
from bot.store.ledger import Apology, Matter
from bot.store.messages import FlaggedMessage, message_key
from bot.store.user_settings import UserKey
from bot.suggestions.topic_change import build_topic_change
from bot.verdict import Analysis
from bot.vocabulary import Delivery, Platform

if TYPE_CHECKING:
    from bot.engine import Engine

log = logging.getLogger(__name__)

APOLOGIES_BEFORE_MOVING_ON = 2  # rule 5: apologise once or twice, then stop
SIMILARITY_THRESHOLD = 0.5
MIN_SHARED_WORDS = 3
_WORD = re.compile(r"\w+", re.UNICODE)


def similarity(first: str, second: str) -> float:
    """Jaccard similarity of the word sets: cheap, language-neutral, good enough for "the same apology again"."""
    words_first = {word.lower() for word in _WORD.findall(first)}
    words_second = {word.lower() for word in _WORD.findall(second)}
    if not words_first or not words_second:
        return 0.0
    return len(words_first & words_second) / len(words_first | words_second)


def same_apology(first: str, second: str) -> bool:
    """Similar enough to be about the same matter. Short stock phrases ("sorry, my mistake") are alike for
    every matter, so the texts must also share a few longer words (names, the thing apologised for)."""
    if similarity(first, second) < SIMILARITY_THRESHOLD:
        return False
    shared = {w.lower() for w in _WORD.findall(first) if len(w) >= 4} & {
        w.lower() for w in _WORD.findall(second) if len(w) >= 4
    }
    return len(shared) >= MIN_SHARED_WORDS


def place_phrase(engine: Engine, language: str, apology: Apology) -> str:
    """ "in #general", "in a thread in #general", "in a direct message"."""
    if apology.is_direct:
        return engine.say(language, "place.direct")
    channel = apology.channel_name or apology.channel_id or "?"
    if not channel.startswith("#") and apology.channel_name:
        channel = f"#{channel}"
    key = "place.thread" if apology.thread_id else "place.channel"
    return engine.say(language, key, channel=channel)


def place_phrase_of_matter(engine: Engine, language: str, matter: Matter) -> str:
    channel = matter.channel_name or matter.channel_id or "?"
    if matter.channel_name and not channel.startswith("#"):
        channel = f"#{channel}"
    return engine.say(language, "place.channel", channel=channel)


def time_phrase(engine: Engine, language: str, then: datetime, now: datetime) -> str:
    """ "just now", "5 minutes ago", "yesterday", "3 days ago"."""
    seconds = max(0.0, (now - then).total_seconds())
    if seconds < 60:
        return engine.say(language, "time.just_now")
    for unit, size in (("days_ago", 86400), ("hours_ago", 3600), ("minutes_ago", 60)):
        count = int(seconds // size)
        if count >= 1:
            if count == 1:
                return engine.say(language, f"time.{unit}.one")
            return engine.say(language, f"time.{unit}.other", count=count)
    return engine.say(language, "time.just_now")


class ApologyLedger:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.store = engine.ledger_store

    # ----- linking ------------------------------------------------------------------------------

    def find_matter(self, user: UserKey, message: ChatMessage, excerpt: str) -> tuple[str, str, FlaggedMessage | None]:
        """(matter key, how it was linked, the flagged message if any), in the order of the issue:
        an explicit reply or thread, the most recent flagged message nearby, a similar earlier apology,
        else a matter of its own."""
        place = message.place
        engine = self.engine
        for replied_id in (message.reply_to_message_id, place.thread_id):
            if replied_id:
                flagged = engine.messages.get(message_key(place, replied_id))
                if flagged is not None and flagged.user == user:
                    return flagged.message_key, "reply", flagged
        window = timedelta(minutes=engine.settings.apology_window_minutes)
        own_key = message_key(place, message.message_id)
        for flagged in engine.messages.recent_for_user(user, message.sent_at - window, message.sent_at):
            # An apology that quotes the insult is flagged too; it is not the matter it apologises for.
            if flagged.channel_id != place.channel_id or flagged.message_key == own_key:
                continue
            same_thread = (
                place.thread_id is None
                or flagged.thread_id == place.thread_id
                or flagged.message_id == place.thread_id
            )
            if same_thread:
                return flagged.message_key, "nearby", flagged
        best: tuple[float, str] | None = None
        for earlier in self.store.apologies_for_user(user):
            if not same_apology(excerpt, earlier.excerpt):
                continue
            score = similarity(excerpt, earlier.excerpt)
            if best is None or score > best[0]:
                best = (score, earlier.matter_key)
        if best is not None:
            return best[1], "similar", None
        return message_key(place, message.message_id), "new", None

    def ensure_matter(
        self, user: UserKey, matter_key: str, place: Place, flagged: FlaggedMessage | None, excerpt: str, at: datetime
    ) -> Matter:
        existing = self.store.matter_by_key(matter_key)
        if existing is not None:
            return existing
        return self.store.ensure_matter(
            Matter(
                matter_id=self.engine.ids.new_id("matter"),
                matter_key=matter_key,
                user=user,
                channel_id=flagged.channel_id if flagged else place.channel_id,
                channel_name=flagged.channel_name if flagged else place.channel_name,
                categories=flagged.categories if flagged else (),
                excerpt=flagged.excerpt if flagged else excerpt,
                created_at=flagged.sent_at if flagged else at,
                settled_at=None,
            )
        )

    # ----- recording ----------------------------------------------------------------------------

    def on_apology(
        self,
        message: ChatMessage,
        key: str,
        analysis: Analysis,
        excerpt: str,
        preferences: Preferences,
        reasons: list[Reason],
    ) -> list[Action]:
        place = message.place
        user = UserKey(place.platform.value, place.workspace_id, message.author.user_id)
        matter_key, how, flagged = self.find_matter(user, message, excerpt)
        to_whom = message.mentioned_ids or (flagged.mentioned_ids if flagged else ())
        return self.record(
            user=user,
            matter_key=matter_key,
            how=how,
            flagged=flagged,
            event_id=message.event_id,
            message_key_=key,
            place=place,
            to_whom=to_whom,
            excerpt=excerpt,
            at=message.sent_at,
            language=self.engine.texts.resolve_language(preferences.language or analysis.language),
            preferences=preferences,
            reasons=reasons,
        )

    def record(
        self,
        *,
        user: UserKey,
        matter_key: str,
        how: str,
        flagged: FlaggedMessage | None,
        event_id: str,
        message_key_: str | None,
        place: Place,
        to_whom: tuple[str, ...],
        excerpt: str,
        at: datetime,
        language: str,
        preferences: Preferences,
        reasons: list[Reason],
    ) -> list[Action]:
        engine = self.engine
        matter = self.ensure_matter(user, matter_key, place, flagged, excerpt, at)
        added = self.store.add_apology(
            Apology(
                apology_id=engine.ids.new_id("apology"),
                event_id=event_id,
                message_key=message_key_,
                matter_key=matter.matter_key,
                user=user,
                channel_id=place.channel_id,
                channel_name=place.channel_name,
                thread_id=place.thread_id,
                is_direct=place.is_direct,
                to_whom=tuple(to_whom),
                excerpt=excerpt,
                how_linked=how,
                apologised_at=at,
            )
        )
        if added is None:
            reasons.append(Reason.of("apology_duplicate"))
            return []
        apology, entries = added
        count = len(entries)
        reasons.append(Reason.of(
            "apology_recorded", apology_id=apology.apology_id, matter_id=matter.matter_id, how=how, count=count
        ))
        log.info("apology %s recorded for matter %s (#%d, %s)", apology.apology_id, matter.matter_id, count, how)
        if matter.settled_at is not None:
            reasons.append(Reason.of("matter_settled", matter_id=matter.matter_id))
            return []
        if count <= APOLOGIES_BEFORE_MOVING_ON:
            return [
                SendPrivateNotice(
                    recipient_id=user.user_id,
                    place=None if preferences.delivery == Delivery.DIRECT_MESSAGE else place,
                    delivery=preferences.delivery,
                    platform=Platform(user.platform),
                    workspace_id=user.workspace_id,
                    card=Card(
                        title=engine.say(language, "ack.apology_noted", count=count, limit=APOLOGIES_BEFORE_MOVING_ON)
                    ),
                    reference_id=matter.matter_id,  # the matter it counts towards, like the warning
                    purpose=NoticePurpose.APOLOGY_RECORDED,
                    apology_count=count,
                )
            ]
        reasons.append(Reason.of("moving_on", matter_id=matter.matter_id, count=count))
        return [self.repeat_warning(user, matter, entries, place, language, preferences, event_id)]

    def repeat_warning(
        self,
        user: UserKey,
        matter: Matter,
        entries: list[Apology],
        place: Place,
        language: str,
        preferences: Preferences,
        event_id: str,
    ) -> SendPrivateNotice:
        """Rule 5: name where and when the first two apologies were made, advise moving on, offer a topic change
        (drawn from the channel's recent non-sensitive messages, else a template)."""
        engine = self.engine
        now = engine.clock.now()
        first, second = entries[0], entries[1]
        topic = build_topic_change(
            engine.texts, language, event_id, engine.recent_topics(place.key), avoid=[matter.excerpt]
        )
        card = Card(
            title=engine.say(
                language,
                "ledger.third_apology",
                first_place=place_phrase(engine, language, first),
                first_when=time_phrase(engine, language, first.apologised_at, now),
                second_place=place_phrase(engine, language, second),
                second_when=time_phrase(engine, language, second.apologised_at, now),
                topic=topic,
            ),
            footer=engine.say(language, "card.private_note"),
        )
        return SendPrivateNotice(
            recipient_id=user.user_id,
            place=None if preferences.delivery == Delivery.DIRECT_MESSAGE else place,
            delivery=preferences.delivery,
            platform=Platform(user.platform),
            workspace_id=user.workspace_id,
            card=card,
            reference_id=matter.matter_id,
            purpose=NoticePurpose.REPEAT_APOLOGY_WARNING,
            apology_count=len(entries),
        )

    def count_for(self, matter_key: str) -> int:
        return len(self.store.apologies_for_matter(matter_key))

    def settle(self, matter_key: str, by: str) -> bool:
        """Settle a matter (a user's command, or its incident resolved): no more nudges about it. A flagged
        message nobody apologised for yet becomes a settled matter, so later apologies stay quiet."""
        engine = self.engine
        now = engine.clock.now()
        if self.store.matter_by_key(matter_key) is None:
            flagged = engine.messages.get(matter_key)
            if flagged is None:
                log.info("nothing to settle for %s (not flagged for a watched user)", matter_key)
                return False
            place = Place(
                platform=flagged.user.platform, workspace_id=flagged.user.workspace_id,
                channel_id=flagged.channel_id, channel_name=flagged.channel_name, thread_id=flagged.thread_id,
            )
            self.ensure_matter(flagged.user, matter_key, place, flagged, flagged.excerpt, now)
        return self.store.settle(matter_key, now, settled_by=by)
