"""The engine's stores on a real SQLite file: migrations, uniqueness rules, atomic claims and purges."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.events import Place
from bot.store.database import open_database
from bot.store.decisions import Decision, DecisionStore
from bot.store.ledger import Apology, LedgerStore, Matter
from bot.store.messages import FlaggedMessage, MessageStore, message_key
from bot.store.suggestions import CANCELLED, PENDING, SENT, SuggestionStore
from bot.store.timestamps import from_stamp, to_stamp
from bot.store.user_settings import UserKey, UserSettingsStore
from bot.vocabulary import Platform

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
USER = UserKey("slack", "T1", "U1")
PLACE = Place(platform=Platform.SLACK, workspace_id="T1", channel_id="C1", channel_name="general")


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "stores.db")
    yield database
    database.close()


def test_migrations_apply_once_and_reopening_keeps_the_data(tmp_path):
    path = tmp_path / "stores.db"
    first = open_database(path)
    UserSettingsStore(first).update(USER, NOW, sensitivity="high")
    first.close()
    second = open_database(path)
    assert UserSettingsStore(second).get(USER).sensitivity == "high"
    names = [row[0] for row in second.execute("SELECT name FROM _sqlite_migrations").fetchall()]
    assert len(names) == len(set(names))
    second.close()


def test_timestamps_order_as_text_like_time():
    moments = [NOW, NOW + timedelta(microseconds=1), NOW + timedelta(seconds=1), NOW + timedelta(days=400)]
    stamps = [to_stamp(moment) for moment in moments]
    assert stamps == sorted(stamps)
    assert [from_stamp(stamp) for stamp in stamps] == moments
    with pytest.raises(ValueError):
        to_stamp(datetime(2026, 1, 1))


def suggestion(store: SuggestionStore, suggestion_id: str, key: str | None, origin: str = "nudge",
               state: str = SENT, at: datetime = NOW) -> bool:
    return store.insert(
        suggestion_id=suggestion_id, event_id=f"ev-{suggestion_id}", origin=origin, user=USER, message_key=key,
        matter_key=None, categories=["insult"], language="en",
        action={"kind": "send_private_suggestion", "place": PLACE.model_dump(mode="json")},
        state=state, created_at=at, deliver_after=at + timedelta(seconds=5) if state == PENDING else None,
    )


def test_one_nudge_per_message_but_any_number_of_command_replies(db):
    store = SuggestionStore(db)
    key = message_key(PLACE, "M1")
    assert suggestion(store, "s1", key)
    assert not suggestion(store, "s2", key)
    assert suggestion(store, "s3", key, origin="command")
    assert suggestion(store, "s4", key, origin="command")
    assert store.nudge_for_message(key).suggestion_id == "s1"


def test_claims_cancellations_and_the_hourly_count(db):
    store = SuggestionStore(db)
    key = message_key(PLACE, "M1")
    suggestion(store, "pending", key, state=PENDING)
    suggestion(store, "other", message_key(PLACE, "M2"), state=PENDING)
    assert store.nudges_since(USER, NOW - timedelta(hours=1)) == 2
    assert store.cancel_pending_for_message(key) == ["pending"]
    assert store.get("pending").state == CANCELLED
    assert store.claim("pending") is False
    assert store.nudges_since(USER, NOW - timedelta(hours=1)) == 1
    assert store.claim("other") is True and store.claim("other") is True
    assert store.cancel_pending_for_message(message_key(PLACE, "M2")) == []  # already sent
    assert store.claim("unknown") is False


def test_a_posted_apology_marker_is_taken_once(db):
    store = SuggestionStore(db)
    suggestion(store, "s1", message_key(PLACE, "M1"))
    store.set_pending_post("s1", "apology")
    assert store.take_pending_post("s1") is not None
    assert store.take_pending_post("s1") is None


def test_fates_remember_edits_and_deletions_and_deletion_wins(db):
    store = MessageStore(db)
    key = message_key(PLACE, "M1")
    assert store.fate(key) is None
    store.record_fate(key, "edited", "U1", NOW)
    assert store.fate(key) == "edited"
    store.record_fate(key, "deleted", None, NOW)
    store.record_fate(key, "edited", "U1", NOW)
    assert store.fate(key) == "deleted"


def flagged(number: int, at: datetime, channel: str = "C1") -> FlaggedMessage:
    place = PLACE.model_copy(update={"channel_id": channel})
    return FlaggedMessage(
        message_key=message_key(place, f"M{number}"), user=USER, channel_id=channel, channel_name=None,
        thread_id=None, message_id=f"M{number}", event_id=f"E{number}", categories=("insult",), severity="medium",
        language="en", excerpt="masked", mentioned_ids=("U2",), sent_at=at,
    )


def test_recent_flagged_messages_come_newest_first_within_the_window(db):
    store = MessageStore(db)
    for number, minutes in ((1, 0), (2, 10), (3, 20)):
        store.record_flagged(flagged(number, NOW + timedelta(minutes=minutes)))
    found = store.recent_for_user(USER, NOW + timedelta(minutes=5), NOW + timedelta(minutes=30))
    assert [message.message_id for message in found] == ["M3", "M2"]
    assert store.recent_for_user(UserKey("slack", "T2", "U1"), NOW, NOW + timedelta(hours=1)) == []
    assert store.purge_before(NOW + timedelta(minutes=15)) == 2


def apology(number: int, matter_key: str, event_id: str | None = None, key: str | None = None) -> Apology:
    return Apology(
        apology_id=f"A{number}", event_id=event_id or f"E{number}", message_key=key, matter_key=matter_key,
        user=USER, channel_id="C1", channel_name="general", thread_id=None, is_direct=False, to_whom=(),
        excerpt="sorry", how_linked="nearby", apologised_at=NOW + timedelta(minutes=number),
    )


def test_the_ledger_counts_per_matter_and_refuses_repeats(db):
    store = LedgerStore(db)
    matter = store.ensure_matter(Matter(matter_id="X1", matter_key="k1", user=USER, channel_id="C1",
                                        channel_name="general", categories=("insult",), excerpt="masked",
                                        created_at=NOW, settled_at=None))
    same = store.ensure_matter(matter.__class__(**{**matter.__dict__, "matter_id": "X2"}))
    assert same.matter_id == "X1"  # one matter per key, whoever creates it first
    _, entries = store.add_apology(apology(1, "k1", key="msg-1"))
    assert len(entries) == 1
    _, entries = store.add_apology(apology(2, "k1"))
    assert len(entries) == 2
    assert store.add_apology(apology(3, "k1", event_id="E1")) is None  # same event
    assert store.add_apology(apology(4, "k1", key="msg-1")) is None  # same message
    _, other = store.add_apology(apology(5, "k2"))
    assert len(other) == 1  # different matters never add up
    assert store.settle("k1", NOW, "U1") and not store.settle("k1", NOW, "U1")
    assert store.delete_apology(UserKey("slack", "T1", "U9"), "A1") is False  # not theirs
    assert store.delete_apology(USER, "A1") is True
    assert len(store.apologies_for_matter("k1")) == 1
    assert store.blank_excerpts_before(NOW + timedelta(hours=1)) == 3


def test_feedback_reaches_the_threshold_once(db):
    store = UserSettingsStore(db)
    reached = [store.record_feedback(USER, ["insult", "heated"], f"s{n}", "not_a_problem", NOW, threshold=2)
               for n in range(4)]
    assert reached == [[], ["insult", "heated"], [], ["insult", "heated"]]
    # The same suggestion answered twice counts once.
    assert store.record_feedback(USER, ["pii"], "s9", "not_a_problem", NOW, threshold=2) == []
    assert store.record_feedback(USER, ["pii"], "s9", "not_a_problem", NOW, threshold=2) == []


def test_user_settings_round_trip_and_forget(db):
    store = UserSettingsStore(db)
    store.update(USER, NOW, watch=False, category_sensitivity={"heated": "low"}, disabled_categories=("pii",),
                 snoozed_until=NOW + timedelta(hours=2), delivery="direct_message", language="nl")
    stored = store.get(USER)
    assert stored.watch is False and dict(stored.category_sensitivity) == {"heated": "low"}
    assert stored.disabled_categories == ("pii",) and stored.snoozed_until == NOW + timedelta(hours=2)
    assert store.forget(USER) == 1 and store.get(USER).watch is None


def test_decisions_round_trip_and_purge(db):
    store = DecisionStore(db)
    store.record(Decision(event_id="E1", event_kind="chat_message", user=USER, message_key="k", language="en",
                          findings=({"category": "insult", "severity": "medium", "rule": "r"},), apology="none",
                          outcome="nudge", reasons=("a reason",), decided_at=NOW))
    found = store.get("E1")
    assert found.outcome == "nudge" and found.findings[0]["category"] == "insult"
    assert store.recent_for_user(USER) == ["E1"]
    assert store.purge_before(NOW + timedelta(seconds=1)) == 1 and store.get("E1") is None
