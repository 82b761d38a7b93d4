"""Retention on a real SQLite file: old events, decisions, suggestions and excerpts go; ledger counts stay."""

from __future__ import annotations

import sqlite3

from bot.actions import SendPrivateNotice, SendPrivateSuggestion
from bot.store.user_settings import UserKey
from bot.vocabulary import Answer

HARSH = "you're an idiot, Bob, this review is useless"
USER = UserKey("console", "T1", "U1")


def count(path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM [{table}]").fetchone()[0]


async def test_retention_purges_old_records_but_keeps_ledger_counts(make_engine, chat, clock, tmp_path):
    engine = make_engine(retention_days=30)
    db_path = tmp_path / "damage-control.db"
    old = chat.message(HARSH)
    [nudge] = [a for a in await engine.handle(old) if isinstance(a, SendPrivateSuggestion)]
    clock.advance(minutes=3)
    await engine.handle(chat.message("I'm sorry Bob, I was wrong to say that"))
    assert engine.ledger_store.apologies_for_user(USER)[0].excerpt

    clock.advance(days=31)
    recent = chat.message(HARSH)
    await engine.handle(recent)
    counts = engine.retention.purge()
    assert counts["events_seen"] == 2 and counts["suggestions"] == 1

    assert engine.explain(old.event_id) is None
    assert engine.explain(recent.event_id) is not None
    assert engine.messages.get(f"{old.place.key}:{old.message_id}") is None
    assert count(db_path, "flagged_messages") == 1
    [entry] = engine.ledger_store.apologies_for_user(USER)
    assert entry.excerpt == ""  # the excerpt is gone; the apology still counts for its matter
    old_matter = engine.ledger_store.matter_by_key(f"{old.place.key}:{old.message_id}")
    assert old_matter is not None and old_matter.excerpt == ""
    assert len(engine.ledger_store.apologies_for_matter(old_matter.matter_key)) == 1
    # A button on a purged suggestion gets a clear notice, not an error.
    [notice] = await engine.handle(chat.answer(nudge.suggestion_id, Answer.APPLY_CORRECTION))
    assert isinstance(notice, SendPrivateNotice) and notice.card.title == engine.texts.get("en", "suggestion.expired.button")


async def test_the_scheduler_tick_runs_retention_at_most_hourly(make_engine, chat, clock):
    engine = make_engine(retention_days=1)
    message = chat.message(HARSH)
    await engine.handle(message)
    await engine.due_actions()  # first tick purges (nothing old yet)
    clock.advance(days=2)
    assert engine.explain(message.event_id) is not None
    await engine.due_actions()
    assert engine.explain(message.event_id) is None


async def test_an_old_event_id_purged_by_retention_is_not_replayed_twice_in_a_day(make_engine, chat, clock):
    engine = make_engine(retention_days=1)
    message = chat.message(HARSH)
    assert await engine.handle(message)
    clock.advance(hours=12)
    engine.retention.purge()
    assert await engine.handle(message) == []  # still within retention: still a duplicate


TOKEN = "ghp_Zq8Lr2Vt6Nw4Kd1Hs9Xb3Mc7Pf5Jg0Ya2Tq"


async def test_forget_me_deletes_incidents_only_the_user_had_and_anonymises_the_rest(make_engine, chat, clock,
                                                                                   tmp_path):
    engine = make_engine(incident_channel_id="C-incidents")
    db_path = tmp_path / "damage-control.db"
    alone = chat.message(f"deploy token {TOKEN} for staging", audience_size=120)
    await engine.handle(alone)
    shared = chat.message(f"and the other one {TOKEN[:-4]}Wq7Z here", audience_size=120,
                          place=chat.place("C2", "ops"))
    await engine.handle(shared)
    with sqlite3.connect(db_path) as conn:
        incidents = dict(conn.execute("SELECT message_key, incident_id FROM incidents").fetchall())
        shared_incident = incidents[f"{shared.place.key}:{shared.message_id}"]
        # Another person owns the second incident (as after "incident owner @U2").
        conn.execute("UPDATE incidents SET owner_id = 'U2' WHERE incident_id = ?", [shared_incident])
    assert len(incidents) == 2

    # U1 reacted to someone's watched message; U2 did too (U2's record stays).
    with sqlite3.connect(db_path) as conn:
        conn.executemany("INSERT INTO reception_signals (message_key, user_id, source, at) VALUES (?, ?, ?, ?)",
                         [("console:T1:C9:M9", "U1", "reaction", clock.now().isoformat()),
                          ("console:T1:C9:M9", "U2", "reaction", clock.now().isoformat())])

    await engine.handle(chat.command("forget-me", "confirm"))
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT incident_id, author_id, owner_id, excerpt FROM incidents").fetchall()
        watches = conn.execute("SELECT COUNT(*) FROM reception_watches WHERE author_id = 'U1'").fetchone()[0]
        signals = conn.execute("SELECT user_id FROM reception_signals").fetchall()
    assert rows == [(shared_incident, None, "U2", "")]
    assert watches == 0
    assert signals == [("U2",)], "forget-me removes the user's reception signals (IncidentStore.forget_signals)"


async def test_retention_blanks_the_words_of_long_resolved_incidents(make_engine, chat, clock, tmp_path):
    engine = make_engine(incident_channel_id="C-incidents", retention_days=30)
    db_path = tmp_path / "damage-control.db"
    await engine.handle(chat.message(f"deploy token {TOKEN} for staging", audience_size=120))
    with sqlite3.connect(db_path) as conn:
        [(incident_id,)] = conn.execute("SELECT incident_id FROM incidents").fetchall()
    for arguments in (f"owner {incident_id} me",  # only the owner (or reporter, or an admin) resolves
                      f"update {incident_id} rotated the key at the vendor",
                      f"note {incident_id} vendor support ticket 4411",
                      f"resolve {incident_id} keep tokens in the vault"):
        await engine.handle(chat.command("incident", arguments))
    words = ("rotated the key", "ticket 4411", "in the vault")

    def stored_text() -> str:
        with sqlite3.connect(db_path) as conn:
            incident = conn.execute("SELECT excerpt, lessons, summary, severity, resolved_at FROM incidents"
                                    ).fetchone()
            timeline = conn.execute("SELECT kind, detail FROM incident_timeline").fetchall()
        return repr((incident, timeline))

    clock.advance(days=29)
    engine.retention.purge()
    assert all(word in stored_text() for word in words), "resolved less than RETENTION_DAYS ago: kept"

    clock.advance(days=2)
    assert engine.retention.purge()["incident_texts"] == 1
    with sqlite3.connect(db_path) as conn:
        excerpt, lessons, summary, severity, resolved_at = conn.execute(
            "SELECT excerpt, lessons, summary, severity, resolved_at FROM incidents").fetchone()
        kinds = [kind for (kind,) in conn.execute("SELECT kind FROM incident_timeline ORDER BY entry_id")]
        steps = conn.execute("SELECT COUNT(*) FROM incident_steps").fetchone()[0]
    assert (excerpt, lessons, summary) == ("", "", "")
    assert not any(word in stored_text() for word in words)
    assert severity and resolved_at and steps > 0, "ids, times, severity and steps stay"
    assert {"update", "note", "resolved"} <= set(kinds), "the timeline keeps its entries"
    assert engine.retention.purge()["incident_texts"] == 0
