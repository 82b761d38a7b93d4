"""Incident threads on Discord: opened automatically for a leaked token, worked through commands, reactions, resolve."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from tests.adapters.discord.conftest import RunningBot
from tests.adapters.discord.fake_discord import (
    BOT_USER_ID,
    CHANNEL_ID,
    TEAM_CHANNEL_ID,
    FakeDiscord,
    RecordedRequest,
)
from tests.adapters.discord.helpers import (
    INSULT,
    LEAKED_TOKEN,
    channel_posts,
    custom_ids,
    interact,
    post,
    settle,
    text_of,
    until,
    wait_for_suggestions,
)
from tests.adapters.discord.payloads import BOT_ROLE_ID, user_payload

SECRET_TAIL = "Q7v2Lk9XaB3mN8pR4tY6wZ1cD5fG0hJ2sK9e"
EPHEMERAL = 64


def thread_posts(fake: FakeDiscord, thread_id: str) -> list[RecordedRequest]:
    return fake.find("POST", rf"/channels/{thread_id}/messages")


async def open_incident_for_leak(fake: FakeDiscord) -> tuple[dict[str, Any], RecordedRequest, str]:
    leak = await post(fake, LEAKED_TOKEN)
    [starter] = await until(lambda: channel_posts(fake, TEAM_CHANNEL_ID), what="the incident's first message")
    [thread] = await until(
        lambda: fake.find("POST", rf"/channels/{TEAM_CHANNEL_ID}/messages/\d+/threads"),
        what="the incident thread",
    )
    thread_id = thread.path.split("/")[4]
    return leak, starter, thread_id


async def in_thread(
    fake: FakeDiscord, thread_id: str, action: str, user_id: str = "600000000000000003"
) -> str:
    payload = fake.slash_command(
        "incident",
        {"action": action},
        channel_id=TEAM_CHANNEL_ID,
        thread_id=thread_id,
        user_id=user_id,
        user_name="carol",
    )
    callback = await interact(fake, payload)
    assert callback.body["type"] in {4, 5}
    return text_of(callback.body)


async def test_leaked_token_opens_an_incident_thread_in_the_team_channel(
    bot: RunningBot, fake: FakeDiscord
) -> None:
    leak, starter, _ = await open_incident_for_leak(fake)
    card = text_of(starter.body)
    assert SECRET_TAIL not in card, "never the raw secret"
    jump = f"https://discord.com/channels/{leak['guild_id']}/{CHANNEL_ID}/{leak['id']}"
    assert f"]({jump})" in starter.body["embeds"][0]["description"], "the first message links the flagged message"
    step_buttons = [custom_id for custom_id in custom_ids(starter.body) if custom_id.startswith("dc:i:")]
    assert step_buttons, "checklist steps can be ticked from the thread's first message"
    await wait_for_suggestions(fake)  # the author is still told privately
    assert channel_posts(fake) == [], "nothing about it in the channel where it leaked"


async def test_commands_in_the_thread_and_resolve_summary(bot: RunningBot, fake: FakeDiscord) -> None:
    _, starter, thread_id = await open_incident_for_leak(fake)
    before = len(thread_posts(fake, thread_id))
    await in_thread(fake, thread_id, "owner <@600000000000000003>")
    await in_thread(fake, thread_id, "update rotated the token, checking the access logs")
    await until(lambda: len(thread_posts(fake, thread_id)) > before, what="updates posted in the thread")
    assert "<@600000000000000003>" in "\n".join(text_of(r.body) for r in thread_posts(fake, thread_id))

    step = next(custom_id for custom_id in custom_ids(starter.body) if custom_id.startswith("dc:i:"))
    starter_message = fake._created_message(TEAM_CHANNEL_ID, starter.body)
    pressed = fake.button_press(
        step,
        message=starter_message,
        channel_id=TEAM_CHANNEL_ID,
        user_id="600000000000000003",
        user_name="carol",
    )
    await interact(fake, pressed)

    posted = len(thread_posts(fake, thread_id))
    await in_thread(fake, thread_id, "resolve rotated within the hour; add a pre-commit secret scan")
    await until(lambda: len(thread_posts(fake, thread_id)) > posted, what="the resolve summary")
    summary = text_of(thread_posts(fake, thread_id)[-1].body)
    assert "pre-commit secret scan" in summary
    assert "[x]" in summary, "the ticked step shows as done"
    assert SECRET_TAIL not in summary


async def test_negative_reactions_raise_the_severity(bot: RunningBot, fake: FakeDiscord) -> None:
    flagged = await post(fake, INSULT)
    await wait_for_suggestions(fake)
    for user_id in ("600000000000000011", "600000000000000012", "600000000000000013", "600000000000000014"):
        await fake.dispatch("MESSAGE_REACTION_ADD", fake.reaction_payload(flagged, "👎", user_id))
    # Past the threshold the playbook opens an incident (or raises its severity) in the team channel.
    await until(lambda: channel_posts(fake, TEAM_CHANNEL_ID), what="an incident from the reactions")
    assert channel_posts(fake) == []


async def test_negative_reactions_raise_an_open_incidents_severity(
    bot: RunningBot, fake: FakeDiscord
) -> None:
    leak, _, thread_id = await open_incident_for_leak(fake)
    before = len(thread_posts(fake, thread_id))
    for user_id in ("600000000000000011", "600000000000000012", "600000000000000013"):
        await fake.dispatch("MESSAGE_REACTION_ADD", fake.reaction_payload(leak, "😡", user_id))
    await until(lambda: len(thread_posts(fake, thread_id)) > before, what="the severity change in the thread")
    update = text_of(thread_posts(fake, thread_id)[-1].body)
    assert "raised the severity" in update


async def test_open_incident_about_this_message_context_menu(bot: RunningBot, fake: FakeDiscord) -> None:
    target = fake.message_payload(
        "the migration deletes the prod table at noon", author_id="600000000000000002"
    )
    callback = await interact(
        fake,
        fake.context_menu(
            "Open incident about this message", target, user_id="600000000000000003", user_name="carol"
        ),
    )
    assert callback.body["data"]["flags"] & EPHEMERAL
    await until(
        lambda: fake.find("POST", rf"/channels/{TEAM_CHANNEL_ID}/messages/\d+/threads"), what="the thread"
    )
    assert channel_posts(fake) == []


async def test_team_channel_refusal_is_logged_and_the_bot_keeps_running(
    bot: RunningBot, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    fake.fail_next(
        "POST", rf"/channels/{TEAM_CHANNEL_ID}/messages", 403, {"message": "Missing Access", "code": 50001}
    )
    with caplog.at_level(logging.WARNING):
        await post(fake, LEAKED_TOKEN)
        await wait_for_suggestions(fake)  # the author's nudge is unaffected
        await until(
            lambda: any("code 50001 -> not_in_channel" in r.getMessage() for r in caplog.records),
            what="the refusal's log line",
        )
    assert not bot.task.done()
    assert channel_posts(fake) == []


async def test_commands_typed_in_the_incident_thread(bot: RunningBot, fake: FakeDiscord) -> None:
    _, _, thread_id = await open_incident_for_leak(fake)
    before = len(thread_posts(fake, thread_id))
    typed = fake.message_payload(
        f"<@{BOT_USER_ID}> update rotated the key, watching the logs",
        author_id="600000000000000003",
        author_name="carol",
        channel_id=thread_id,
    )
    typed["mentions"] = [user_payload(BOT_USER_ID, "damage-control", bot=True)]
    await fake.dispatch("MESSAGE_CREATE", typed)
    await until(lambda: len(thread_posts(fake, thread_id)) > before, what="the typed update in the timeline")
    assert "rotated the key" in text_of(thread_posts(fake, thread_id)[-1].body)

    # Addressed to the bot first: the bot is not the new owner, the member named after the verb is.
    addressed = fake.message_payload(
        f"<@{BOT_USER_ID}> owner <@600000000000000004>",
        author_id="600000000000000003",
        author_name="carol",
        channel_id=thread_id,
    )
    addressed["mentions"] = [user_payload(BOT_USER_ID, "damage-control", bot=True),
                             user_payload("600000000000000004", "dave")]
    before = len(thread_posts(fake, thread_id))
    await fake.dispatch("MESSAGE_CREATE", addressed)
    await until(lambda: len(thread_posts(fake, thread_id)) > before, what="the owner change in the thread")
    owner_post = text_of(thread_posts(fake, thread_id)[-1].body)
    assert "<@600000000000000004>" in owner_post

    # Discord's autocomplete may pick the bot's managed role for "@damage-control": that addresses it too.
    by_role = fake.message_payload(
        f"<@&{BOT_ROLE_ID}> note staging used the same key",
        author_id="600000000000000003",
        author_name="carol",
        channel_id=thread_id,
    )
    by_role["mention_roles"] = [BOT_ROLE_ID]
    before = len(thread_posts(fake, thread_id))
    await fake.dispatch("MESSAGE_CREATE", by_role)
    await until(lambda: len(thread_posts(fake, thread_id)) > before, what="the note typed to the bot's role")
    assert "staging used the same key" in text_of(thread_posts(fake, thread_id)[-1].body)

    # Talk in the thread stays talk, even when it starts with a command's word: nothing posted for it.
    before = len(thread_posts(fake, thread_id))
    for talk in ("thanks, on it", "update: I pinged the customer", "done with the rollback, resolve soon?"):
        await fake.dispatch("MESSAGE_CREATE", fake.message_payload(
            talk, author_id="600000000000000003", author_name="carol", channel_id=thread_id))
    await settle(fake, 0.2)
    assert len(thread_posts(fake, thread_id)) == before
