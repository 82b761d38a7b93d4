"""Unhappy paths: bad signatures, malformed payloads, rate limits and Slack error answers; the bot keeps running."""

from __future__ import annotations

import json
import logging
import time

import pytest

from tests.adapters.slack.conftest import (
    AUTHOR_ID,
    BOT_TOKEN,
    HARMLESS,
    INSULT,
    SlackHarness,
    blocks_text,
    buttons_of,
    decoded_blocks,
    sign,
)


async def still_works(slack: SlackHarness, count: int = 1) -> None:
    """After a failure, the next regrettable message still gets its suggestion."""
    await slack.say(INSULT)
    await slack.fake.wait_for("chat.postEphemeral", count=count)


@pytest.mark.parametrize("tamper", ["wrong_secret", "stale", "body_changed", "missing_headers"])
async def test_bad_signature_gets_401_and_nothing_happens(slack: SlackHarness, tamper: str) -> None:
    body = json.dumps(slack.envelope(slack.message(INSULT))).encode()
    now = int(time.time())
    if tamper == "wrong_secret":
        status, _ = await slack.post(body, "application/json", secret="not-the-secret")
    elif tamper == "stale":
        status, _ = await slack.post(body, "application/json", timestamp=now - 600)
    elif tamper == "body_changed":
        status, _ = await slack.post(body.replace(b"idiot", b"genius"), "application/json",
                                     signature=sign(body, now), timestamp=now)
    else:
        async with slack.session.post(slack.url, data=body, headers={"Content-Type": "application/json"}) as answer:
            status = answer.status
    assert status == 401
    await slack.fake.settle()
    assert slack.fake.calls_to("chat.postEphemeral") == []


async def test_malformed_payloads_are_logged_and_skipped(slack: SlackHarness, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    no_channel = slack.message(INSULT)
    del no_channel["channel"]
    assert await slack.send_event(no_channel) == 200
    bad_ts = slack.message(INSULT, ts="yesterday")
    assert await slack.send_event(bad_ts) == 200
    status, _ = await slack.post(b"{not json", "application/json")
    assert status == 400
    status, _ = await slack.post(b"payload=%7Bnot+json", "application/x-www-form-urlencoded")
    assert status == 400
    assert await slack.interact({"type": "block_actions", "team": {"id": "T0001"}, "user": {"id": AUTHOR_ID},
                                 "trigger_id": "t.1", "actions": [{"action_id": "damage_answer:dismiss",
                                                                   "value": "garbage"}]}) == 200

    await still_works(slack)
    logged = caplog.text
    assert "skipped: missing channel" in logged
    assert "bad Slack timestamp" in logged
    assert "button press skipped" in logged
    assert INSULT not in logged, "message text is never logged"


async def test_rate_limited_call_is_retried_after_retry_after(slack: SlackHarness) -> None:
    slack.fake.rate_limit("chat.postEphemeral", retry_after=0)

    await slack.say(INSULT)

    calls = await slack.fake.wait_for("chat.postEphemeral", count=2, timeout=5.0)
    assert calls[0].args == calls[1].args


async def test_not_in_channel_answers_by_dm_and_logs_how_to_fix(slack: SlackHarness,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    slack.fake.fail("chat.postEphemeral", "not_in_channel")

    await slack.say(INSULT)

    [dm] = await slack.fake.wait_for("chat.postMessage", channel="D" + AUTHOR_ID)
    assert "apply_correction" in buttons_of(decoded_blocks(dm.args["blocks"]))
    assert "/invite" in blocks_text(decoded_blocks(dm.args["blocks"])), "the user learns why it came as a DM"
    assert "not_in_channel" in caplog.text and "/invite" in caplog.text
    await still_works(slack, count=2)


async def test_channel_not_found_answers_by_dm(slack: SlackHarness, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    slack.fake.fail("chat.postEphemeral", "channel_not_found")

    await slack.say(INSULT)

    await slack.fake.wait_for("chat.postMessage", channel="D" + AUTHOR_ID)
    assert "channel_not_found" in caplog.text


async def test_revoked_bot_token_is_logged_clearly_and_the_bot_keeps_running(
        slack: SlackHarness, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    await slack.say(HARMLESS)  # the app has started and verified its token (auth.test)
    await slack.fake.wait_for("conversations.info")
    slack.fake.revoked_tokens.add(BOT_TOKEN)

    await slack.say(INSULT)

    await slack.fake.wait_for("chat.postEphemeral")
    await slack.fake.settle(0.3)
    errors = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert any("token_revoked" in record.getMessage() and "reinstall" in record.getMessage() for record in errors)
    assert BOT_TOKEN not in caplog.text, "tokens are never logged"

    slack.fake.revoked_tokens.clear()  # the admin reinstalled the app
    await still_works(slack, count=2)


async def test_a_failing_command_reply_still_reaches_the_user(slack: SlackHarness) -> None:
    """The response_url answers wherever the user is, even in a channel the app is not in."""
    slack.fake.fail("chat.postEphemeral", "not_in_channel", times=5)
    assert await slack.command("help", channel="C0NOTMEMBER") == 200
    [answer] = await slack.fake.wait_for("response_url")
    assert answer.args["text"]


async def test_an_unhandled_request_is_logged_without_its_payload(slack: SlackHarness,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    payload = {"type": "message_action", "callback_id": "some_other_shortcut", "trigger_id": "trigger.other",
               "team": {"id": "T0001"}, "channel": {"id": "C0001"}, "user": {"id": AUTHOR_ID},
               "message": {"type": "message", "user": AUTHOR_ID, "text": INSULT, "ts": "1700000000.000001"},
               "response_url": slack.fake.response_url("other")}
    assert await slack.interact(payload) == 404
    assert "no listener" in caplog.text
    assert INSULT not in caplog.text
