"""Gateway events end to end: a regrettable message gets a private DM; bots, webhooks, edits, resumes, bad payloads."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.adapters.discord.conftest import RunningBot, make_settings, start_bot
from tests.adapters.discord.fake_discord import CHANNEL_ID, FakeDiscord
from tests.adapters.discord.helpers import (
    HARMLESS,
    INSULT,
    LEAKED_TOKEN,
    channel_posts,
    custom_ids,
    dm_posts,
    post,
    settle,
    text_of,
    until,
    wait_for_dm,
    wait_for_suggestions,
)


async def test_regrettable_message_gets_a_dm_with_embed_and_persistent_buttons(
    bot: RunningBot, fake: FakeDiscord
) -> None:
    await post(fake, INSULT, author_id="600000000000000001")
    [dm] = await wait_for_suggestions(fake)
    opened = fake.find("POST", "/users/@me/channels")
    assert opened[0].body == {"recipient_id": 600000000000000001}
    assert dm.body["embeds"], "the suggestion comes as an embed"
    ids = custom_ids(dm.body)
    assert ids and all(custom_id.startswith("dc:s:") for custom_id in ids)
    assert {custom_id.split(":")[2] for custom_id in ids} >= {"dismiss", "not_a_problem", "apply_correction"}
    assert len({custom_id.split(":", 3)[3] for custom_id in ids}) == 1, (
        "every button carries the same suggestion id"
    )
    assert channel_posts(fake) == [], "nothing is said in public"


async def test_leaked_secret_is_masked_in_the_dm_and_offers_delete_first(
    bot: RunningBot, fake: FakeDiscord
) -> None:
    await post(fake, LEAKED_TOKEN)
    [dm] = await wait_for_suggestions(fake)
    assert "Q7v2Lk9XaB3mN8pR4tY6wZ1cD5fG0hJ2sK9e" not in text_of(dm.body)
    assert custom_ids(dm.body)[0].split(":")[2] == "delete"


async def test_harmless_message_gets_nothing(bot: RunningBot, fake: FakeDiscord) -> None:
    await post(fake, HARMLESS)
    await post(fake, INSULT)  # a later regrettable message proves the first was processed
    await wait_for_dm(fake)
    await settle(fake, 0.1)
    assert len(dm_posts(fake)) == 1


async def test_bots_and_webhooks_are_ignored(bot: RunningBot, fake: FakeDiscord) -> None:
    await post(fake, INSULT, author_id="600000000000000077", author_name="otherbot", bot=True)
    await post(
        fake, INSULT, author_id="600000000000000078", author_name="hook", webhook_id="600000000000000078"
    )
    await post(fake, INSULT, author_id="600000000000000002", author_name="bob")
    await wait_for_dm(fake)
    await settle(fake, 0.1)
    assert [r.body for r in fake.find("POST", "/users/@me/channels")] == [
        {"recipient_id": 600000000000000002}
    ]


async def test_duplicate_message_after_gateway_resume_yields_one_suggestion(
    bot: RunningBot, fake: FakeDiscord
) -> None:
    payload = await post(fake, INSULT)
    await wait_for_dm(fake)
    await fake.drop_connection(code=4000)
    await until(lambda: fake.resumes, what="the client to RESUME")
    assert fake.resumes[0]["session_id"] == "session-1"
    await until(lambda: fake.connected.is_set(), what="the session to be resumed")
    # Discord may deliver the same event again after a resume: same message id, new sequence number.
    await fake.dispatch("MESSAGE_CREATE", payload)
    await post(fake, INSULT, author_id="600000000000000002", author_name="bob")
    await wait_for_dm(fake, 2)
    await settle(fake, 0.1)
    assert len(dm_posts(fake)) == 2, "the replayed message got no second suggestion"
    assert len(fake.identifies) == 1, "the session was resumed, not re-identified"


async def test_malformed_payload_is_logged_and_the_bot_keeps_running(
    bot: RunningBot, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    broken = fake.message_payload(INSULT)
    del broken["author"]
    with caplog.at_level(logging.ERROR, logger="adapters.discord.client"):
        await fake.dispatch("MESSAGE_CREATE", broken)
        await fake.dispatch("MESSAGE_REACTION_ADD", {"emoji": "not an object"})
        await post(fake, INSULT)
        await wait_for_dm(fake)
    lines = [record.getMessage() for record in caplog.records]
    assert any("malformed MESSAGE_CREATE payload" in line for line in lines)
    assert any("malformed MESSAGE_REACTION_ADD payload" in line for line in lines)
    assert all(INSULT not in line for line in lines), "message text never reaches the log"
    assert not bot.task.done()


async def test_rate_limited_dm_is_retried(
    bot: RunningBot, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    fake.fail_next(
        "POST",
        r"/channels/\d+/messages",
        429,
        {"message": "You are being rate limited.", "retry_after": 0.05, "global": False},
        headers={"Via": "1.1 google", "Retry-After": "1", "X-RateLimit-Scope": "user"},
    )
    await post(fake, INSULT)
    attempts = await wait_for_suggestions(fake, 2)  # the 429'd attempt and the retry are both recorded
    assert attempts[0].body == attempts[1].body
    assert any("rate limited" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("change", ["edit", "delete"])
async def test_edit_or_deletion_within_the_grace_period_cancels_the_nudge(
    tmp_path: Path, fake: FakeDiscord, change: str
) -> None:
    running = await start_bot(make_settings(tmp_path, fake, nudge_grace_seconds=0.4))
    try:
        payload = await post(fake, INSULT)
        if change == "edit":
            edited = dict(payload, content="you are right, Bob", edited_timestamp="2026-11-21T20:00:05+00:00")
            await fake.dispatch("MESSAGE_UPDATE", edited)
        else:
            await fake.dispatch(
                "MESSAGE_DELETE",
                {"id": payload["id"], "channel_id": CHANNEL_ID, "guild_id": payload["guild_id"]},
            )
        # A second member's message shows the grace period really elapses and nudges still go out.
        await post(fake, INSULT, author_id="600000000000000002", author_name="bob")
        await wait_for_dm(fake)
        await settle(fake, 0.2)
        assert [r.body for r in fake.find("POST", "/users/@me/channels")] == [
            {"recipient_id": 600000000000000002}
        ]
    finally:
        await running.stop()
