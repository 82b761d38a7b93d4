"""The shared commands through the real engine: check, settings, snooze, forget-me, why, help, home, incident."""

from __future__ import annotations

from bot.actions import (
    OpenSettingsForm,
    PublishHome,
    ReplyToCommand,
    SendPrivateNotice,
    SendPrivateSuggestion,
)
from bot.events import SettingsSubmitted, TargetMessage
from bot.store.user_settings import UserKey
from bot.vocabulary import Answer, Delivery, Platform

HARSH = "you're an idiot, Bob, this review is useless"
USER = UserKey("console", "T1", "U1")


async def reply_to(engine, command) -> ReplyToCommand:
    [reply] = await engine.handle(command)
    assert isinstance(reply, ReplyToCommand)
    assert reply.event_id == command.event_id and reply.recipient_id == command.user.user_id
    return reply


async def test_help_and_unknown_commands(make_engine, chat):
    engine = make_engine()
    help_reply = await reply_to(engine, chat.command("help"))
    assert help_reply.card.title == engine.texts.get("en", "help.title")
    assert engine.texts.get("en", "help.forget_me") in help_reply.card.lines
    unknown = await reply_to(engine, chat.command("frobnicate"))
    assert unknown.card.title == engine.texts.get("en", "command.unknown", command="frobnicate")
    assert unknown.card.lines == help_reply.card.lines


async def test_check_text_gives_a_verdict_without_recording_anything(make_engine, chat):
    engine = make_engine()
    reply = await reply_to(engine, chat.command("check", HARSH))
    assert "medium" in reply.card.title
    assert reply.suggestions and not reply.buttons and reply.suggestion_id is None
    assert engine.suggestions.recent_for_user(USER) == []
    clean = await reply_to(engine, chat.command("check", "The release notes are ready for review."))
    assert clean.card.title == engine.texts.get("en", "check.clean")
    usage = await reply_to(engine, chat.command("check", "   "))
    assert usage.card.title == engine.texts.get("en", "help.check")


async def test_check_on_my_own_message_offers_answerable_suggestions(make_engine, chat, clock):
    engine = make_engine()
    place = chat.place()
    target = TargetMessage(message_id="M-old", author_id="U1", text=HARSH, place=place, sent_at=clock.now())
    reply = await reply_to(engine, chat.command("check", target=target))
    assert reply.suggestion_id is not None and reply.buttons
    [correction] = await engine.handle(chat.answer(reply.suggestion_id, Answer.APPLY_CORRECTION))
    assert correction.message_id == "M-old" and correction.new_text == reply.suggestions[0].text
    # Someone else's message: the verdict, but nothing to apply.
    theirs = target.model_copy(update={"author_id": "U2"})
    other = await reply_to(engine, chat.command("check", target=theirs))
    assert other.suggestion_id is None and not other.buttons


async def test_settings_opens_the_form_with_current_values(make_engine, chat):
    engine = make_engine(watch_by_default=False)
    [form] = await engine.handle(chat.command("settings"))
    assert isinstance(form, OpenSettingsForm)
    assert form.values["watch"] is False and form.values["sensitivity"] == "normal"
    assert form.values["delivery"] == Delivery.EPHEMERAL.value


async def test_submitted_settings_are_validated_saved_and_confirmed(make_engine, chat, clock):
    engine = make_engine()
    submitted = SettingsSubmitted(
        event_id="set-1", user_id="U1", platform=Platform.CONSOLE, workspace_id="T1", submitted_at=clock.now(),
        values={"watch": True, "sensitivity": "high", "disabled_categories": ["heated"], "language": "fr",
                "delivery": "direct_message", "snooze_hours": 0},
    )
    [notice] = await engine.handle(submitted)
    assert isinstance(notice, SendPrivateNotice) and notice.delivery is Delivery.DIRECT_MESSAGE
    preferences = engine.preferences(USER)
    assert preferences.sensitivity == "high" and preferences.disabled_categories == {"heated"}
    assert preferences.language == "fr" and preferences.delivery is Delivery.DIRECT_MESSAGE
    bad = submitted.model_copy(update={"event_id": "set-2", "values": {"sensitivity": "extreme"}})
    [refused] = await engine.handle(bad)
    assert "sensitivity" in refused.card.title
    assert engine.preferences(USER).sensitivity == "high"  # nothing changed


async def test_settings_arguments_with_mistakes_are_refused_clearly(make_engine, chat):
    engine = make_engine()
    for arguments, word in (("colour=blue", "colour"), ("disabled_categories=rudeness", "rudeness"),
                            ("watch=perhaps", "watch"), ("loose-word", "loose-word")):
        reply = await reply_to(engine, chat.command("settings", arguments))
        assert word in reply.card.title


async def test_snooze_and_its_mistakes(make_engine, chat, clock):
    engine = make_engine()
    reply = await reply_to(engine, chat.command("snooze", "3"))
    assert "3" in reply.card.title
    assert engine.preferences(USER).snoozed_until is not None
    for bad in ("", "forever", "-2", "100000"):
        usage = await reply_to(engine, chat.command("snooze", bad))
        assert usage.card.title == engine.texts.get("en", "snooze.usage")
    ended = await reply_to(engine, chat.command("snooze", "off"))
    assert ended.card.title == engine.texts.get("en", "snooze.ended")
    assert engine.preferences(USER).snoozed_until is None


async def test_why_explains_only_my_own_events(make_engine, chat):
    engine = make_engine()
    message = chat.message(HARSH)
    await engine.handle(message)
    mine = await reply_to(engine, chat.command("why", message.event_id))
    assert any("insult" in line for line in mine.card.lines)
    assert any("nudge" in line for line in mine.card.lines)
    theirs = await reply_to(engine, chat.command("why", message.event_id, user_id="U2"))
    assert theirs.card.title == engine.texts.get("en", "why.not_found", event_id=message.event_id)
    listing = await reply_to(engine, chat.command("why"))
    assert message.event_id in listing.card.lines


async def test_forget_me_asks_first_then_deletes_everything(make_engine, chat, clock):
    engine = make_engine()
    [nudge] = [a for a in await engine.handle(chat.message(HARSH)) if isinstance(a, SendPrivateSuggestion)]
    clock.advance(minutes=2)
    await engine.handle(chat.message("I'm sorry Bob, I was wrong to say that"))
    await engine.handle(chat.command("settings", "sensitivity=high"))
    other = chat.message(HARSH, user_id="U2")
    await engine.handle(other)

    asked = await reply_to(engine, chat.command("forget-me"))
    assert asked.card.title == engine.texts.get("en", "forget_me.confirm")
    assert engine.ledger_store.apologies_for_user(USER)  # nothing deleted yet
    done = await reply_to(engine, chat.command("forget-me", "confirm"))
    assert done.card.title == engine.texts.get("en", "forget_me.done")

    assert engine.ledger_store.apologies_for_user(USER) == []
    assert engine.ledger_store.matters_for_user(USER) == []
    assert engine.suggestions.get(nudge.suggestion_id) is None
    assert engine.decisions.recent_for_user(USER) == []
    assert engine.preferences(USER).sensitivity == "normal"
    # Other people's records are untouched.
    assert engine.explain(other.event_id) is not None


async def test_home_shows_suggestions_ledger_and_settings(make_engine, chat, clock):
    engine = make_engine()
    await engine.handle(chat.message(HARSH))
    clock.advance(minutes=1)
    await engine.handle(chat.message("I'm sorry Bob, I was wrong to say that"))
    [home] = await engine.handle(chat.command("home"))
    assert isinstance(home, PublishHome) and home.user_id == "U1"
    suggestions, ledger, settings = home.sections
    assert any(engine.texts.get("en", "category.insult") in line for line in suggestions.lines)
    assert any(line.startswith("in #general: 1") for line in ledger.lines)
    assert settings.title == engine.texts.get("en", "settings.title")


async def test_incident_commands_go_to_the_desk(make_engine, chat):
    engine = make_engine()
    actions = await engine.handle(chat.command("incident", "list"))
    assert actions and all(action.recipient_id == "U1" for action in actions if hasattr(action, "recipient_id"))
    without_desk = make_engine(with_desk=False)
    reply = await reply_to(without_desk, chat.command("incident", "list"))
    assert reply.card.title == without_desk.texts.get("en", "command.unknown", command="incident")
