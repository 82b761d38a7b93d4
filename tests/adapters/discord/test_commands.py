"""Slash commands and context menus, answered ephemerally; closed DMs; the message content intent; command sync."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path

import discord
import pytest

from adapters.discord.runner import run_discord
from tests.adapters.discord.conftest import RunningBot, make_settings, start_bot
from tests.adapters.discord.fake_discord import APPLICATION_ID, GUILD_ID, MESSAGE_CONTENT_INTENT, FakeDiscord
from tests.adapters.discord.helpers import (
    INSULT,
    channel_posts,
    custom_ids,
    dm_posts,
    followups,
    interact,
    modal_submission,
    post,
    settle,
    text_of,
    until,
)

EPHEMERAL = 64


async def command(fake: FakeDiscord, name: str, **options: object) -> str:
    callback = await interact(fake, fake.slash_command(name, options or None))
    assert callback.body["type"] == 4
    assert callback.body["data"]["flags"] & EPHEMERAL, f"/damage {name} must answer ephemerally"
    return text_of(callback.body)


async def test_commands_are_synced_globally_on_start(bot: RunningBot, fake: FakeDiscord) -> None:
    [sync] = fake.find("PUT", rf"/applications/{APPLICATION_ID}/commands")
    names = {entry["name"] for entry in sync.body}
    assert names == {"damage", "Check this message", "Open incident about this message"}
    [group] = [entry for entry in sync.body if entry["name"] == "damage"]
    assert {option["name"] for option in group["options"]} == {
        "check",
        "apologies",
        "settings",
        "snooze",
        "forget-me",
        "incident",
        "help",
    }


async def test_commands_sync_to_the_configured_guild(tmp_path: Path, fake: FakeDiscord) -> None:
    running = await start_bot(make_settings(tmp_path, fake, discord_guild_id=int(GUILD_ID)))
    try:
        assert fake.find("PUT", rf"/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands")
        assert not fake.find("PUT", rf"/applications/{APPLICATION_ID}/commands")
        assert await command(fake, "help")  # guild-scoped commands are found too
    finally:
        await running.stop()


async def test_no_sync_when_switched_off(tmp_path: Path, fake: FakeDiscord) -> None:
    running = await start_bot(make_settings(tmp_path, fake, discord_sync_commands=False))
    try:
        assert not fake.find("PUT", r"/applications/.*")
    finally:
        await running.stop()


async def test_check_help_apologies_snooze_forget_me(bot: RunningBot, fake: FakeDiscord) -> None:
    checked = await command(fake, "check", text=INSULT)
    assert "insult" in checked.lower()
    assert (await command(fake, "help")).strip()
    assert (await command(fake, "apologies")).strip()
    snoozed = await command(fake, "snooze", hours=2)
    assert "UTC" in snoozed
    forgotten = await command(fake, "forget-me")
    assert forgotten.strip()
    assert channel_posts(fake) == [] and dm_posts(fake) == []


async def test_snoozed_member_gets_no_nudge(bot: RunningBot, fake: FakeDiscord) -> None:
    await command(fake, "snooze", hours=1)
    await post(fake, INSULT)
    await post(fake, INSULT, author_id="600000000000000002", author_name="bob")
    await until(lambda: dm_posts(fake), what="bob's nudge")
    await settle(fake, 0.1)
    assert [r.body for r in fake.find("POST", "/users/@me/channels")] == [
        {"recipient_id": 600000000000000002}
    ]


async def test_bad_arguments_get_a_clear_ephemeral_answer(bot: RunningBot, fake: FakeDiscord) -> None:
    answer = await command(fake, "snooze", hours="forever")
    assert "snooze HOURS" in answer, "the usage, not a crash"
    unknown = await interact(fake, fake.slash_command("explode"))
    assert unknown.body["data"]["flags"] & EPHEMERAL
    assert "help" in text_of(unknown.body)


async def test_settings_opens_a_modal_and_saves_the_submission(bot: RunningBot, fake: FakeDiscord) -> None:
    callback = await interact(fake, fake.slash_command("settings"))
    assert callback.body["type"] == 9, "a modal"
    labels = [text_of(row) for row in callback.body["data"]["components"]]
    assert labels
    saved = await interact(fake, modal_submission(fake, callback, {"sensitivity": "high"}))
    assert saved.body["data"]["flags"] & EPHEMERAL
    assert "sensitivity: high" in text_of(saved.body).lower()


async def test_settings_with_a_bad_value_says_what_is_wrong(bot: RunningBot, fake: FakeDiscord) -> None:
    callback = await interact(fake, fake.slash_command("settings"))
    answer = await interact(fake, modal_submission(fake, callback, {"sensitivity": "extreme"}))
    assert "sensitivity must be low, normal or high" in text_of(answer.body)


async def test_check_this_message_context_menu(bot: RunningBot, fake: FakeDiscord) -> None:
    target = fake.message_payload(INSULT, author_id="600000000000000002", author_name="bob")
    callback = await interact(fake, fake.context_menu("Check this message", target))
    assert callback.body["data"]["flags"] & EPHEMERAL
    assert "insult" in text_of(callback.body).lower()
    assert channel_posts(fake) == []


async def test_closed_dms_fall_back_to_the_next_command_never_public(
    bot: RunningBot, fake: FakeDiscord
) -> None:
    fake.closed_dm_user_ids.add("600000000000000001")
    await post(fake, INSULT)
    await until(lambda: dm_posts(fake), what="the DM attempt")
    await settle(fake, 0.1)
    assert channel_posts(fake) == [], "the finding is never posted in public"
    assert fake.find("POST", r"/channels/\d+/threads") == []
    await command(fake, "help")
    [waiting] = await until(lambda: followups(fake), what="the held-back suggestion")
    assert waiting.body["flags"] & EPHEMERAL
    assert any(custom_id.startswith("dc:s:") for custom_id in custom_ids(waiting.body))
    await command(fake, "help")
    await settle(fake, 0.05)
    assert len(followups(fake)) == 1, "shown once"


async def test_a_suggestion_held_for_closed_dms_survives_a_restart(
    tmp_path: Path, fake: FakeDiscord
) -> None:
    fake.closed_dm_user_ids.add("600000000000000001")
    settings = make_settings(tmp_path, fake)
    first = await start_bot(settings)
    try:
        await post(fake, INSULT)
        await until(lambda: dm_posts(fake), what="the DM attempt")
        await settle(fake, 0.1)
    finally:
        await first.stop()
    second = await start_bot(settings)  # same database file: the held suggestion is in it
    try:
        await command(fake, "help")
        [waiting] = await until(lambda: followups(fake), what="the suggestion held across the restart")
        assert waiting.body["flags"] & EPHEMERAL
        assert any(custom_id.startswith("dc:s:") for custom_id in custom_ids(waiting.body))
        assert channel_posts(fake) == []
    finally:
        await second.stop()


async def test_closed_dms_fall_back_to_a_private_thread_when_configured(
    tmp_path: Path, fake: FakeDiscord
) -> None:
    fake.closed_dm_user_ids.add("600000000000000001")
    running = await start_bot(make_settings(tmp_path, fake, discord_dm_fallback="private_thread"))
    try:
        await post(fake, INSULT)
        [thread] = await until(lambda: fake.find("POST", r"/channels/\d+/threads"), what="a private thread")
        assert thread.body["type"] == 12 and thread.body["invitable"] is False
        thread_id = next(iter(fake.threads))
        await until(
            lambda: fake.find("PUT", rf"/channels/{thread_id}/thread-members/600000000000000001"),
            what="member added",
        )
        [message] = await until(
            lambda: fake.find("POST", rf"/channels/{thread_id}/messages"), what="the suggestion"
        )
        assert any(custom_id.startswith("dc:s:") for custom_id in custom_ids(message.body))
        assert channel_posts(fake) == []
    finally:
        await running.stop()


async def test_without_message_content_intent_nudges_are_off_and_commands_work(
    tmp_path: Path, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    fake.message_content_granted = False
    settings = make_settings(tmp_path, fake)
    with caplog.at_level(logging.INFO):
        runner = asyncio.create_task(run_discord(settings, guild_ready_timeout=0.01))
        try:
            await until(
                lambda: len(fake.identifies) == 2 and fake.connected.is_set(), what="the second IDENTIFY"
            )
            assert fake.identifies[0]["intents"] & MESSAGE_CONTENT_INTENT
            assert not fake.identifies[1]["intents"] & MESSAGE_CONTENT_INTENT
            await post(fake, INSULT)
            assert "insult" in (await command(fake, "check", text=INSULT)).lower()
            assert dm_posts(fake) == [], "no proactive nudge"
        finally:
            runner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await runner
    assert any("proactive nudges are OFF" in record.getMessage() for record in caplog.records)
    assert any(
        "invite link: https://discord.com/oauth2/authorize" in record.getMessage()
        for record in caplog.records
    )


async def test_sharded_client_when_more_than_one_shard(tmp_path: Path, fake: FakeDiscord) -> None:
    # Discord spaces IDENTIFYs 5 s apart, so only shard 0 is awaited here; it alone carries the test guild.
    # Shard 1 is stopped while it waits to identify; a long heartbeat keeps its keep-alive thread quiet after.
    fake.heartbeat_interval_ms = 3_600_000
    running = await start_bot(make_settings(tmp_path, fake, discord_shard_count=2), wait_until_ready=False)
    try:
        assert isinstance(running.client, discord.AutoShardedClient)
        await until(lambda: fake.connected.is_set(), what="shard 0 to connect")
        assert fake.identifies[0]["shard"] == [0, 2]
        await post(fake, INSULT)
        await until(lambda: dm_posts(fake), what="a nudge through the sharded client")
    finally:
        await running.stop()


async def test_a_refused_token_stops_with_a_clear_message(tmp_path: Path, fake: FakeDiscord) -> None:
    fake.fail_next("GET", r"^/users/@me$", 401, {"message": "401: Unauthorized", "code": 0})
    settings = make_settings(tmp_path, fake)
    with pytest.raises(SystemExit) as stopped:
        await run_discord(settings, guild_ready_timeout=0.01)
    assert "DISCORD_TOKEN" in str(stopped.value)
    assert settings.discord_token is not None
    assert settings.discord_token.get_secret_value() not in str(stopped.value)
