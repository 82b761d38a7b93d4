"""The engine end to end on a real SQLite file: nudges, de-duplication, edits and deletions, settings, answers."""

from __future__ import annotations

import sqlite3

from bot.actions import (
    ApplyCorrection,
    DeleteMessage,
    NoticePurpose,
    PostMessage,
    SendPrivateNotice,
    SendPrivateSuggestion,
)
from bot.events import MessageDeleted, MessageEdited
from bot.receipts import ActionFailed, Delivered, FailureReason
from bot.vocabulary import Answer, Category, Delivery, SuggestionKind

HARSH = "you're an idiot, Bob, this review is useless"
TOKEN = "ghp_Zq8Lr2Vt6Nw4Kd1Hs9Xb3Mc7Pf5Jg0Ya2Tq"


def only_suggestion(actions: list) -> SendPrivateSuggestion:
    suggestions = [action for action in actions if isinstance(action, SendPrivateSuggestion)]
    assert len(suggestions) == 1, actions
    return suggestions[0]


async def test_a_harsh_message_gets_one_private_suggestion(make_engine, chat):
    engine = make_engine()
    message = chat.message(HARSH)
    action = only_suggestion(await engine.handle(message))
    assert action.recipient_id == "U1"
    assert action.place == message.place
    assert action.message_id == message.message_id
    assert action.delivery is Delivery.EPHEMERAL
    assert Category.INSULT in action.categories
    assert action.deliver_after is None
    kinds = [suggestion.kind for suggestion in action.suggestions]
    assert kinds[0] is SuggestionKind.CORRECTION  # principle 4: correction first, not deletion
    assert SuggestionKind.DELETE not in kinds
    answers = [button.answer for button in action.buttons]
    assert answers[0] is Answer.APPLY_CORRECTION and action.buttons[0].primary
    assert answers[-2:] == [Answer.DISMISS, Answer.NOT_A_PROBLEM]
    assert any("insult" in line.lower() for line in action.card.lines)
    # The suggestion's state is in the database, keyed by its id.
    assert engine.suggestions.get(action.suggestion_id) is not None


async def test_a_clean_message_gets_nothing_and_the_decision_says_so(make_engine, chat):
    engine = make_engine()
    message = chat.message("Thanks for the review, I'll push the fix after lunch.")
    assert await engine.handle(message) == []
    explanation = engine.explain(message.event_id)
    assert explanation is not None and "quiet" in explanation


async def test_the_same_event_twice_yields_one_suggestion(make_engine, chat):
    engine = make_engine()
    message = chat.message(HARSH)
    first = await engine.handle(message)
    second = await engine.handle(message)
    assert len(first) == 1 and second == []


async def test_a_message_redelivered_under_a_new_event_id_still_gets_one_nudge(make_engine, chat):
    engine = make_engine()
    message = chat.message(HARSH)
    only_suggestion(await engine.handle(message))
    again = message.model_copy(update={"event_id": "a-resumed-delivery"})
    assert [a for a in await engine.handle(again) if isinstance(a, SendPrivateSuggestion)] == []
    assert "one nudge" in (engine.explain("a-resumed-delivery") or "")


async def test_a_leaked_token_proposes_deletion_first_and_never_stores_it(make_engine, chat, tmp_path):
    engine = make_engine()
    message = chat.message(f"here is the deploy token {TOKEN} for staging")
    action = only_suggestion(await engine.handle(message))
    assert action.suggestions[0].kind is SuggestionKind.DELETE
    assert action.buttons[0].answer is Answer.DELETE
    assert all(TOKEN not in suggestion.text for suggestion in action.suggestions)
    assert TOKEN not in action.card.as_text()
    flagged = engine.messages.get(f"{message.place.key}:{message.message_id}")
    assert flagged is not None and "ghp_" in flagged.excerpt and TOKEN not in flagged.excerpt
    assert_not_in_database(tmp_path / "damage-control.db", TOKEN)


def assert_not_in_database(path, needle: str) -> None:
    with sqlite3.connect(path) as conn:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in conn.execute(f"SELECT * FROM [{table}]"):
                assert all(needle not in str(value) for value in row), table


async def test_users_not_opted_in_get_no_nudge_and_nothing_is_kept(make_engine, chat):
    engine = make_engine(watch_by_default=False)
    message = chat.message(HARSH)
    assert await engine.handle(message) == []
    assert engine.messages.get(f"{message.place.key}:{message.message_id}") is None
    assert "not opted in" in (engine.explain(message.event_id) or "")
    # Opting in by command changes that.
    await engine.handle(chat.command("settings", "watch=on"))
    only_suggestion(await engine.handle(chat.message(HARSH)))


async def test_delivery_follows_the_users_setting(make_engine, chat):
    engine = make_engine()
    await engine.handle(chat.command("settings", "delivery=direct_message"))
    action = only_suggestion(await engine.handle(chat.message(HARSH)))
    assert action.delivery is Delivery.DIRECT_MESSAGE


async def test_an_edit_in_the_grace_period_cancels_the_suggestion(make_engine, chat, clock):
    engine = make_engine(nudge_grace_seconds=5)
    message = chat.message(HARSH)
    action = only_suggestion(await engine.handle(message))
    assert action.deliver_after is not None and action.deliver_after > clock.now()
    clock.advance(seconds=2)
    edit = MessageEdited(event_id="edit-1", message_id=message.message_id, place=message.place, author_id="U1",
                         new_text="this review needs another pass", edited_at=clock.now())
    assert await engine.handle(edit) == []
    assert engine.claim_delivery(action.suggestion_id) is False


async def test_without_an_edit_the_pending_suggestion_is_claimed_once_delivered(make_engine, chat, clock):
    engine = make_engine(nudge_grace_seconds=5)
    action = only_suggestion(await engine.handle(chat.message(HARSH)))
    clock.advance(seconds=6)
    assert engine.claim_delivery(action.suggestion_id) is True
    # A late deletion no longer cancels what was already delivered.
    assert engine.claim_delivery(action.suggestion_id) is True


async def test_a_deletion_that_arrives_before_the_message_prevents_the_nudge(make_engine, chat, clock):
    engine = make_engine()
    message = chat.message(HARSH)
    deleted = MessageDeleted(event_id="del-1", message_id=message.message_id, place=message.place,
                             deleted_at=clock.now(), author_id="U1")
    await engine.handle(deleted)
    assert [a for a in await engine.handle(message) if isinstance(a, SendPrivateSuggestion)] == []
    assert "already deleted" in (engine.explain(message.event_id) or "")


async def test_the_hourly_cap_holds_and_resets(make_engine, chat, clock):
    engine = make_engine(nudges_per_hour=2)
    results = []
    for _ in range(3):
        clock.advance(minutes=1)
        message = chat.message(HARSH)
        results.append(await engine.handle(message))
    assert [len(result) for result in results] == [1, 1, 0]
    assert "hourly cap" in (engine.explain(message.event_id) or "")
    clock.advance(hours=1)
    only_suggestion(await engine.handle(chat.message(HARSH)))


async def test_snooze_silences_nudges_until_it_ends(make_engine, chat, clock):
    engine = make_engine()
    await engine.handle(chat.command("snooze", "2"))
    message = chat.message(HARSH)
    assert await engine.handle(message) == []
    assert "snoozed" in (engine.explain(message.event_id) or "")
    clock.advance(hours=2, minutes=1)
    only_suggestion(await engine.handle(chat.message(HARSH)))


async def test_low_sensitivity_and_switched_off_categories_stay_quiet(make_engine, chat):
    engine = make_engine()
    await engine.handle(chat.command("settings", "sensitivity=low"))
    message = chat.message(HARSH)  # a medium insult: low sensitivity only hears about high severity
    assert await engine.handle(message) == []
    assert "below the low sensitivity" in (engine.explain(message.event_id) or "")
    await engine.handle(chat.command("settings", "sensitivity=normal disabled_categories=insult,toxicity"))
    message = chat.message(HARSH)
    assert await engine.handle(message) == []
    assert "switched off" in (engine.explain(message.event_id) or "")


async def test_workspace_disabled_categories_apply_to_everyone(make_engine, chat):
    engine = make_engine(disabled_categories=[Category.SECRET])
    message = chat.message(f"token {TOKEN}")
    assert [a for a in await engine.handle(message) if isinstance(a, SendPrivateSuggestion)] == []


async def test_the_suggestion_language_follows_the_users_setting(make_engine, chat):
    engine = make_engine()
    await engine.handle(chat.command("settings", "language=it"))
    action = only_suggestion(await engine.handle(chat.message(HARSH)))
    assert action.language == engine.texts.resolve_language("it")
    assert action.buttons[0].label == engine.texts.get(action.language, "button.apply_correction")


async def test_explain_knows_nothing_of_unknown_events_and_stores_no_text(make_engine, chat):
    engine = make_engine()
    assert engine.explain("never-seen") is None
    message = chat.message(HARSH)
    await engine.handle(message)
    explanation = engine.explain(message.event_id) or ""
    # What fired (category, severity, the lexicon rule) and the decision; the message itself is not kept.
    fired = next(line for line in explanation.splitlines() if "insult" in line)
    assert "medium" in fired
    assert "nudge" in explanation
    assert HARSH not in explanation and "this review is useless" not in explanation


async def test_answers_turn_into_actions(make_engine, chat):
    engine = make_engine()
    message = chat.message(HARSH)
    action = only_suggestion(await engine.handle(message))
    texts = {suggestion.kind: suggestion.text for suggestion in action.suggestions}

    [correction] = await engine.handle(chat.answer(action.suggestion_id, Answer.APPLY_CORRECTION))
    assert isinstance(correction, ApplyCorrection)
    assert correction.new_text == texts[SuggestionKind.CORRECTION]
    assert correction.message_id == message.message_id and correction.author_id == "U1"

    [apology] = await engine.handle(chat.answer(action.suggestion_id, Answer.POST_APOLOGY))
    assert isinstance(apology, PostMessage) and apology.purpose == "apology"
    assert apology.on_behalf_of == "U1" and apology.text == texts[SuggestionKind.APOLOGY]

    [topic] = await engine.handle(chat.answer(action.suggestion_id, Answer.CHANGE_TOPIC))
    assert isinstance(topic, PostMessage) and topic.purpose == "topic_change"

    [delete] = await engine.handle(chat.answer(action.suggestion_id, Answer.DELETE))
    # No delete suggestion for an insult, but the user may still choose to delete their own message.
    assert isinstance(delete, DeleteMessage) and delete.message_id == message.message_id

    assert await engine.handle(chat.answer(action.suggestion_id, Answer.DISMISS)) == []
    assert engine.suggestions.get(action.suggestion_id).answer == Answer.DISMISS.value


async def test_unknown_or_foreign_suggestion_ids_get_a_clear_private_notice(make_engine, chat):
    engine = make_engine()
    [notice] = await engine.handle(chat.answer("sug_gone", Answer.APPLY_CORRECTION))
    assert isinstance(notice, SendPrivateNotice) and notice.purpose is NoticePurpose.ERROR
    assert notice.card.title == engine.texts.get("en", "suggestion.expired.button")
    action = only_suggestion(await engine.handle(chat.message(HARSH)))
    [foreign] = await engine.handle(chat.answer(action.suggestion_id, Answer.APPLY_CORRECTION, user_id="U2"))
    assert isinstance(foreign, SendPrivateNotice) and foreign.recipient_id == "U2"


async def test_buttons_keep_working_after_a_restart(make_engine, chat):
    first = make_engine()
    action = only_suggestion(await first.handle(chat.message(HARSH)))
    first.close()
    second = make_engine()
    [correction] = await second.handle(chat.answer(action.suggestion_id, Answer.APPLY_CORRECTION))
    assert isinstance(correction, ApplyCorrection)


async def test_not_a_problem_lowers_the_category_and_says_so(make_engine, chat):
    engine = make_engine(dismissals_before_quieter=2)
    notices = []
    for _ in range(2):
        action = only_suggestion(await engine.handle(chat.message(HARSH)))
        [notice] = await engine.handle(chat.answer(action.suggestion_id, Answer.NOT_A_PROBLEM))
        assert isinstance(notice, SendPrivateNotice) and notice.purpose is NoticePurpose.FEEDBACK
        notices.append(notice)
    quieter = engine.texts.get("en", "feedback.quieter", category=engine.texts.get("en", "category.insult"))
    assert quieter not in notices[0].card.lines
    assert quieter in notices[1].card.lines
    assert engine.preferences(action_user(engine)).sensitivity_for("insult") == "low"
    # A medium insult no longer nudges this user; other categories are untouched.
    assert [a for a in await engine.handle(chat.message(HARSH)) if isinstance(a, SendPrivateSuggestion)] == []
    assert engine.preferences(action_user(engine)).sensitivity_for("secret") == "normal"


def action_user(engine):
    from bot.store.user_settings import UserKey

    return UserKey("console", "T1", "U1")


async def test_an_ephemeral_that_fails_falls_back_to_a_direct_message(make_engine, chat):
    engine = make_engine()
    action = only_suggestion(await engine.handle(chat.message(HARSH)))
    failed = ActionFailed(action_kind=action.kind, reference_id=action.suggestion_id,
                          reason=FailureReason.NOT_IN_CHANNEL, detail="not_in_channel")
    [fallback] = await engine.acknowledge(failed)
    assert isinstance(fallback, SendPrivateSuggestion)
    assert fallback.delivery is Delivery.DIRECT_MESSAGE and fallback.suggestion_id == action.suggestion_id
    # A failed DM is not retried forever.
    again = failed.model_copy(update={"reason": FailureReason.CLOSED_DIRECT_MESSAGES})
    assert await engine.acknowledge(again) == []


async def test_a_correction_the_platform_refuses_comes_back_as_text_to_copy(make_engine, chat):
    engine = make_engine()
    action = only_suggestion(await engine.handle(chat.message(HARSH)))
    [correction] = await engine.handle(chat.answer(action.suggestion_id, Answer.APPLY_CORRECTION))
    failed = ActionFailed(action_kind=correction.kind, reference_id=action.suggestion_id,
                          reason=FailureReason.CANNOT_EDIT, detail="cant_update_message")
    [notice] = await engine.acknowledge(failed)
    assert isinstance(notice, SendPrivateNotice) and notice.purpose is NoticePurpose.CORRECTION_TO_COPY
    assert correction.new_text in notice.card.lines
    assert await engine.acknowledge(Delivered(action_kind="apply_correction", reference_id="sug_x")) == []


async def test_a_leaked_token_in_a_channel_opens_an_incident_and_reactions_reach_the_desk(make_engine, chat, clock,
                                                                                          tmp_path):
    from bot.actions import OpenIncidentThread
    from bot.events import ReactionAdded

    engine = make_engine(incident_channel_id="C-incidents")
    message = chat.message(f"here is the deploy token {TOKEN} for staging", audience_size=120)
    actions = await engine.handle(message)
    [incident] = [action for action in actions if isinstance(action, OpenIncidentThread)]
    assert incident.team_channel_id == "C-incidents" and TOKEN not in incident.card.as_text()
    only_suggestion(actions)  # the author still gets their private suggestion
    reaction = ReactionAdded(event_id="react-1", message_id=message.message_id, place=message.place,
                             user_id="U7", reaction="👎", added_at=clock.now())
    await engine.handle(reaction)
    with sqlite3.connect(tmp_path / "damage-control.db") as conn:
        signals = conn.execute("SELECT user_id FROM reception_signals WHERE message_key = ?",
                               [f"{message.place.key}:{message.message_id}"]).fetchall()
    assert signals == [("U7",)]


async def test_build_engine_composes_the_core_from_settings(tmp_path, clock, chat):
    import shutil

    import pytest

    from bot.clock import SequentialIds
    from bot.data_files import DataFileError
    from bot.settings import DEFAULT_DATA_DIR, Settings
    from bot.wiring import build_engine

    settings = Settings(_env_file=None, database_path=tmp_path / "nested" / "bot.db")  # type: ignore[call-arg]
    engine = build_engine(settings, clock=clock, ids=SequentialIds())
    try:
        assert (tmp_path / "nested" / "bot.db").exists() and engine.desk is not None
        only_suggestion(await engine.handle(chat.message(HARSH)))
    finally:
        engine.close()
    broken = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, broken)
    (broken / "templates" / "en.toml").write_text("[card\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="en.toml"):
        build_engine(Settings(_env_file=None, database_path=tmp_path / "b.db", data_dir=broken))  # type: ignore[call-arg]
