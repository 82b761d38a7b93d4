"""`run_discord(settings)`: points discord.py at the configured endpoints, builds the engine and runs the client."""

from __future__ import annotations

import logging

import discord
import yarl

from adapters.discord.client import build_client
from adapters.discord.invite import invite_url
from bot.clock import Clock, SystemClock
from bot.settings import Settings
from bot.wiring import CoreData, build_engine

log = logging.getLogger(__name__)

DISCORD_API_BASE = "https://discord.com/api/v10"


def configure_endpoints(settings: Settings) -> None:
    """discord.py reads its REST base and default gateway from class attributes: a REST proxy (large
    deployments) and the tests set them here, before any client exists."""
    base = settings.discord_api_base.rstrip("/")
    if base != discord.http.Route.BASE:
        log.info("Discord REST base: %s", base)
        discord.http.Route.BASE = base
    if settings.discord_gateway_url:
        log.info("Discord gateway: %s", settings.discord_gateway_url)
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url)


async def run_discord(
    settings: Settings, *, clock: Clock | None = None, core: CoreData | None = None, **client_options: object
) -> None:
    """Run until cancelled. Without the message content intent the bot still starts: commands and the
    context menu work, proactive nudges are off, and the log says so."""
    if settings.discord_token is None:
        raise ValueError("DISCORD_TOKEN is not set")
    configure_endpoints(settings)
    clock = clock or SystemClock()
    engine = build_engine(settings, clock=clock, core=core)
    token = settings.discord_token.get_secret_value()
    message_content = True
    try:
        while True:
            client = build_client(settings, engine, clock, message_content=message_content, **client_options)
            try:
                async with client:
                    await client.login(token)
                    if client.application_id is not None:
                        log.info("invite link: %s", invite_url(client.application_id))
                    await client.connect()
                return
            except discord.LoginFailure:
                # A wrong or reset token: retrying cannot help, and the traceback would say less than this.
                raise SystemExit(
                    "Discord refused DISCORD_TOKEN: reset the token (Developer Portal -> Bot -> Reset Token) "
                    "and put the new one in .env"
                ) from None
            except discord.PrivilegedIntentsRequired:
                if not message_content:
                    raise
                # Discord closes the gateway with 4014 when the intent is not enabled in the developer portal.
                log.warning(
                    "the message content intent is not enabled for this application (Developer Portal -> Bot -> "
                    "Privileged Gateway Intents): reconnecting without it; proactive nudges are OFF"
                )
                message_content = False
    finally:
        engine.close()
