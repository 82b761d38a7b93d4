"""Button presses on the private suggestion (component interactions), including after a restart."""

from __future__ import annotations

from pathlib import Path

from tests.adapters.discord.conftest import RunningBot, make_settings, start_bot
from tests.adapters.discord.fake_discord import CHANNEL_ID, MANAGE_MESSAGES, FakeDiscord
from tests.adapters.discord.helpers import (
    INSULT,
    LEAKED_TOKEN,
    button,
    channel_posts,
    followups,
    post,
    press,
    text_of,
    until,
    wait_for_suggestions,
)

EPHEMERAL = 64


def private_answers(fake: FakeDiscord) -> str:
    """Everything the member was told privately in answer to interactions (callbacks and follow-ups)."""
    bodies = [r.body for r in fake.find("POST", r"/interactions/\d+/[^/]+/callback")] + [
        r.body for r in followups(fake)
    ]
    return "\n".join(text_of(body) for body in bodies if isinstance(body, dict))


async def test_show_correction_sends_the_corrected_text_to_copy(bot: RunningBot, fake: FakeDiscord) -> None:
    await post(fake, INSULT)
    [dm] = await wait_for_suggestions(fake)
    callback = await press(fake, dm, "apply_correction")
    assert callback.body["type"] == 4 and callback.body["data"]["flags"] & EPHEMERAL
    answer = text_of(callback.body)
    assert "couldn't edit" in answer
    assert "idiot" not in answer.split("\n", 1)[1], "the corrected text drops the insult"
    assert "```" in callback.body["data"]["embeds"][0]["description"], "the correction as a code block to copy"
    assert fake.find("PATCH", rf"/channels/{CHANNEL_ID}/messages/\d+") == [], (
        "bots cannot edit a member's message"
    )


async def test_dismiss_and_not_a_problem_are_acknowledged_privately(
    bot: RunningBot, fake: FakeDiscord
) -> None:
    await post(fake, INSULT)
    await post(fake, INSULT)
    first, second = await wait_for_suggestions(fake, 2)
    dismissed = await press(fake, first, "dismiss")
    assert dismissed.body["type"] in {4, 6}  # a quiet acknowledgement, never "This interaction failed"
    [greyed] = await until(
        lambda: fake.find("PATCH", r"/channels/\d+/messages/\d+"), what="buttons greyed out"
    )
    assert all(
        component["disabled"] for row in greyed.body["components"] for component in row["components"]
    ), "a dismissed suggestion's buttons are disabled"
    feedback = await press(fake, second, "not_a_problem")
    assert feedback.body["data"]["flags"] & EPHEMERAL
    assert "not a problem" in text_of(feedback.body).lower() or "noted" in text_of(feedback.body).lower()
    assert channel_posts(fake) == []


async def test_post_apology_gives_a_draft_when_posting_on_behalf_is_off(
    bot: RunningBot, fake: FakeDiscord
) -> None:
    await post(fake, INSULT)
    [dm] = await wait_for_suggestions(fake)
    await press(fake, dm, "post_apology")
    await until(lambda: "post it yourself" in private_answers(fake), what="the draft to copy")
    assert channel_posts(fake) == [], "nothing is posted in the member's name"


async def test_post_apology_and_topic_change_on_behalf_when_allowed(
    tmp_path: Path, fake: FakeDiscord
) -> None:
    running = await start_bot(make_settings(tmp_path, fake, discord_post_on_behalf=True))
    try:
        await post(fake, INSULT)
        await post(fake, INSULT)
        first, second = await wait_for_suggestions(fake, 2)
        await press(fake, first, "post_apology")
        [apology] = await until(lambda: channel_posts(fake), what="the apology in the channel")
        assert "<@600000000000000001>" in apology.body["content"], "attributed to the member"
        assert apology.body["allowed_mentions"]["parse"] == []
        await press(fake, second, "change_topic")
        await until(lambda: len(channel_posts(fake)) == 2, what="the topic change in the channel")
    finally:
        await running.stop()


async def test_delete_my_message_deletes_it_with_manage_messages(bot: RunningBot, fake: FakeDiscord) -> None:
    payload = await post(fake, LEAKED_TOKEN)
    [dm] = await wait_for_suggestions(fake)
    await press(fake, dm, "delete")
    await until(
        lambda: fake.find("DELETE", rf"/channels/{CHANNEL_ID}/messages/{payload['id']}"), what="the deletion"
    )


async def test_delete_without_manage_messages_says_it_cannot(tmp_path: Path, fake: FakeDiscord) -> None:
    fake.bot_permissions &= ~MANAGE_MESSAGES
    running = await start_bot(make_settings(tmp_path, fake))
    try:
        await post(fake, LEAKED_TOKEN)
        [dm] = await wait_for_suggestions(fake)
        await press(fake, dm, "delete")
        await until(lambda: "couldn't delete" in private_answers(fake), what="the 'cannot delete' answer")
        assert fake.find("DELETE", r"/channels/\d+/messages/\d+") == []
        assert channel_posts(fake) == []
    finally:
        await running.stop()


async def test_buttons_work_after_a_restart(tmp_path: Path, fake: FakeDiscord) -> None:
    settings = make_settings(tmp_path, fake)
    first_run = await start_bot(settings)
    await post(fake, INSULT)
    [dm] = await wait_for_suggestions(fake)
    await first_run.stop()

    second_run = await start_bot(settings)  # a new process: new client, same database
    try:
        assert button(dm, "apply_correction").startswith("dc:s:apply_correction:")
        callback = await press(fake, dm, "apply_correction")
        assert "couldn't edit" in text_of(callback.body)
    finally:
        await second_run.stop()


async def test_someone_elses_button_is_refused_privately(bot: RunningBot, fake: FakeDiscord) -> None:
    await post(fake, INSULT)
    [dm] = await wait_for_suggestions(fake)
    callback = await press(fake, dm, "apply_correction", user_id="600000000000000005")
    assert callback.body["data"]["flags"] & EPHEMERAL
    assert "couldn't edit" not in text_of(callback.body)
