"""Drift checks: the Slack manifest declares exactly what the code registers and calls; the sink covers every action."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

import adapters.slack as package
from adapters.slack.app import SLASH_COMMAND, register_commands, register_events, register_interactivity
from adapters.slack.authorize import USER_SCOPES
from bot.actions import ACTION_TYPES

SOURCE = Path(package.__file__).parent
MANIFEST = yaml.safe_load((SOURCE / "manifest.yml").read_text(encoding="utf-8"))

# Scopes each Web API method and event needs (https://api.slack.com/methods, https://api.slack.com/events).
METHOD_SCOPES = {
    "chat.postMessage": {"chat:write"},
    "chat.postEphemeral": {"chat:write"},
    "chat.getPermalink": set(),
    "chat.update": set(),  # with the user's token (user scope chat:write)
    "chat.delete": set(),  # idem
    "conversations.open": {"im:write"},
    "conversations.info": {"channels:read", "groups:read", "mpim:read"},
    "views.open": set(),
    "views.publish": set(),
    "auth.test": set(),
    "oauth.v2.access": set(),
    "users.info": {"users:read"},  # is a workspace admin (who may resolve any incident)
}
EVENT_SCOPES = {
    "message.channels": {"channels:history"},
    "message.groups": {"groups:history"},
    "message.im": {"im:history"},
    "message.mpim": {"mpim:history"},
    "reaction_added": {"reactions:read"},
    "app_home_opened": set(),
}


class Registry:
    """Records what the app registers (a stand-in for Bolt's decorators, not for our code)."""

    def __init__(self) -> None:
        self.registered: dict[str, list[Any]] = {}

    def __getattr__(self, family: str) -> Any:
        def register(matcher: Any) -> Any:
            self.registered.setdefault(family, []).append(matcher)
            return lambda listener: listener

        return register


def registered() -> dict[str, list[Any]]:
    registry = Registry()
    for register in (register_events, register_commands, register_interactivity):
        register(registry, _AnyListeners())  # type: ignore[arg-type]
    return registry.registered


class _AnyListeners:
    def __getattr__(self, name: str) -> Any:
        return name


def web_api_methods_called() -> set[str]:
    methods: set[str] = set()
    for path in SOURCE.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        methods |= set(re.findall(r'"((?:chat|conversations|views|auth|users|oauth\.v2)\.[A-Za-z]+)"', text))
        methods |= {name.replace("_", ".", 1).replace("oauth.v2_", "oauth.v2.")
                    for name in re.findall(r"_client\.((?:chat|conversations|views|auth|users|oauth)_[A-Za-z0-9_]+)\(", text)}
    return methods


def test_manifest_events_are_the_events_the_app_listens_to() -> None:
    declared = set(MANIFEST["settings"]["event_subscriptions"]["bot_events"])
    listened = set(registered()["event"])
    assert {event.split(".")[0] for event in declared} == listened
    assert {"message.channels", "message.groups", "message.im", "message.mpim"} <= declared


def test_manifest_command_and_shortcuts_are_the_registered_ones() -> None:
    [command] = MANIFEST["features"]["slash_commands"]
    assert registered()["command"] == [command["command"]] == [SLASH_COMMAND]
    declared = {shortcut["callback_id"] for shortcut in MANIFEST["features"]["shortcuts"]}
    assert declared == set(registered()["shortcut"])
    assert {shortcut["name"] for shortcut in MANIFEST["features"]["shortcuts"]} == {
        "Check this message", "Open incident about this message"}


def test_manifest_scopes_are_exactly_what_the_code_needs() -> None:
    methods = web_api_methods_called()
    assert {"chat.postEphemeral", "conversations.info", "views.publish"} <= methods
    unknown = methods - set(METHOD_SCOPES)
    assert not unknown, f"add the scopes of {unknown} to METHOD_SCOPES and the manifest"
    needed = set().union(*(METHOD_SCOPES[method] for method in methods))
    needed |= set().union(*(EVENT_SCOPES[event] for event in MANIFEST["settings"]["event_subscriptions"]["bot_events"]))
    needed.add("commands")  # the slash command and the message shortcuts
    assert set(MANIFEST["oauth_config"]["scopes"]["bot"]) == needed
    assert set(MANIFEST["oauth_config"]["scopes"]["user"]) == set(USER_SCOPES.split(","))


def test_manifest_turns_on_what_the_app_uses() -> None:
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is True
    assert MANIFEST["oauth_config"]["redirect_urls"][0].endswith("/slack/oauth/callback")


def test_the_sink_has_a_case_for_every_action() -> None:
    sink = (SOURCE / "sink.py").read_text(encoding="utf-8")
    missing = [action.__name__ for action in ACTION_TYPES if f"case {action.__name__}():" not in sink]
    assert not missing, f"SlackSink has no case for {missing}"
    assert "assert_never(action)" in sink
