"""`/damage` subcommands, the settings modal, the message shortcut and App Home, over real HTTP."""

from __future__ import annotations

import time
from typing import Any

from tests.adapters.slack.conftest import (
    AUTHOR_ID,
    CHANNEL_ID,
    INSULT,
    SlackHarness,
    StartSlack,
    blocks_text,
    buttons_of,
    decoded_blocks,
)
from tests.adapters.slack.fake_slack import TEAM_ID


async def reply_text(slack: SlackHarness, count: int = 1) -> str:
    """The text of the latest answer posted to a response_url."""
    calls = await slack.fake.wait_for("response_url", count=count)
    body = calls[-1].args
    assert body["response_type"] == "ephemeral"
    return body["text"] + "\n" + blocks_text(body.get("blocks") or [])


async def test_help(slack: SlackHarness) -> None:
    assert await slack.command("help") == 200
    text = await reply_text(slack)
    for subcommand in ("check", "apologies", "settings", "snooze", "forget-me"):
        assert subcommand in text


async def test_no_subcommand_is_help(slack: SlackHarness) -> None:
    await slack.command("")
    assert "check" in await reply_text(slack)


async def test_unknown_subcommand_gets_a_helpful_answer(slack: SlackHarness) -> None:
    assert await slack.command("frobnicate now") == 200
    text = await reply_text(slack)
    assert "frobnicate" in text
    assert "check" in text, "lists what does exist"


async def test_check_answers_privately_with_suggestions(slack: SlackHarness) -> None:
    await slack.command(f"check {INSULT}")
    text = await reply_text(slack)
    assert "insult" in text.lower() or "idiot" not in text.split("\n", 1)[1]
    assert slack.fake.calls_to("chat.postMessage") == []


async def test_check_of_harmless_text_says_so(slack: SlackHarness) -> None:
    await slack.command("check thanks for the review")
    assert await reply_text(slack)


async def test_apologies_lists_the_ledger(slack: SlackHarness) -> None:
    await slack.command("apologies")
    assert await reply_text(slack)


async def test_snooze_and_bad_arguments(slack: SlackHarness) -> None:
    await slack.command("snooze 2")
    first = await reply_text(slack)
    await slack.command("snooze soon")
    second = await reply_text(slack, count=2)
    assert first != second

    said = await slack.say(INSULT)
    await slack.processed(said["event_id"])
    assert slack.fake.calls_to("chat.postEphemeral") == [], "snoozed: no nudge"


async def test_forget_me(slack: SlackHarness) -> None:
    slack.bot.user_tokens.save(TEAM_ID, AUTHOR_ID, "xoxp-author")
    await slack.command("forget-me")
    assert await reply_text(slack)
    assert slack.bot.user_tokens.token_for(TEAM_ID, AUTHOR_ID) is None, "the Slack token is forgotten too"


async def test_settings_opens_a_modal_and_its_submission_is_saved(slack: SlackHarness) -> None:
    assert await slack.command("settings") == 200

    [opened] = await slack.fake.wait_for("views.open")
    assert opened.args["trigger_id"].startswith("trigger.")
    view = opened.args["view"]
    assert view["type"] == "modal" and view["callback_id"] == "damage_settings"
    block_ids = {block.get("block_id") for block in view["blocks"]}
    assert {"watch", "sensitivity", "delivery", "disabled_categories"} <= block_ids

    state = {"delivery": {"setting:delivery": {"type": "static_select",
                                              "selected_option": {"value": "direct_message"}}},
             "sensitivity": {"setting:sensitivity": {"type": "static_select",
                                                     "selected_option": {"value": "high"}}},
             "watch": {"setting:watch": {"type": "radio_buttons", "selected_option": {"value": "on"}}}}
    assert await slack.interact(submission(view, state)) == 200

    # Saved, and said so privately; the new delivery setting then applies to the next nudge.
    await slack.fake.wait_for("chat.postMessage", channel="D" + AUTHOR_ID)
    await slack.say(INSULT)
    await slack.fake.wait_for("chat.postMessage", count=2, channel="D" + AUTHOR_ID)
    assert slack.fake.calls_to("chat.postEphemeral") == []


def submission(view: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    return {"type": "view_submission", "team": {"id": TEAM_ID, "domain": "fake"},
            "user": {"id": AUTHOR_ID, "team_id": TEAM_ID}, "api_app_id": "A0001", "token": "legacy",
            "trigger_id": f"trigger.view.{time.time()}",
            "view": {"id": "V0001", "team_id": TEAM_ID, "type": "modal", "callback_id": view["callback_id"],
                     "private_metadata": view["private_metadata"], "hash": "h1", "blocks": view["blocks"],
                     "state": {"values": state}},
            "response_urls": []}


async def test_invalid_settings_submission_is_explained(slack: SlackHarness) -> None:
    await slack.command("settings")
    [opened] = await slack.fake.wait_for("views.open")
    state = {"snooze_hours": {"setting:snooze_hours": {"type": "number_input", "value": "100000"}}}
    await slack.interact(submission(opened.args["view"], state))
    [notice] = await slack.fake.wait_for("chat.postMessage", channel="D" + AUTHOR_ID)
    assert "snooze" in notice.args["text"].lower()


async def test_message_shortcut_checks_the_message(slack: SlackHarness) -> None:
    payload = {"type": "message_action", "callback_id": "damage_check_message", "trigger_id": "trigger.sc1",
               "team": {"id": TEAM_ID, "domain": "fake"}, "channel": {"id": CHANNEL_ID, "name": "general"},
               "user": {"id": AUTHOR_ID, "name": "author"}, "message_ts": "1700000000.000001",
               "message": {"type": "message", "user": AUTHOR_ID, "text": INSULT, "ts": "1700000000.000001"},
               "response_url": slack.fake.response_url("shortcut"), "token": "legacy"}
    assert await slack.interact(payload) == 200

    [answer] = await slack.fake.wait_for("response_url")
    assert answer.args["response_type"] == "ephemeral"
    assert {"apply_correction", "dismiss"} <= set(buttons_of(answer.args["blocks"]))


async def test_app_home_shows_recent_suggestions_ledger_and_settings(slack: SlackHarness) -> None:
    texts = slack.engine.texts
    await slack.say(INSULT)
    [suggestion] = await slack.fake.wait_for("chat.postEphemeral")
    await slack.press(buttons_of(decoded_blocks(suggestion.args["blocks"]))["dismiss"])
    await slack.fake.wait_for("response_url")

    event = {"type": "app_home_opened", "user": AUTHOR_ID, "channel": "D0HOME", "tab": "home",
             "event_ts": slack.next_ts()}
    assert await slack.send_event(event) == 200

    [published] = await slack.fake.wait_for("views.publish")
    assert published.args["user_id"] == AUTHOR_ID
    view = published.args["view"]
    assert view["type"] == "home"
    shown = blocks_text(view["blocks"])
    for key in ("check.suggestions", "ledger.title", "settings.title"):
        assert texts.get("en", key) in shown
    assert texts.get("en", "category.insult") in shown, "the recent suggestion is listed"
    assert slack.fake.calls_to("chat.postMessage") == [], "opening the tab never sends a DM"


async def test_authorize_without_oauth_configured_explains(slack: SlackHarness) -> None:
    await slack.command("authorize")
    assert "SLACK_CLIENT_ID" in await reply_text(slack)


async def test_authorize_round_trip_stores_the_users_token(start_slack: StartSlack) -> None:
    slack = await start_slack(slack_client_id="123.456", slack_client_secret="client-secret",
                              slack_public_url="https://bot.example.com")
    slack.fake.answers["oauth.v2.access"] = {"ok": True, "team": {"id": TEAM_ID},
                                             "authed_user": {"id": AUTHOR_ID, "access_token": "xoxp-granted",
                                                             "scope": "chat:write"}}
    await slack.command("authorize")
    text = await reply_text(slack)
    url = text.split("https://", 1)[1].split()[0]
    state = url.split("state=", 1)[1].split("&", 1)[0]
    async with slack.session.get(f"http://127.0.0.1:{slack.port}/slack/oauth/callback",
                                 params={"code": "c0de", "state": state}) as response:
        assert response.status == 200
    assert slack.bot.user_tokens.token_for(TEAM_ID, AUTHOR_ID) == "xoxp-granted"
    [exchange] = slack.fake.calls_to("oauth.v2.access")
    assert exchange.args["code"] == "c0de"

    async with slack.session.get(f"http://127.0.0.1:{slack.port}/slack/oauth/callback",
                                 params={"code": "again", "state": state}) as response:
        assert response.status == 400, "a state is good for one use"


async def test_the_settings_modal_speaks_the_users_language(slack: SlackHarness) -> None:
    texts = slack.engine.texts
    await slack.command("settings language=it")
    await slack.fake.wait_for("response_url")
    await slack.command("settings")

    [opened] = await slack.fake.wait_for("views.open")
    labels = {block["block_id"]: block["label"]["text"] for block in opened.args["view"]["blocks"]
              if block["type"] == "input"}
    assert labels["watch"] == texts.get("it", "settings.label.watching")
    assert labels["delivery"] == texts.get("it", "settings.label.delivery")
    assert texts.get("it", "settings.label.watching") != texts.get("en", "settings.label.watching")
