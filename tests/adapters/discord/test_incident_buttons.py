"""Incident card buttons on Discord: real component and modal-submit interactions through discord.py, the
resolve modal, a refused resolve (ephemeral), a channel admin's way out, and thread talk that changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.store.incidents import Incident
from tests.adapters.discord.conftest import RunningBot
from tests.adapters.discord.fake_discord import (
    BOT_USER_ID,
    GUILD_ID,
    TEAM_CHANNEL_ID,
    FakeDiscord,
    RecordedRequest,
)
from tests.adapters.discord.helpers import custom_ids, interact, modal_submission, settle, text_of, until
from tests.adapters.discord.payloads import user_payload
from tests.adapters.discord.test_incidents import open_incident_for_leak, thread_posts

EPHEMERAL = 64
CAROL = "600000000000000003"  # claims the incident
DAVE = "600000000000000004"  # a member with no say over channels or threads
ERIN = "600000000000000005"  # a member who manages the team channel's threads
# View Channel, Send Messages, Read Message History: an ordinary member, no Manage Channels/Threads.
MEMBER_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 16)


def control(starter: RecordedRequest, verb: str) -> str:
    return next(custom_id for custom_id in custom_ids(starter.body) if custom_id.startswith(f"dc:ic:{verb}:"))


async def press(fake: FakeDiscord, starter: RecordedRequest, verb: str, user_id: str,
                permissions: int | None = None) -> RecordedRequest:
    """Press a button of the incident's first message as `user_id`; returns the interaction's callback."""
    payload = fake.button_press(control(starter, verb), message=fake._created_message(TEAM_CHANNEL_ID, starter.body),
                                channel_id=TEAM_CHANNEL_ID, user_id=user_id, user_name=f"member{user_id[-2:]}")
    if permissions is not None:
        payload["member"]["permissions"] = str(permissions)
    return await interact(fake, payload)


def incident_of(bot: RunningBot) -> Incident:
    desk = bot.engine.desk
    assert desk is not None
    [incident] = desk.store.listing("discord", GUILD_ID, datetime(2000, 1, 1, tzinfo=UTC))
    return incident


async def claimed_incident(fake: FakeDiscord) -> tuple[RecordedRequest, str]:
    _, starter, thread_id = await open_incident_for_leak(fake)
    before = len(thread_posts(fake, thread_id))
    callback = await press(fake, starter, "owner", CAROL, MEMBER_PERMISSIONS)
    # The card sits in the team channel, outside the thread: the change goes in the thread, and the one who
    # clicked gets a confirmation only they see.
    assert callback.body["type"] == 4 and callback.body["data"]["flags"] & EPHEMERAL
    assert "now owns this incident" in text_of(callback.body)
    await until(lambda: len(thread_posts(fake, thread_id)) > before, what="the owner change in the thread")
    return starter, thread_id


async def test_the_card_carries_the_incident_buttons(bot: RunningBot, fake: FakeDiscord) -> None:
    _, starter, _ = await open_incident_for_leak(fake)
    ids = custom_ids(starter.body)
    incident_id = incident_of(bot).incident_id
    assert ids[:3] == [f"dc:ic:owner:{incident_id}", f"dc:ic:update:{incident_id}", f"dc:ic:resolve:{incident_id}"]
    assert [component["label"] for component in starter.body["components"][0]["components"]] == [
        "Take ownership", "Post update", "Resolve"]
    assert any(custom_id.startswith("dc:i:") for custom_id in ids[3:]), "the checklist stays below"


async def test_take_ownership_then_resolve_through_the_modal(bot: RunningBot, fake: FakeDiscord) -> None:
    starter, thread_id = await claimed_incident(fake)
    assert f"<@{CAROL}>" in text_of(thread_posts(fake, thread_id)[-1].body)
    assert incident_of(bot).owner_id == CAROL

    callback = await press(fake, starter, "resolve", CAROL, MEMBER_PERMISSIONS)
    assert callback.body["type"] == 9, "a modal"
    modal = callback.body["data"]
    assert modal["custom_id"].startswith(f"dc:if:resolve:{incident_of(bot).incident_id}:")
    field = modal["components"][0].get("component") or modal["components"][0]["components"][0]
    assert field["required"] is False, "lessons learned are optional"
    assert incident_of(bot).status == "open", "nothing is resolved before the form is sent"

    before = len(thread_posts(fake, thread_id))
    submission = modal_submission(fake, callback, {field["label"]: "scan for tokens before merging"},
                                  channel_id=TEAM_CHANNEL_ID, user_id=CAROL, user_name="carol")
    submission["member"]["permissions"] = str(MEMBER_PERMISSIONS)
    await interact(fake, submission)

    await until(lambda: len(thread_posts(fake, thread_id)) > before, what="the resolve summary")
    assert "scan for tokens before merging" in text_of(thread_posts(fake, thread_id)[-1].body)
    incident = incident_of(bot)
    assert (incident.status, incident.resolved_by, incident.lessons) == (
        "resolved", CAROL, "scan for tokens before merging")


async def test_a_resolve_by_an_ordinary_member_is_refused_privately(bot: RunningBot, fake: FakeDiscord) -> None:
    starter, thread_id = await claimed_incident(fake)
    before = len(thread_posts(fake, thread_id))

    callback = await press(fake, starter, "resolve", DAVE, MEMBER_PERMISSIONS)

    assert callback.body["type"] == 4 and callback.body["data"]["flags"] & EPHEMERAL, "an ephemeral answer"
    refusal = text_of(callback.body)
    assert "can be resolved by its owner" in refusal and f"<@{CAROL}>" in refusal
    taken = await press(fake, starter, "owner", DAVE, MEMBER_PERMISSIONS)
    assert taken.body["data"]["flags"] & EPHEMERAL and "can hand it over" in text_of(taken.body)
    await settle(fake, 0.2)
    assert len(thread_posts(fake, thread_id)) == before, "no public word about it"
    incident = incident_of(bot)
    assert (incident.status, incident.owner_id) == ("open", CAROL)


async def test_a_member_who_manages_threads_may_resolve(bot: RunningBot, fake: FakeDiscord) -> None:
    starter, _ = await claimed_incident(fake)
    manage_threads = MEMBER_PERMISSIONS | (1 << 34)

    callback = await press(fake, starter, "resolve", ERIN, manage_threads)

    assert callback.body["type"] == 9, "Discord says Erin moderates the threads: the form opens"


async def test_post_update_opens_a_required_form(bot: RunningBot, fake: FakeDiscord) -> None:
    _, starter, thread_id = await open_incident_for_leak(fake)
    callback = await press(fake, starter, "update", DAVE, MEMBER_PERMISSIONS)  # updates are anyone's
    assert callback.body["type"] == 9
    field = callback.body["data"]["components"][0].get("component") or \
        callback.body["data"]["components"][0]["components"][0]
    assert field["required"] is True

    before = len(thread_posts(fake, thread_id))
    await interact(fake, modal_submission(fake, callback, {field["label"]: "token revoked at the provider"},
                                          channel_id=TEAM_CHANNEL_ID, user_id=DAVE, user_name="dave"))
    await until(lambda: len(thread_posts(fake, thread_id)) > before, what="the update in the thread")
    assert "token revoked at the provider" in text_of(thread_posts(fake, thread_id)[-1].body)


async def test_a_reply_that_only_pings_the_bot_stays_conversation(bot: RunningBot, fake: FakeDiscord) -> None:
    _, _, thread_id = await open_incident_for_leak(fake)
    before = len(thread_posts(fake, thread_id))
    timeline = bot.engine.desk.store.timeline(incident_of(bot).incident_id)

    talk: list[dict[str, Any]] = []
    for text in (f"thanks <@{BOT_USER_ID}>, resolve it when you can", "owner should be whoever is on call",
                 "note that staging used the same token"):
        message = fake.message_payload(text, author_id=CAROL, author_name="carol", channel_id=thread_id)
        message["mentions"] = [user_payload(BOT_USER_ID, "damage-control", bot=True)] if "<@" in text else []
        talk.append(message)
        await fake.dispatch("MESSAGE_CREATE", message)
    await settle(fake, 0.3)

    assert len(thread_posts(fake, thread_id)) == before
    incident = incident_of(bot)
    assert (incident.status, incident.owner_id) == ("open", None)
    assert bot.engine.desk.store.timeline(incident.incident_id) == timeline
