"""Small helpers the Discord adapter tests share: posting as a member and reading what the fake received."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from tests.adapters.discord.fake_discord import CHANNEL_ID, FakeDiscord, RecordedRequest

INSULT = "you are a complete idiot, Bob"
LEAKED_TOKEN = "deploy with this token: ghp_" + "Q7v2Lk9XaB3mN8pR4tY6wZ1cD5fG0hJ2sK9e"
HARMLESS = "the build is green again, thanks everyone"


def dm_posts(fake: FakeDiscord) -> list[RecordedRequest]:
    return [
        r for r in fake.find("POST", r"/channels/\d+/messages") if r.path.split("/")[2] in fake.dm_channels
    ]


def channel_posts(fake: FakeDiscord, channel_id: str = CHANNEL_ID) -> list[RecordedRequest]:
    return fake.find("POST", rf"/channels/{channel_id}/messages")


def callbacks(fake: FakeDiscord) -> list[RecordedRequest]:
    return fake.find("POST", r"/interactions/\d+/[^/]+/callback")


def followups(fake: FakeDiscord) -> list[RecordedRequest]:
    return fake.find("POST", r"/webhooks/\d+/[^/]+")


def custom_ids(body: dict[str, Any]) -> list[str]:
    return [component["custom_id"] for row in body.get("components", []) for component in row["components"]]


def text_of(body: dict[str, Any]) -> str:
    """Everything a member would read in a message body: content, embed titles, descriptions and fields."""
    data = body.get("data", body)
    parts = [data.get("content") or ""]
    for embed in data.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        parts += [f"{field['name']} {field['value']}" for field in embed.get("fields", [])]
    return "\n".join(parts)


async def post(fake: FakeDiscord, text: str, **options: Any) -> dict[str, Any]:
    payload = fake.message_payload(text, **options)
    await fake.dispatch("MESSAGE_CREATE", payload)
    return payload


async def until(condition: Callable[[], Any], timeout: float = 5.0, what: str = "condition") -> Any:
    """Poll the fake's records until `condition()` is truthy; fail with `what` after `timeout` seconds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = condition()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.005)


async def wait_for_dm(fake: FakeDiscord, count: int = 1, timeout: float = 5.0) -> list[RecordedRequest]:
    await until(lambda: len(dm_posts(fake)) >= count, timeout, f"{count} direct message(s)")
    return dm_posts(fake)


def suggestion_dms(fake: FakeDiscord) -> list[RecordedRequest]:
    """DMs carrying suggestion buttons (a leaked secret also brings an incident notice, without buttons)."""
    return [r for r in dm_posts(fake) if any(c.startswith("dc:s:") for c in custom_ids(r.body))]


async def wait_for_suggestions(
    fake: FakeDiscord, count: int = 1, timeout: float = 5.0
) -> list[RecordedRequest]:
    await until(lambda: len(suggestion_dms(fake)) >= count, timeout, f"{count} suggestion DM(s)")
    return suggestion_dms(fake)


async def settle(fake: FakeDiscord, seconds: float = 0.3) -> None:
    """Give the bot a moment in which it must NOT do something (used only for negative checks)."""
    await asyncio.sleep(seconds)


async def interact(fake: FakeDiscord, payload: dict[str, Any], timeout: float = 5.0) -> RecordedRequest:
    """Send an interaction and wait for its callback (the first answer Discord requires)."""
    before = len(callbacks(fake))
    await fake.dispatch("INTERACTION_CREATE", payload)
    await fake.wait_for_request(
        "POST", r"/interactions/\d+/[^/]+/callback", count=before + 1, timeout=timeout
    )
    return next(r for r in callbacks(fake) if r.path.split("/")[2] == payload["id"])


def as_message(fake: FakeDiscord, request: RecordedRequest) -> dict[str, Any]:
    """The message payload Discord would show for a message the bot sent (for a button press on it)."""
    return fake._created_message(request.path.split("/")[2], request.body)


def button(request: RecordedRequest, answer: str) -> str:
    return next(custom_id for custom_id in custom_ids(request.body) if custom_id.split(":")[2] == answer)


async def press(
    fake: FakeDiscord, dm: RecordedRequest, answer: str, user_id: str = "600000000000000001"
) -> RecordedRequest:
    """Press a button of a DM the bot sent, as its recipient, and return the interaction's callback."""
    channel_id = dm.path.split("/")[2]
    payload = fake.button_press(
        button(dm, answer),
        message=as_message(fake, dm),
        user_id=user_id,
        channel_id=channel_id,
        in_guild=False,
    )
    return await interact(fake, payload)


def modal_submission(
    fake: FakeDiscord, callback: RecordedRequest, values: dict[str, str], **options: Any
) -> dict[str, Any]:
    """A MODAL_SUBMIT interaction for the modal the bot opened, filling the fields whose labels are given."""
    modal = callback.body["data"]
    rows = []
    for row in modal["components"]:
        text_input = row.get("component") or row["components"][0]
        value = values.get(text_input["label"], text_input.get("value") or "")
        submitted = {"type": 4, "custom_id": text_input["custom_id"], "value": value}
        rows.append(
            {"type": 18, "component": submitted}
            if row["type"] == 18
            else {"type": 1, "components": [submitted]}
        )
    return fake.interaction_payload(5, {"custom_id": modal["custom_id"], "components": rows}, **options)
