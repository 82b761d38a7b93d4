"""Slack payloads -> core events: subtypes, markup, threads, commands, shortcuts and buttons."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from adapters.slack.translate import (
    ChannelFacts,
    MalformedPayload,
    Self,
    to_command,
    to_message_event,
    to_plain_text,
    to_slack_text,
)
from bot.events import ChatMessage, MessageDeleted, MessageEdited

ME = Self(user_id="UBOT", bot_id="BBOT")
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def envelope(event: dict) -> dict:
    return {"team_id": "T1", "event_id": "Ev1", "event": event}


def test_a_message_with_markup_reads_as_people_see_it() -> None:
    event = {"type": "message", "user": "U1", "channel": "C1", "ts": "1700000000.000100", "channel_type": "channel",
             "text": "&lt;b&gt; <!here> see <https://example.com|the doc> with <@U2>"}
    message = to_message_event(envelope(event), ME, ChannelFacts("C1", "general", False, 40))
    assert isinstance(message, ChatMessage)
    assert message.text == "<b> @here see https://example.com with <@U2>"
    assert message.mentioned_ids == ("U2", "here")
    assert message.audience_size == 40 and message.place.channel_name == "general" and message.place.is_public
    assert message.sent_at == datetime.fromtimestamp(1700000000.0001, tz=UTC)


def test_slack_text_escapes_but_keeps_mentions() -> None:
    assert to_slack_text("a < b & <@U2>") == "a &lt; b &amp; <@U2>"
    assert to_plain_text(to_slack_text("x > y & z")) == "x > y & z"


def test_edits_and_deletions() -> None:
    edited = {"type": "message", "subtype": "message_changed", "channel": "C1", "event_ts": "1700000002.0",
              "message": {"user": "U1", "text": "better words", "ts": "1700000000.000100",
                          "edited": {"ts": "1700000001.0"}},
              "previous_message": {"user": "U1", "text": "worse words", "ts": "1700000000.000100"}}
    result = to_message_event(envelope(edited), ME)
    assert isinstance(result, MessageEdited)
    assert (result.message_id, result.author_id, result.new_text) == ("1700000000.000100", "U1", "better words")

    unfurled = {**edited, "message": {**edited["message"], "text": "worse words"}}
    assert to_message_event(envelope(unfurled), ME) is None, "an unfurl is not an edit"

    deleted = {"type": "message", "subtype": "message_deleted", "channel": "C1", "event_ts": "1700000003.0",
               "deleted_ts": "1700000000.000100", "previous_message": {"user": "U1", "ts": "1700000000.000100"}}
    result = to_message_event(envelope(deleted), ME)
    assert isinstance(result, MessageDeleted) and result.author_id == "U1"


@pytest.mark.parametrize("extra", [{"subtype": "bot_message", "bot_id": "B9"}, {"bot_id": "B9"}, {"user": "UBOT"},
                                   {"subtype": "channel_join"}, {"subtype": "channel_topic"}, {"text": "  "}])
def test_bots_own_messages_and_housekeeping_are_skipped(extra: dict) -> None:
    event = {"type": "message", "user": "U1", "channel": "C1", "ts": "1700000000.1", "text": "hi", **extra}
    assert to_message_event(envelope(event), ME) is None


def test_direct_messages_are_private() -> None:
    event = {"type": "message", "user": "U1", "channel": "D1", "ts": "1700000000.1", "text": "hi",
             "channel_type": "im"}
    message = to_message_event(envelope(event), ME)
    assert isinstance(message, ChatMessage) and message.place.is_direct and not message.place.is_public


def test_missing_fields_are_named() -> None:
    with pytest.raises(MalformedPayload, match="missing event_id"):
        to_message_event({"team_id": "T1", "event": {"channel": "C1"}}, ME)


def test_slash_command_text_becomes_subcommand_and_arguments() -> None:
    command = to_command({"team_id": "T1", "channel_id": "C1", "user_id": "U1", "trigger_id": "t1",
                          "text": "Snooze  2 "}, NOW)
    assert (command.command, command.arguments) == ("snooze", "2")
    assert to_command({"team_id": "T1", "channel_id": "C1", "user_id": "U1", "trigger_id": "t2", "text": ""},
                      NOW).command == "help"


def test_a_reply_in_a_thread_keeps_its_thread_and_mentions_for_the_core() -> None:
    # The core reads "owner @x" typed in an incident thread as a command: it needs the thread and the mentions.
    event = {"type": "message", "user": "U1", "channel": "CTEAM", "ts": "1700000005.1", "thread_ts": "1700000001.1",
             "text": "<@UBOT> owner <@U7>"}
    message = to_message_event(envelope(event), ME)
    assert isinstance(message, ChatMessage)
    assert (message.place.channel_id, message.place.thread_id) == ("CTEAM", "1700000001.1")
    assert message.text == "<@UBOT> owner <@U7>"
    assert message.mentioned_ids == ("UBOT", "U7")
