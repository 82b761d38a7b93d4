"""`/damage authorize`: the OAuth v2 user-token flow that lets the bot edit a user's own messages."""

from __future__ import annotations

import html
import logging
import secrets
import time
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from aiohttp import web
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import messages
from adapters.slack.errors import error_code
from adapters.slack.interaction import Interaction
from adapters.slack.user_tokens import UserTokens
from bot.events import CommandInvoked
from bot.settings import Settings

if TYPE_CHECKING:
    from adapters.slack.sink import SlackSink

log = logging.getLogger(__name__)

CALLBACK_PATH = "/slack/oauth/callback"
# chat:write as a *user* scope covers posting as the user and chat.update / chat.delete of the
# user's own messages (https://api.slack.com/scopes/chat:write).
USER_SCOPES = "chat:write"
_STATE_SECONDS = 600


class Authorizer:
    def __init__(self, settings: Settings, client: AsyncWebClient, user_tokens: UserTokens,
                 sink: SlackSink) -> None:
        self._settings = settings
        self._client = client
        self._user_tokens = user_tokens
        self._sink = sink
        self._pending: dict[str, tuple[str, str, float]] = {}  # state -> (workspace, user, expires)

    @property
    def configured(self) -> bool:
        return bool(self._settings.slack_client_id and self._settings.slack_client_secret
                    and self._settings.slack_public_url)

    @property
    def redirect_uri(self) -> str:
        return (self._settings.slack_public_url or "").rstrip("/") + CALLBACK_PATH

    def authorize_url(self, workspace_id: str, user_id: str) -> str:
        now = time.monotonic()
        self._pending = {state: entry for state, entry in self._pending.items() if entry[2] > now}
        state = secrets.token_urlsafe(24)
        self._pending[state] = (workspace_id, user_id, now + _STATE_SECONDS)
        query = urlencode({"client_id": self._settings.slack_client_id, "user_scope": USER_SCOPES,
                           "state": state, "redirect_uri": self.redirect_uri, "team": workspace_id})
        return f"{self._settings.slack_oauth_authorize_url}?{query}"

    async def on_command(self, command: CommandInvoked, interaction: Interaction) -> None:
        if self.configured:
            text = self._sink.say(command.place.workspace_id, command.user.user_id, "slack.authorize",
                                  url=self.authorize_url(command.place.workspace_id, command.user.user_id))
        else:
            text = self._sink.say(command.place.workspace_id, command.user.user_id, "slack.authorize_unavailable")
        if interaction.response_url:
            await self._sink.respond(interaction.response_url, {"response_type": "ephemeral", "text": text})

    async def callback(self, request: web.Request) -> web.Response:
        """Slack redirects the user here with a code; exchange it for their token (never logged)."""
        state = request.query.get("state", "")
        pending = self._pending.pop(state, None)
        if request.query.get("error") or pending is None or pending[2] < time.monotonic():
            code = request.query.get("error") or "expired_or_unknown_state"
            log.warning("slack oauth callback refused: %s", code)
            return _page(messages.AUTHORIZE_FAILED.format(code=code), status=400)
        workspace_id, user_id, _expires = pending
        try:
            response = await self._client.oauth_v2_access(
                client_id=self._settings.slack_client_id or "",
                client_secret=self._settings.slack_client_secret.get_secret_value()  # type: ignore[union-attr]
                if self._settings.slack_client_secret else "",
                code=request.query.get("code", ""),
                redirect_uri=self.redirect_uri,
            )
        except SlackApiError as error:
            code = error_code(error)
            log.warning("slack oauth.v2.access failed for %s: %s", user_id, code)
            return _page(messages.AUTHORIZE_FAILED.format(code=code), status=400)
        authed = response.get("authed_user") or {}
        team_id = (response.get("team") or {}).get("id")
        if authed.get("id") != user_id or (team_id and team_id != workspace_id) or not authed.get("access_token"):
            log.warning("slack oauth callback for %s returned another user or workspace", user_id)
            return _page(messages.AUTHORIZE_FAILED.format(code="wrong_user"), status=400)
        self._user_tokens.save(workspace_id, user_id, str(authed["access_token"]), str(authed.get("scope") or ""))
        return _page(messages.AUTHORIZED)

    async def register_configured_token(self) -> None:
        """SLACK_USER_TOKEN (e.g. the installing admin's) counts as that user's authorisation."""
        if self._settings.slack_user_token is None:
            return
        token = self._settings.slack_user_token.get_secret_value()
        try:
            identity = await self._client.auth_test(token=token)
        except SlackApiError as error:
            log.error("SLACK_USER_TOKEN is not usable: %s", error_code(error))
            return
        self._user_tokens.save(str(identity["team_id"]), str(identity["user_id"]), token)


def _page(text: str, status: int = 200) -> web.Response:
    body = f"<!doctype html><title>damage-control</title><p>{html.escape(text)}</p>"
    return web.Response(text=body, content_type="text/html", status=status)
