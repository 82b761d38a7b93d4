"""Runs the Slack app in Socket Mode (SLACK_APP_TOKEN set) or as an HTTP Events API server, same app."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any
from urllib.parse import parse_qs

from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier

from adapters.slack.app import SlackBot, build_slack_app
from adapters.slack.authorize import CALLBACK_PATH
from adapters.slack.errors import error_code
from bot.settings import Settings
from bot.wiring import CoreData, build_engine

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"


def build_web_app(bot: SlackBot) -> web.Application:
    """Bolt's aiohttp app for events, commands and interactivity (it verifies the signing secret:
    a bad or stale signature gets 401), plus the OAuth callback for per-user tokens."""
    web_app = bot.app.web_app(path=EVENTS_PATH)
    web_app.middlewares.append(_malformed_body_guard(SignatureVerifier(bot.signing_secret)))
    web_app.router.add_get(CALLBACK_PATH, bot.authorizer.callback)
    return web_app


def _malformed_body_guard(verifier: SignatureVerifier) -> Any:
    """Bolt parses the body before anything else and answers 500 with a traceback when it is not JSON;
    answer 400 (signed) or 401 (unsigned) with one log line instead."""

    @web.middleware
    async def guard(request: web.Request, handler: Any) -> web.StreamResponse:
        if request.method != "POST" or request.path != EVENTS_PATH:
            return await handler(request)
        body = await request.text()  # aiohttp keeps the body, Bolt reads it again
        if _parses(body, request.content_type):
            return await handler(request)
        signed = verifier.is_valid(body, request.headers.get("X-Slack-Request-Timestamp"),
                                   request.headers.get("X-Slack-Signature"))
        log.warning("slack request with a malformed body (%d bytes, %s, %s): rejected", len(body),
                    request.content_type or "no content type", "signed" if signed else "unsigned")
        return web.Response(status=400 if signed else 401, text="malformed request")

    return guard


def _parses(body: str, content_type: str) -> bool:
    try:
        if content_type == "application/json":
            return isinstance(json.loads(body), dict)
        payload = parse_qs(body).get("payload")
        if payload:
            return isinstance(json.loads(payload[0]), dict)
    except ValueError:
        return False
    return True


async def start_http(bot: SlackBot, host: str, port: int) -> tuple[web.AppRunner, int]:
    await bot.start()
    runner = await _serve(build_web_app(bot), host, port)
    bound_port = int(runner.addresses[0][1]) if runner.addresses else port  # port 0 -> the one bound
    log.info("slack HTTP mode listening on %s:%s%s", host, bound_port, EVENTS_PATH)
    return runner, bound_port


def _oauth_only_app(bot: SlackBot) -> web.Application:
    web_app = web.Application()
    web_app.router.add_get(CALLBACK_PATH, bot.authorizer.callback)
    return web_app


async def _serve(web_app: web.Application, host: str, port: int) -> web.AppRunner:
    runner = web.AppRunner(web_app, handle_signals=False)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner


async def start_socket_mode(bot: SlackBot, app_token: str, ping_interval: float = 10.0) -> AsyncSocketModeHandler:
    # The handler reuses the app's Web API client (and so its base URL) for apps.connections.open,
    # and reconnects by itself when Slack closes the websocket.
    await bot.start()
    handler = AsyncSocketModeHandler(bot.app, app_token=app_token, ping_interval=ping_interval)
    await handler.connect_async()
    log.info("slack Socket Mode connected")
    return handler


async def check_tokens(bot: SlackBot, settings: Settings) -> None:
    """Fail at start with a clear message, not later on every event, when Slack refuses a token."""
    try:
        await bot.client.auth_test()
    except SlackApiError as error:
        raise SystemExit(f"Slack refused SLACK_BOT_TOKEN ({error_code(error)}): copy the Bot User OAuth Token "
                         "from the app's OAuth & Permissions page, or reinstall the app") from None
    if settings.slack_app_token is not None:
        try:
            await bot.client.apps_connections_open(app_token=settings.slack_app_token.get_secret_value())
        except SlackApiError as error:
            # Without this check the Socket Mode client retries a refused token forever.
            raise SystemExit(f"Slack refused SLACK_APP_TOKEN ({error_code(error)}): generate an app-level token "
                             "with the connections:write scope under Basic Information") from None


async def run_slack(settings: Settings, *, core: CoreData | None = None) -> None:
    """The Slack adapter until cancelled: Socket Mode when SLACK_APP_TOKEN is set, else HTTP."""
    if settings.slack_app_token is None and settings.slack_signing_secret is None:
        raise SystemExit("Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)")
    engine = build_engine(settings, core=core)
    bot = build_slack_app(settings, engine)
    scheduler: asyncio.Task[None] | None = None
    handler: AsyncSocketModeHandler | None = None
    runner: web.AppRunner | None = None
    try:
        await bot.start()
        await check_tokens(bot, settings)
        await bot.authorizer.register_configured_token()
        scheduler = asyncio.create_task(bot.dispatcher.run_scheduler(), name="slack-scheduler")
        if settings.slack_app_token is not None:
            handler = await start_socket_mode(bot, settings.slack_app_token.get_secret_value())
            if bot.authorizer.configured:
                # Socket Mode needs no public server, but the OAuth redirect for one-click edits does.
                runner = await _serve(_oauth_only_app(bot), settings.slack_http_host, settings.slack_http_port)
        else:
            runner, _port = await start_http(bot, settings.slack_http_host, settings.slack_http_port)
        await asyncio.Event().wait()  # until cancelled (Ctrl-C)
    finally:
        if scheduler is not None:
            scheduler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await scheduler
        if handler is not None:
            await handler.close_async()
        if runner is not None:
            await runner.cleanup()
        await bot.close()
        engine.close()
