"""A message in a channel -> a private suggestion in Block Kit; edits, deletions, bots and retries."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest

from tests.adapters.slack.conftest import (
    AUTHOR_ID,
    CHANNEL_ID,
    HARMLESS,
    INSULT,
    LEAKED_KEY,
    SlackHarness,
    StartSlack,
    blocks_text,
    buttons_of,
    decoded_blocks,
    has_answer_buttons,
)
from tests.adapters.slack.fake_slack import BOT_ID, BOT_USER_ID


async def test_regrettable_message_gets_an_ephemeral_suggestion_with_buttons(slack: SlackHarness) -> None:
    await slack.say(INSULT)

    [call] = await slack.fake.wait_for("chat.postEphemeral")
    assert call.token == "xoxb-test-bot-token"
    assert call.args["channel"] == CHANNEL_ID
    assert call.args["user"] == AUTHOR_ID
    blocks = decoded_blocks(call.args["blocks"])
    assert set(buttons_of(blocks)) == {"apply_correction", "post_apology", "change_topic", "dismiss",
                                       "not_a_problem"}
    shown = blocks_text(blocks)
    assert "idiot" not in shown.split("> ", 1)[1].splitlines()[0], "the drafted correction drops the insult"
    assert call.args["text"], "a plain-text fallback for notifications"


async def test_harmless_message_gets_nothing(slack: SlackHarness) -> None:
    said = await slack.say(HARMLESS)
    await slack.processed(said["event_id"])
    assert slack.fake.calls_to("chat.postEphemeral") == []
    assert slack.fake.calls_to("chat.postMessage") == []


async def test_secret_suggestion_puts_delete_first_and_never_echoes_the_secret(slack: SlackHarness) -> None:
    await slack.say(LEAKED_KEY)

    [call] = await slack.fake.wait_for("chat.postEphemeral", user=AUTHOR_ID, where=has_answer_buttons)
    blocks = decoded_blocks(call.args["blocks"])
    assert next(iter(buttons_of(blocks))) == "delete"
    await slack.fake.settle()
    assert "AKIAQWERTYUIOPASDFGH" not in str([sent.args for sent in slack.fake.calls])


async def test_direct_message_delivery_setting(slack: SlackHarness) -> None:
    assert await slack.command("settings delivery=direct_message") == 200
    await slack.fake.wait_for("response_url")

    await slack.say(INSULT)

    [opened] = await slack.fake.wait_for("conversations.open")
    assert opened.args["users"] == AUTHOR_ID
    [posted] = await slack.fake.wait_for("chat.postMessage", channel="D" + AUTHOR_ID)
    assert "apply_correction" in buttons_of(decoded_blocks(posted.args["blocks"]))
    assert slack.fake.calls_to("chat.postEphemeral") == []


async def test_ephemeral_failure_falls_back_to_a_direct_message(slack: SlackHarness) -> None:
    slack.fake.fail("chat.postEphemeral", "not_in_channel")

    await slack.say(INSULT)

    [posted] = await slack.fake.wait_for("chat.postMessage", channel="D" + AUTHOR_ID)
    assert set(buttons_of(decoded_blocks(posted.args["blocks"]))) >= {"apply_correction", "dismiss"}


async def cancelled(caplog: pytest.LogCaptureFixture, timeout: float = 3.0) -> None:
    """Wait for the dispatcher's word that the pending suggestion was dropped after its grace period."""
    deadline = time.monotonic() + timeout
    while "cancelled before delivery" not in caplog.text:
        assert time.monotonic() < deadline, "the pending suggestion was not dropped"
        await asyncio.sleep(0.02)


async def test_edit_before_the_nudge_cancels_it(start_slack: StartSlack, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="bot.dispatch")
    slack = await start_slack(nudge_grace_seconds=0.6)
    original = await slack.say(INSULT)
    await slack.processed(original["event_id"])  # the nudge is pending now
    edited = {"type": "message", "subtype": "message_changed", "channel": CHANNEL_ID, "hidden": True,
              "ts": slack.next_ts(), "event_ts": slack.next_ts(),
              "message": {"type": "message", "user": AUTHOR_ID, "text": "you are wrong about this, Sam",
                          "ts": original["ts"], "edited": {"user": AUTHOR_ID, "ts": slack.next_ts()}},
              "previous_message": {"type": "message", "user": AUTHOR_ID, "text": INSULT, "ts": original["ts"]}}
    assert await slack.send_event(edited) == 200

    await cancelled(caplog)
    await slack.fake.settle(0.05)
    assert slack.fake.calls_to("chat.postEphemeral") == []


async def test_deletion_before_the_nudge_cancels_it(start_slack: StartSlack,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="bot.dispatch")
    slack = await start_slack(nudge_grace_seconds=0.6)
    original = await slack.say(INSULT)
    await slack.processed(original["event_id"])  # the nudge is pending now
    deleted = {"type": "message", "subtype": "message_deleted", "channel": CHANNEL_ID, "hidden": True,
               "ts": slack.next_ts(), "event_ts": slack.next_ts(), "deleted_ts": original["ts"],
               "previous_message": {"type": "message", "user": AUTHOR_ID, "text": INSULT, "ts": original["ts"]}}
    assert await slack.send_event(deleted) == 200

    await cancelled(caplog)
    await slack.fake.settle(0.05)
    assert slack.fake.calls_to("chat.postEphemeral") == []


async def test_the_nudge_arrives_after_the_grace_period_without_an_edit(start_slack: StartSlack) -> None:
    slack = await start_slack(nudge_grace_seconds=0.2)
    await slack.say(INSULT)
    await slack.fake.wait_for("chat.postEphemeral", timeout=3.0)


async def test_bot_and_own_messages_are_ignored(slack: SlackHarness) -> None:
    other_bot = slack.message(INSULT, user="U0OTHERBOT")
    other_bot.update(subtype="bot_message", bot_id="B0OTHER")
    assert await slack.send_event(other_bot) == 200
    integration = slack.message(INSULT, user="U0INTEGRATION", bot_id="B0INTEGRATION")
    assert await slack.send_event(integration) == 200
    own = slack.message(INSULT, user=BOT_USER_ID, bot_id=BOT_ID)
    assert await slack.send_event(own) == 200
    joined = slack.message("<@U0NEW> has joined the channel", user="U0NEW", subtype="channel_join")
    assert await slack.send_event(joined) == 200

    await slack.fake.settle(0.3)
    assert slack.fake.calls_to("chat.postEphemeral") == []
    assert slack.fake.calls_to("chat.postMessage") == []


async def test_a_retried_event_gets_one_suggestion(slack: SlackHarness) -> None:
    event = slack.message(INSULT)
    assert await slack.send_event(event, event_id="Ev0RETRIED") == 200
    assert await slack.send_event(event, event_id="Ev0RETRIED", retry_num=1) == 200
    assert await slack.send_event(event, event_id="Ev0RETRIED", retry_num=2) == 200

    await slack.fake.wait_for("chat.postEphemeral")
    await slack.fake.settle(0.3)
    assert len(slack.fake.calls_to("chat.postEphemeral")) == 1


async def test_the_audience_size_comes_from_conversations_info_once_per_channel(slack: SlackHarness) -> None:
    await slack.say(HARMLESS)
    await slack.say(INSULT)
    await slack.fake.wait_for("chat.postEphemeral")
    info = slack.fake.calls_to("conversations.info")
    assert len(info) == 1 and info[0].args["channel"] == CHANNEL_ID


async def test_slack_gets_its_ack_before_the_work_is_done(start_slack: StartSlack) -> None:
    """Slack retries an event it has no answer for within 3 s: the app answers first, then works."""
    slack = await start_slack(nudge_grace_seconds=0.5)
    await slack.say(INSULT)
    acked_at = time.perf_counter()

    [call] = await slack.fake.wait_for("chat.postEphemeral")
    assert acked_at < call.received_at
