"""Builds the Bolt app: Web API client, sink, dispatcher and listeners registered explicitly per family."""

from __future__ import annotations

import logging
import re
import secrets
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.authorize import Authorizer
from adapters.slack.channels import ChannelDirectory
from adapters.slack.home import publish_home
from adapters.slack.listeners import SlackListeners
from adapters.slack.people import AdminDirectory
from adapters.slack.sink import SlackSink
from adapters.slack.translate import (
    ANSWER_ACTION_PREFIX,
    CHECK_SHORTCUT_ID,
    INCIDENT_CONTROL_ACTION,
    INCIDENT_FORM_CALLBACK_ID,
    INCIDENT_SHORTCUT_ID,
    INCIDENT_STEP_ACTION,
    SETTINGS_CALLBACK_ID,
)
from adapters.slack.user_tokens import UserTokens
from bot.clock import Clock, SystemClock
from bot.dispatch import Dispatcher
from bot.engine import Engine
from bot.settings import Settings
from bot.vocabulary import Platform

log = logging.getLogger(__name__)

SLASH_COMMAND = "/damage"


@dataclass
class SlackBot:
    """Everything one Slack connection needs, built once by the composition root and closed together."""

    app: AsyncApp
    client: AsyncWebClient
    sink: SlackSink
    dispatcher: Dispatcher
    user_tokens: UserTokens
    authorizer: Authorizer
    signing_secret: str

    async def start(self) -> None:
        """One pooled HTTP session for the Web API: without it slack_sdk opens a new connection per call
        (a TCP and TLS handshake for every suggestion). Created here because it needs the running loop."""
        if self.client.session is None or self.client.session.closed:
            self.client.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.client.timeout))

    async def close(self) -> None:
        await self.sink.close()
        if self.client.session is not None:
            await self.client.session.close()
        self.user_tokens.close()


def build_slack_client(settings: Settings, token: str | None = None) -> AsyncWebClient:
    """The Web API client: base URL from settings (GovSlack hosts, tests), 429s retried after Retry-After."""
    bot_token = token or (settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None)
    return AsyncWebClient(
        token=bot_token,
        base_url=settings.slack_api_url,
        retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=3),
                        AsyncConnectionErrorRetryHandler(max_retry_count=2)],
    )


def build_slack_app(settings: Settings, engine: Engine, *, clock: Clock | None = None,
                    client: AsyncWebClient | None = None, user_tokens: UserTokens | None = None) -> SlackBot:
    clock = clock or SystemClock()
    client = client or build_slack_client(settings)
    user_tokens = user_tokens or UserTokens(settings.database_path)
    def language_of(workspace_id: str, user_id: str) -> str:
        return engine.user_language(Platform.SLACK, workspace_id, user_id)

    sink = SlackSink(client, user_tokens, engine.texts, language_of)
    dispatcher = Dispatcher(engine, sink, clock)
    # Socket Mode needs no signing secret (the websocket is authenticated by the app token); Bolt
    # insists on one, so a random placeholder keeps any HTTP request failing closed.
    signing_secret = (settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret
                      else secrets.token_hex(32))
    app = AsyncApp(
        client=client,
        signing_secret=signing_secret,
        logger=_bolt_logger(),
        # Slack retries an event after 3 s without a 200: ack first, work after.
        process_before_response=False,
        raise_error_for_unhandled_request=False,
    )
    authorizer = Authorizer(settings, client, user_tokens, sink)

    async def home(workspace_id: str, user_id: str, event_id: str) -> None:
        await publish_home(engine, sink, workspace_id=workspace_id, user_id=user_id, event_id=event_id,
                           now=clock.now())

    listeners = SlackListeners(dispatcher, ChannelDirectory(client), clock, sink.respond, home,
                               adapter_commands={"authorize": authorizer.on_command},
                               forget_user=user_tokens.forget, admins=AdminDirectory(client),
                               incident_channel_id=settings.incident_channel_for(Platform.SLACK.value))
    register_events(app, listeners)
    register_commands(app, listeners)
    register_interactivity(app, listeners)
    app.error(_log_listener_error)
    return SlackBot(app, client, sink, dispatcher, user_tokens, authorizer, signing_secret)


def register_events(app: AsyncApp, listeners: SlackListeners) -> None:
    app.event("message")(listeners.on_message)
    app.event("reaction_added")(listeners.on_reaction)
    app.event("app_home_opened")(listeners.on_home_opened)


def register_commands(app: AsyncApp, listeners: SlackListeners) -> None:
    app.command(SLASH_COMMAND)(listeners.on_command)
    app.shortcut(CHECK_SHORTCUT_ID)(listeners.on_shortcut)
    app.shortcut(INCIDENT_SHORTCUT_ID)(listeners.on_shortcut)


def register_interactivity(app: AsyncApp, listeners: SlackListeners) -> None:
    app.action(re.compile(f"^{ANSWER_ACTION_PREFIX}:"))(listeners.on_answer)
    app.action(re.compile(f"^{INCIDENT_STEP_ACTION}:"))(listeners.on_incident_step)
    app.action(re.compile(f"^{INCIDENT_CONTROL_ACTION}:"))(listeners.on_incident_control)
    app.view(SETTINGS_CALLBACK_ID)(listeners.on_settings_submitted)
    app.view(INCIDENT_FORM_CALLBACK_ID)(listeners.on_incident_form_submitted)


class _WithoutPayloads(logging.Filter):
    """Bolt logs an unhandled request with its whole body, which holds message text: keep the fact,
    drop the payload (the project never logs message text)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.startswith("Unhandled request"):
            record.msg, record.args = "slack request with no listener for it (payload not logged)", ()
        return True


def _bolt_logger() -> logging.Logger:
    logger = logging.getLogger("slack_bolt.AsyncApp")
    if not any(isinstance(existing, _WithoutPayloads) for existing in logger.filters):
        logger.addFilter(_WithoutPayloads())
    return logger


async def _log_listener_error(error: Exception, body: dict[str, Any]) -> None:
    """Bolt's last resort: one line with the payload type and ids, never the payload (it has the text)."""
    kind = body.get("type") if isinstance(body, dict) else None
    event_id = body.get("event_id") if isinstance(body, dict) else None
    log.error("slack listener failed on %s %s: %s", kind or "request", event_id or "-", type(error).__name__,
              exc_info=error)
