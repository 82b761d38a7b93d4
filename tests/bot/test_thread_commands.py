"""Incident commands typed as replies in an incident thread are recognised by the core, for every platform."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.actions import OpenIncidentThread, PostIncidentUpdate, ReplyToCommand
from bot.engine import Engine
from bot.events import Place
from bot.receipts import IncidentThreadOpened
from bot.vocabulary import Platform
from tests.bot.conftest import Chat

TEAM = "C-TEAM"


async def open_incident_thread(engine: Engine, chat: Chat, thread_id: str) -> tuple[str, Place]:
    actions = await engine.handle(chat.command("incident", "open the deploy broke the login page"))
    opening = next(action for action in actions if isinstance(action, OpenIncidentThread))
    thread = Place(platform=chat.platform, workspace_id=chat.workspace_id, channel_id=TEAM, thread_id=thread_id)
    await engine.acknowledge(IncidentThreadOpened(incident_id=opening.incident_id, thread=thread))
    return opening.incident_id, thread


@pytest.mark.parametrize("platform", [Platform.SLACK, Platform.DISCORD])
async def test_a_reply_addressed_to_the_bot_in_the_thread_is_the_incident_command(
    make_engine: Callable[..., Engine], chat: Chat, platform: Platform
) -> None:
    chat.platform = platform
    engine = make_engine(incident_channel_id=TEAM)
    incident_id, thread = await open_incident_thread(engine, chat, "T-100")
    bot, owner = ("UBOT", "U7") if platform is Platform.SLACK else ("900", "700")

    actions = await engine.handle(chat.message(f"<@{bot}> owner <@{owner}>", place=thread, mentioned_ids=(bot, owner),
                                               addressed_to_bot=True))

    [update] = [action for action in actions if isinstance(action, PostIncidentUpdate)]
    assert update.incident_id == incident_id and update.thread == thread
    assert update.mention_ids == (owner,), "the addressed bot is not the new owner"
    assert engine.desk is not None and engine.desk.store.get(incident_id).owner_id == owner
    actions = await engine.handle(chat.message("SEV 1", place=thread))
    assert [action.kind for action in actions] == ["post_incident_update"]
    assert engine.desk.store.get(incident_id).severity == 1


async def test_other_replies_and_other_threads_stay_ordinary_messages(
    make_engine: Callable[..., Engine], chat: Chat
) -> None:
    engine = make_engine(incident_channel_id=TEAM)
    incident_id, thread = await open_incident_thread(engine, chat, "T-100")
    other_thread = thread.model_copy(update={"thread_id": "T-999"})

    assert await engine.handle(chat.message("thanks all, looking into it", place=thread)) == []
    assert await engine.handle(chat.message("update: I pinged the customer", place=thread)) == []
    assert await engine.handle(chat.message("update me when you can", place=other_thread)) == []
    assert await engine.handle(chat.message("note to self: buy milk", place=chat.place())) == []
    assert engine.desk is not None and engine.desk.store.get(incident_id).severity != 1
    # Addressed to the bot, a verb with bad arguments is still a command, answered privately with the reason.
    assert await engine.handle(chat.message("sev 9", place=thread)) == []
    [reply] = await engine.handle(chat.message("<@UBOT> sev 9", place=thread, addressed_to_bot=True))
    assert isinstance(reply, ReplyToCommand) and reply.recipient_id == "U1"


async def test_a_thread_command_from_another_workspace_is_not_applied(
    make_engine: Callable[..., Engine], chat: Chat
) -> None:
    engine = make_engine(incident_channel_id=TEAM)
    _, thread = await open_incident_thread(engine, chat, "T-100")
    elsewhere = thread.model_copy(update={"workspace_id": "T-OTHER"})
    assert await engine.handle(chat.message("<@UBOT> resolve all good", place=elsewhere, addressed_to_bot=True)) == []


async def test_each_platform_opens_incidents_in_its_own_team_channel(
    make_engine: Callable[..., Engine], chat: Chat
) -> None:
    engine = make_engine(incident_channel_id="C-SHARED", discord_incident_channel_id="D-TEAM")
    opened = {}
    for platform in (Platform.SLACK, Platform.DISCORD):
        chat.platform = platform
        actions = await engine.handle(chat.command("incident", f"open the {platform.value} deploy broke login"))
        [opening] = [action for action in actions if isinstance(action, OpenIncidentThread)]
        opened[platform] = opening.team_channel_id
    # Discord has its own channel; Slack, without one of its own, falls back to INCIDENT_CHANNEL_ID.
    assert opened == {Platform.SLACK: "C-SHARED", Platform.DISCORD: "D-TEAM"}


async def test_without_any_team_channel_for_the_platform_the_command_says_so(
    make_engine: Callable[..., Engine], chat: Chat
) -> None:
    engine = make_engine(slack_incident_channel_id="C-SLACK")
    chat.platform = Platform.DISCORD
    actions = await engine.handle(chat.command("incident", "open something went wrong"))
    assert not [action for action in actions if isinstance(action, OpenIncidentThread)]
    assert [action.kind for action in actions] == ["reply_to_command"]
