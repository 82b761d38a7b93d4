"""A fake Discord on loopback: a gateway websocket and a REST API that records every request it receives."""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.adapters.discord.payloads import (
    APPLICATION_FLAG_MESSAGE_CONTENT_LIMITED,
    APPLICATION_ID,
    BOT_USER_ID,
    CHANNEL_ID,
    DISCORD_EPOCH_MS,
    EVERYONE_PERMISSIONS_ALL,
    GUILD_ID,
    MANAGE_MESSAGES,
    MESSAGE_CONTENT_INTENT,
    TEAM_CHANNEL_ID,
    DiscordPayloads,
    user_payload,
)

__all__ = [
    "APPLICATION_ID",
    "CHANNEL_ID",
    "GUILD_ID",
    "MANAGE_MESSAGES",
    "MESSAGE_CONTENT_INTENT",
    "TEAM_CHANNEL_ID",
    "FakeDiscord",
    "RecordedRequest",
]


@dataclass
class RecordedRequest:
    method: str
    path: str  # without the /api/v10 prefix
    query: dict[str, str]
    body: Any
    received_at: float = 0.0  # time.perf_counter() when the fake received it (for bench/discord_latency.py)


@dataclass
class ScriptedFailure:
    method: str
    path_pattern: re.Pattern[str]
    status: int
    body: dict[str, Any]
    headers: dict[str, str]
    remaining: int = 1


@dataclass
class FakeDiscord(DiscordPayloads):
    """Start with `await fake.start()`; `rest_base` and `gateway_url` point discord.py at it."""

    bot_permissions: int = EVERYONE_PERMISSIONS_ALL
    message_content_granted: bool = True
    member_count: int = 12
    heartbeat_interval_ms: int = 41250
    requests: list[RecordedRequest] = field(default_factory=list)
    identifies: list[dict[str, Any]] = field(default_factory=list)
    resumes: list[dict[str, Any]] = field(default_factory=list)
    closed_dm_user_ids: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._ids = itertools.count(1)
        self._failures: list[ScriptedFailure] = []
        self._socket: web.WebSocketResponse | None = None
        self._sequence = 0
        self._sent: list[dict[str, Any]] = []  # dispatches, for RESUME replays
        self._runner: web.AppRunner | None = None
        self._changed = asyncio.Condition()
        self._session_number = 0
        self.connected = asyncio.Event()
        self.port = 0
        self.dm_channels: dict[str, str] = {}  # channel id -> recipient id
        self.threads: dict[str, str] = {}  # thread id -> parent channel id

    # ---- lifecycle ---------------------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{path:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._socket is not None and not self._socket.closed:
            await self._socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def rest_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def new_id(self) -> str:
        """A snowflake for now: discord.py reads a message's creation time from its id."""
        milliseconds = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return str((milliseconds << 22) | (next(self._ids) & 0x3FFFFF))

    # ---- scripting -----------------------------------------------------------------------------
    def fail_next(
        self,
        method: str,
        path_regex: str,
        status: int,
        body: dict[str, Any],
        headers: dict[str, str] | None = None,
        times: int = 1,
    ) -> None:
        self._failures.append(
            ScriptedFailure(method, re.compile(path_regex), status, body, headers or {}, times)
        )

    async def dispatch(self, event_type: str, data: dict[str, Any]) -> int:
        """Send a gateway DISPATCH to the connected client; returns its sequence number."""
        self._sequence += 1
        frame = {"op": 0, "t": event_type, "s": self._sequence, "d": data}
        self._sent.append(frame)
        assert self._socket is not None, "no client connected"
        await self._socket.send_str(json.dumps(frame))
        return self._sequence

    async def send_raw(self, text: str) -> None:
        assert self._socket is not None
        await self._socket.send_str(text)

    async def drop_connection(self, code: int = 4000) -> None:
        """Close the socket the way a flaky network or a gateway restart does (resumable codes)."""
        self.connected.clear()
        assert self._socket is not None
        await self._socket.close(code=code, message=b"dropped by the test")

    async def wait_for_request(
        self, method: str, path_regex: str, *, count: int = 1, timeout: float = 5.0
    ) -> list[RecordedRequest]:
        pattern = re.compile(path_regex)

        def matching() -> list[RecordedRequest]:
            return [r for r in self.requests if r.method == method and pattern.fullmatch(r.path)]

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(matching()) >= count), timeout)
        return matching()

    def find(self, method: str, path_regex: str) -> list[RecordedRequest]:
        pattern = re.compile(path_regex)
        return [r for r in self.requests if r.method == method and pattern.fullmatch(r.path)]

    # ---- gateway ---------------------------------------------------------------------------------
    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        if self._socket is None or self._socket.closed:
            self._socket = socket
        await socket.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms}}))
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                break
            frame = json.loads(message.data)
            op = frame.get("op")
            if op == 1:
                await socket.send_str(json.dumps({"op": 11}))
            elif op == 2:
                await self._identify(socket, frame["d"])
            elif op == 6:
                await self._resume(socket, frame["d"])
        return socket

    async def _identify(self, socket: web.WebSocketResponse, data: dict[str, Any]) -> None:
        self.identifies.append({k: v for k, v in data.items() if k != "token"})
        intents = int(data.get("intents", 0))
        if intents & MESSAGE_CONTENT_INTENT and not self.message_content_granted:
            # What Discord does when a privileged intent is not enabled in the developer portal.
            await socket.close(code=4014, message=b"Disallowed intent(s).")
            return
        shard_id, shard_count = data.get("shard", [0, 1])
        if shard_id != 0:
            # Other shards get a session without guilds; the tests' events all go to shard 0.
            ready = {
                "v": 10,
                "user": user_payload(BOT_USER_ID, "damage-control", bot=True),
                "guilds": [],
                "session_id": f"session-shard-{shard_id}",
                "resume_gateway_url": self.gateway_url,
                "application": {"id": APPLICATION_ID, "flags": self._application_flags()},
                "shard": [shard_id, shard_count],
            }
            await socket.send_str(json.dumps({"op": 0, "t": "READY", "s": 1, "d": ready}))
            return
        self._socket = socket
        self._session_number += 1
        self._sequence = 0
        self._sent.clear()
        await self.dispatch(
            "READY",
            {
                "v": 10,
                "user": user_payload(BOT_USER_ID, "damage-control", bot=True),
                "guilds": [{"id": GUILD_ID, "unavailable": True}],
                "session_id": f"session-{self._session_number}",
                "resume_gateway_url": self.gateway_url,
                "application": {"id": APPLICATION_ID, "flags": self._application_flags()},
                "shard": data.get("shard", [0, 1]),
            },
        )
        await self.dispatch("GUILD_CREATE", self.guild_create())
        self.connected.set()

    async def _resume(self, socket: web.WebSocketResponse, data: dict[str, Any]) -> None:
        self.resumes.append({k: v for k, v in data.items() if k != "token"})
        self._socket = socket
        missed = [frame for frame in self._sent if frame["s"] > int(data.get("seq") or 0)]
        for frame in missed:
            await socket.send_str(json.dumps(frame))
        self._sequence += 1
        await socket.send_str(json.dumps({"op": 0, "t": "RESUMED", "s": self._sequence, "d": {}}))
        self.connected.set()

    def _application_flags(self) -> int:
        return APPLICATION_FLAG_MESSAGE_CONTENT_LIMITED if self.message_content_granted else 0

    # ---- REST ------------------------------------------------------------------------------------
    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["path"]
        body: Any = None
        if request.can_read_body:
            raw = await request.read()
            if request.content_type == "application/json":
                body = json.loads(raw)
            elif request.content_type.startswith("multipart/"):
                body = {"multipart": raw.decode("utf-8", "replace")}
            else:
                body = raw.decode("utf-8", "replace")
        record = RecordedRequest(request.method, path, dict(request.query), body, time.perf_counter())
        async with self._changed:
            self.requests.append(record)
            self._changed.notify_all()
        for failure in self._failures:
            if (
                failure.remaining > 0
                and failure.method == request.method
                and failure.path_pattern.fullmatch(path)
            ):
                failure.remaining -= 1
                return self._json(failure.body, status=failure.status, headers=failure.headers)
        return self._route(request.method, path, body)

    def _json(
        self, payload: Any, *, status: int = 200, headers: dict[str, str] | None = None
    ) -> web.Response:
        # discord.py only parses bodies whose Content-Type is exactly application/json (no charset).
        response = web.Response(status=status, body=json.dumps(payload).encode(), headers=headers or {})
        response.headers["Content-Type"] = "application/json"
        return response

    def _route(self, method: str, path: str, body: Any) -> web.Response:
        if method == "GET" and path == "/users/@me":
            return self._json(user_payload(BOT_USER_ID, "damage-control", bot=True))
        if method == "GET" and path == "/oauth2/applications/@me":
            return self._json(
                {
                    "id": APPLICATION_ID,
                    "name": "damage-control",
                    "icon": None,
                    "description": "",
                    "bot_public": True,
                    "bot_require_code_grant": False,
                    "verify_key": "0" * 64,
                    "flags": self._application_flags(),
                    "owner": user_payload("600000000000000009", "owner"),
                }
            )
        if method == "GET" and path == "/gateway/bot":
            return self._json(
                {
                    "url": self.gateway_url,
                    "shards": 1,
                    "session_start_limit": {
                        "total": 1000,
                        "remaining": 1000,
                        "reset_after": 0,
                        "max_concurrency": 1,
                    },
                }
            )
        if method == "GET" and path == "/gateway":
            return self._json({"url": self.gateway_url})
        if method == "PUT" and re.fullmatch(r"/applications/\d+(/guilds/\d+)?/commands", path):
            problems = [problem for command in body or [] for problem in command_problems(command)]
            if problems:
                return self._json(
                    {"message": "Invalid Form Body", "code": 50035, "errors": problems}, status=400
                )
            return self._json(
                [
                    {
                        "description": "",
                        **command,
                        "id": self.new_id(),
                        "application_id": APPLICATION_ID,
                        "version": "1",
                    }
                    for command in body or []
                ]
            )
        if method == "POST" and path == "/users/@me/channels":
            recipient_id = str(body["recipient_id"])
            channel_id = (
                next((c for c, r in self.dm_channels.items() if r == recipient_id), None) or self.new_id()
            )
            self.dm_channels[channel_id] = recipient_id
            return self._json(
                {"id": channel_id, "type": 1, "recipients": [user_payload(recipient_id, "member")]}
            )
        match = re.fullmatch(r"/channels/(\d+)/messages", path)
        if method == "POST" and match:
            channel_id = match.group(1)
            if self.dm_channels.get(channel_id) in self.closed_dm_user_ids:
                return self._json({"message": "Cannot send messages to this user", "code": 50007}, status=403)
            return self._json(self._created_message(channel_id, body))
        match = re.fullmatch(r"/channels/(\d+)/messages/(\d+)", path)
        if method == "PATCH" and match:
            edited = self._created_message(match.group(1), body if isinstance(body, dict) else {})
            return self._json(dict(edited, id=match.group(2)))
        if method == "DELETE" and match:
            if not self.bot_permissions & MANAGE_MESSAGES:
                return self._json({"message": "Missing Permissions", "code": 50013}, status=403)
            return web.Response(status=204)
        match = re.fullmatch(r"/channels/(\d+)/messages/(\d+)/threads", path)
        if method == "POST" and match:
            # A thread started from a message takes that message's id.
            return self._new_thread(match.group(2), match.group(1), body, private=False)
        match = re.fullmatch(r"/channels/(\d+)/threads", path)
        if method == "POST" and match:
            return self._new_thread(self.new_id(), match.group(1), body, private=True)
        if method == "PUT" and re.fullmatch(r"/channels/\d+/thread-members/\d+", path):
            return web.Response(status=204)
        match = re.fullmatch(r"/interactions/(\d+)/([^/]+)/callback", path)
        if method == "POST" and match:
            # A 204 breaks discord.py here: with_response=1 wants the callback resource back.
            data = (body or {}).get("data") or {}
            response: dict[str, Any] = {
                "interaction": {
                    "id": match.group(1),
                    "type": 2,
                    "response_message_ephemeral": bool(data.get("flags", 0) & 64),
                },
            }
            if (body or {}).get("type") == 4:
                message = self._created_message(CHANNEL_ID, data)
                response["interaction"]["response_message_id"] = message["id"]
                response["resource"] = {"type": 4, "message": message}
            return self._json(response)
        match = re.fullmatch(r"/webhooks/(\d+)/([^/]+)(/messages/(@original|\d+))?", path)
        if match and method in {"POST", "PATCH"}:
            return self._json(self._created_message(CHANNEL_ID, body if isinstance(body, dict) else {}))
        if match and method == "DELETE":
            return web.Response(status=204)
        match = re.fullmatch(r"/channels/(\d+)", path)
        if method == "GET" and match:
            channel_id = match.group(1)
            if channel_id in self.dm_channels:
                return self._json(
                    {
                        "id": channel_id,
                        "type": 1,
                        "recipients": [user_payload(self.dm_channels[channel_id], "member")],
                    }
                )
            if channel_id in self.threads:
                return self._json(
                    {
                        "id": channel_id,
                        "type": 11,
                        "guild_id": GUILD_ID,
                        "parent_id": self.threads[channel_id],
                        "name": "thread",
                    }
                )
            return self._json(
                {
                    "id": channel_id,
                    "type": 0,
                    "guild_id": GUILD_ID,
                    "name": "general",
                    "position": 0,
                    "permission_overwrites": [],
                }
            )
        return self._json({"message": "404: Not Found", "code": 0}, status=404)

    def _new_thread(self, thread_id: str, parent_id: str, body: Any, *, private: bool) -> web.Response:
        self.threads[thread_id] = parent_id
        thread = dict(
            self.thread_payload(thread_id, parent_id, private=private), name=(body or {}).get("name")
        )
        # Discord also tells the creator's gateway session about the new thread.
        if self._socket is not None and not self._socket.closed:
            asyncio.get_running_loop().create_task(
                self.dispatch("THREAD_CREATE", dict(thread, newly_created=True))
            )
        return self._json(thread)

    def _created_message(self, channel_id: str, body: dict[str, Any] | None) -> dict[str, Any]:
        body = body or {}
        message = self.message_payload(
            body.get("content") or "",
            author_id=BOT_USER_ID,
            author_name="damage-control",
            channel_id=channel_id,
            bot=True,
            guild=channel_id not in self.dm_channels,
        )
        message["embeds"] = body.get("embeds") or []
        message["components"] = body.get("components") or []
        message["flags"] = body.get("flags", 0)
        return message


_CHAT_INPUT_NAME = re.compile(r"^[-_\w]{1,32}$")


def command_problems(command: dict[str, Any], path: str = "") -> list[str]:
    """Discord's limits on a command (and its options): what a real sync would refuse with 50035."""
    problems = []
    name = command.get("name", "")
    where = f"{path}{name}"
    strict = (
        command.get("type", 1) == 1
    )  # slash commands and options; context menus may use spaces and capitals
    if len(name) > 32 or (strict and (not _CHAT_INPUT_NAME.match(name) or name != name.lower())):
        problems.append(f"{where}: invalid name")
    if len(command.get("description", "")) > 100:
        problems.append(f"{where}: description longer than 100")
    for option in command.get("options", []):
        problems += command_problems(dict(option, type=1), f"{where}.")
    return problems
