"""Every button of a private suggestion, pressed as Slack sends it, with and without the user's own token."""

from __future__ import annotations

from typing import Any

from tests.adapters.slack.conftest import (
    AUTHOR_ID,
    CHANNEL_ID,
    INSULT,
    LEAKED_KEY,
    SlackHarness,
    StartSlack,
    blocks_text,
    buttons_of,
    decoded_blocks,
    has_answer_buttons,
)
from tests.adapters.slack.fake_slack import TEAM_ID

USER_TOKEN = "xoxp-author-user-token"


async def suggestion_for(slack: SlackHarness, text: str = INSULT) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Post a message and return (its event, the buttons of the suggestion the fake received)."""
    event = await slack.say(text)
    [call] = await slack.fake.wait_for("chat.postEphemeral", where=has_answer_buttons)
    await slack.fake.settle(0.1)  # and whatever else the message causes (an incident's notice, ...)
    return event, buttons_of(decoded_blocks(call.args["blocks"]))


def drafted(blocks: list[dict[str, Any]], label: str) -> str:
    """The drafted text shown under a button's label in the suggestion."""
    for block in blocks:
        text = (block.get("text") or {}).get("text", "")
        if text.startswith(f"*{label}*\n> "):
            return text.split("\n> ", 1)[1]
    raise AssertionError(f"no draft under {label}")


async def test_apply_correction_with_the_users_token_edits_the_message(slack: SlackHarness) -> None:
    slack.bot.user_tokens.save(TEAM_ID, AUTHOR_ID, USER_TOKEN)
    event, buttons = await suggestion_for(slack)
    [suggestion] = slack.fake.calls_to("chat.postEphemeral")
    correction = drafted(decoded_blocks(suggestion.args["blocks"]), buttons["apply_correction"]["text"]["text"])

    assert await slack.press(buttons["apply_correction"]) == 200

    [update] = await slack.fake.wait_for("chat.update")
    assert update.token == USER_TOKEN
    assert update.args["channel"] == CHANNEL_ID and update.args["ts"] == event["ts"]
    assert update.args["text"] == correction
    assert "idiot" not in update.args["text"]


async def test_apply_correction_without_a_token_shows_the_text_to_copy(slack: SlackHarness) -> None:
    _, buttons = await suggestion_for(slack)

    await slack.press(buttons["apply_correction"])

    notices = await slack.fake.wait_for("chat.postEphemeral", count=2)
    shown = blocks_text(decoded_blocks(notices[1].args["blocks"]))
    assert "idiot" not in shown
    assert "authori" in shown.lower(), "says how to enable one-click edits"
    assert "```" in shown, "the correction as a code block to copy"
    assert slack.fake.calls_to("chat.update") == []


async def test_the_slack_hint_is_in_the_users_language(slack: SlackHarness) -> None:
    from bot.store.user_settings import UserKey

    slack.engine.user_settings.update(UserKey("slack", TEAM_ID, AUTHOR_ID), slack.engine.clock.now(), language="de")
    _, buttons = await suggestion_for(slack)

    await slack.press(buttons["apply_correction"])

    notices = await slack.fake.wait_for("chat.postEphemeral", count=2)
    shown = blocks_text(decoded_blocks(notices[1].args["blocks"]))
    german = slack.engine.texts.get("de", "slack.enable_edits")
    assert german != slack.engine.texts.get("en", "slack.enable_edits")
    assert german.split("`")[0].strip() in shown


async def test_apply_correction_refused_by_slack_shows_the_text_to_copy(slack: SlackHarness) -> None:
    slack.bot.user_tokens.save(TEAM_ID, AUTHOR_ID, USER_TOKEN)
    _, buttons = await suggestion_for(slack)
    slack.fake.fail("chat.update", "cant_update_message")

    await slack.press(buttons["apply_correction"])

    await slack.fake.wait_for("chat.update")
    notices = await slack.fake.wait_for("chat.postEphemeral", count=2)
    assert notices[1].args["user"] == AUTHOR_ID
    assert "you are" in blocks_text(decoded_blocks(notices[1].args["blocks"]))


async def test_edit_window_closed_is_answered_too(slack: SlackHarness) -> None:
    slack.bot.user_tokens.save(TEAM_ID, AUTHOR_ID, USER_TOKEN)
    _, buttons = await suggestion_for(slack)
    slack.fake.fail("chat.update", "edit_window_closed")

    await slack.press(buttons["apply_correction"])

    await slack.fake.wait_for("chat.postEphemeral", count=2)


async def test_a_revoked_user_token_is_forgotten_and_the_user_gets_the_text(slack: SlackHarness) -> None:
    slack.bot.user_tokens.save(TEAM_ID, AUTHOR_ID, USER_TOKEN)
    slack.fake.revoked_tokens.add(USER_TOKEN)
    _, buttons = await suggestion_for(slack)

    await slack.press(buttons["apply_correction"])

    await slack.fake.wait_for("chat.postEphemeral", count=2)
    assert slack.bot.user_tokens.token_for(TEAM_ID, AUTHOR_ID) is None


async def test_post_apology_posts_as_the_user(slack: SlackHarness) -> None:
    slack.bot.user_tokens.save(TEAM_ID, AUTHOR_ID, USER_TOKEN)
    _, buttons = await suggestion_for(slack)
    [suggestion] = slack.fake.calls_to("chat.postEphemeral")
    apology = drafted(decoded_blocks(suggestion.args["blocks"]), buttons["post_apology"]["text"]["text"])

    await slack.press(buttons["post_apology"])

    [posted] = await slack.fake.wait_for("chat.postMessage", channel=CHANNEL_ID)
    assert posted.token == USER_TOKEN
    assert posted.args["text"] == apology


async def test_post_apology_without_a_token_hands_over_the_draft(slack: SlackHarness) -> None:
    _, buttons = await suggestion_for(slack)
    [suggestion] = slack.fake.calls_to("chat.postEphemeral")
    apology = drafted(decoded_blocks(suggestion.args["blocks"]), buttons["post_apology"]["text"]["text"])

    await slack.press(buttons["post_apology"])

    notices = await slack.fake.wait_for("chat.postEphemeral", count=2)
    assert slack.fake.calls_to("chat.postMessage") == []
    shown = blocks_text(decoded_blocks(notices[1].args["blocks"]))
    assert apology in shown
    assert "/damage authorize" in shown


async def test_change_topic_posts_as_the_user(slack: SlackHarness) -> None:
    slack.bot.user_tokens.save(TEAM_ID, AUTHOR_ID, USER_TOKEN)
    _, buttons = await suggestion_for(slack)

    await slack.press(buttons["change_topic"])

    [posted] = await slack.fake.wait_for("chat.postMessage", channel=CHANNEL_ID)
    assert posted.token == USER_TOKEN and posted.args["text"]


async def test_delete_removes_the_leaked_secret_with_the_users_token(slack: SlackHarness) -> None:
    slack.bot.user_tokens.save(TEAM_ID, AUTHOR_ID, USER_TOKEN)
    event, buttons = await suggestion_for(slack, LEAKED_KEY)

    await slack.press(buttons["delete"])

    [deleted] = await slack.fake.wait_for("chat.delete")
    assert deleted.token == USER_TOKEN and deleted.args["ts"] == event["ts"]


async def test_delete_without_a_token_says_how(slack: SlackHarness) -> None:
    _, buttons = await suggestion_for(slack, LEAKED_KEY)

    before = len(slack.fake.calls_to("chat.postEphemeral"))

    await slack.press(buttons["delete"])

    notices = await slack.fake.wait_for("chat.postEphemeral", count=before + 1)
    assert slack.fake.calls_to("chat.delete") == []
    assert notices[-1].args["user"] == AUTHOR_ID
    assert "/damage authorize" in blocks_text(decoded_blocks(notices[-1].args["blocks"]))


async def test_dismiss_only_folds_the_suggestion_away(slack: SlackHarness) -> None:
    _, buttons = await suggestion_for(slack)
    before = len(slack.fake.calls)

    assert await slack.press(buttons["dismiss"]) == 200

    [folded] = await slack.fake.wait_for("response_url")
    assert folded.args == {"replace_original": True, "text": "✓ " + buttons["dismiss"]["text"]["text"]}
    await slack.fake.settle(0.2)
    assert [call.method for call in slack.fake.calls[before:]] == ["response_url"]


async def test_not_a_problem_is_acknowledged(slack: SlackHarness) -> None:
    _, buttons = await suggestion_for(slack)

    await slack.press(buttons["not_a_problem"])

    notices = await slack.fake.wait_for("chat.postEphemeral", count=2)
    assert notices[1].args["user"] == AUTHOR_ID


async def test_buttons_keep_working_after_a_restart(start_slack: StartSlack) -> None:
    first = await start_slack()
    first.bot.user_tokens.save(TEAM_ID, AUTHOR_ID, USER_TOKEN)
    _, buttons = await suggestion_for(first)
    await first.session.close()
    first.engine.close()

    second = await start_slack()  # same database file, new engine and app
    await second.press(buttons["apply_correction"])

    [update] = await second.fake.wait_for("chat.update")
    assert update.token == USER_TOKEN


async def test_someone_elses_button_press_changes_nothing(slack: SlackHarness) -> None:
    slack.bot.user_tokens.save(TEAM_ID, AUTHOR_ID, USER_TOKEN)
    _, buttons = await suggestion_for(slack)

    await slack.press(buttons["apply_correction"], user="U0SOMEONEELSE")

    notices = await slack.fake.wait_for("chat.postEphemeral", count=2)
    assert notices[1].args["user"] == "U0SOMEONEELSE"
    assert slack.fake.calls_to("chat.update") == []


async def test_a_posted_apology_and_its_echo_count_once_in_the_ledger(slack: SlackHarness) -> None:
    slack.bot.user_tokens.save(TEAM_ID, AUTHOR_ID, USER_TOKEN)
    _, buttons = await suggestion_for(slack)
    await slack.press(buttons["post_apology"])
    [posted] = await slack.fake.wait_for("chat.postMessage", channel=CHANNEL_ID)
    # Slack then delivers the posted apology as the author's own new message.
    await slack.say(posted.args["text"], ts=posted.response["ts"])
    await slack.fake.settle(0.2)

    await slack.command("apologies")

    [answer] = await slack.fake.wait_for("response_url", where=lambda call: "blocks" in call.args)
    entries = [line for line in blocks_text(answer.args["blocks"]).splitlines() if line[:1].isdigit()]
    assert len(entries) == 1, entries
    assert posted.args["text"] in entries[0]
