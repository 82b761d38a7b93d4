"""A fake Slack on 127.0.0.1: Web API, response_url endpoint and Socket Mode websocket, recording every request."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
TEAM_ID = "T0001"


@dataclass
class Call:
    """One request the fake received: the Web API method (or "response_url"), its arguments and token."""

    method: str
    args: dict[str, Any]
    token: str | None
    headers: dict[str, str]
    received_at: float = field(default_factory=time.perf_counter)
    response: dict[str, Any] = field(default_factory=dict)  # what the fake answered


@dataclass
class Scripted:
    """A scripted answer for the next calls of a method: a Slack error, or an HTTP status such as 429."""

    error: str | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    times: int = 1


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.channels: dict[str, dict[str, Any]] = {
            "C0001": {"id": "C0001", "name": "general", "is_private": False, "num_members": 12},
            "C0TEAM": {"id": "C0TEAM", "name": "team-incidents", "is_private": False, "num_members": 8},
        }
        self.bot_message_ts: set[str] = set()
        self.revoked_tokens: set[str] = set()
        self.socket_connections = 0
        self.acks: dict[str, dict[str, Any]] = {}
        self.answers: dict[str, dict[str, Any]] = {}  # a fixed answer per method, set by a test
        self._scripts: dict[str, list[Scripted]] = {}
        self._changed = asyncio.Condition()
        self._ts = itertools.count(1)
        self._socket: web.WebSocketResponse | None = None
        self._socket_ready = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # --- lifecycle ---------------------------------------------------------------------------------
    async def start(self) -> FakeSlack:
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)  # slack_sdk reads some methods with GET
        app.router.add_post("/response/{response_id}", self._response_url)
        app.router.add_get("/link", self._socket_endpoint)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        if self._socket is not None and not self._socket.closed:
            await self._socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"http://127.0.0.1:{self.port}/response/{name}"

    # --- scripting ---------------------------------------------------------------------------------
    def fail(self, method: str, error: str, *, times: int = 1) -> None:
        self._scripts.setdefault(method, []).append(Scripted(error=error, times=times))

    def rate_limit(self, method: str, *, retry_after: int = 0, times: int = 1) -> None:
        self._scripts.setdefault(method, []).append(
            Scripted(error="ratelimited", status=429, headers={"Retry-After": str(retry_after)}, times=times)
        )

    # --- waiting and inspecting --------------------------------------------------------------------
    def calls_to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 3.0,
                       where: Callable[[Call], bool] | None = None, **subset: Any) -> list[Call]:
        """Wait until `count` calls of `method` whose arguments include `subset` (and satisfy `where`)
        have arrived."""

        def matching() -> list[Call]:
            return [
                call
                for call in self.calls_to(method)
                if all(call.args.get(key) == value for key, value in subset.items())
                and (where is None or where(call))
            ]

        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(lambda: len(matching()) >= count), timeout)
            except TimeoutError:
                seen = [(call.method, sorted(call.args)) for call in self.calls]
                raise AssertionError(f"no {count} x {method} {subset} within {timeout}s; saw {seen}") from None
        return matching()

    async def settle(self, seconds: float = 0.15) -> None:
        """Give the bot a moment to make calls it should NOT make (used before asserting an absence)."""
        await asyncio.sleep(seconds)

    async def _record(self, call: Call) -> None:
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    # --- Web API -----------------------------------------------------------------------------------
    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await _read_arguments(request)
        authorization = request.headers.get("Authorization", "")
        token = authorization.removeprefix("Bearer ") or args.get("token")
        call = Call(method, args, token, dict(request.headers))
        scripts = self._scripts.get(method)
        if scripts:
            script = scripts[0]
            script.times -= 1
            if script.times <= 0:
                scripts.pop(0)
            call.response = {"ok": False, "error": script.error}
            await self._record(call)
            return web.json_response(call.response, status=script.status, headers=script.headers)
        if token in self.revoked_tokens:
            call.response = {"ok": False, "error": "token_revoked"}
        else:
            call.response = self._answer(method, args, token or "")
        await self._record(call)
        return web.json_response(call.response)

    def _next_ts(self) -> str:
        return f"{1_700_000_000 + next(self._ts)}.000100"

    def _answer(self, method: str, args: dict[str, Any], token: str) -> dict[str, Any]:
        if method in self.answers:
            return self.answers[method]
        if method == "auth.test":
            return {"ok": True, "user_id": BOT_USER_ID, "bot_id": BOT_ID, "team_id": TEAM_ID,
                    "team": "Fake", "user": "damage-control", "url": "https://fake.slack.com/"}
        if method == "apps.connections.open":
            return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/link?ticket={uuid.uuid4().hex}"}
        if method == "chat.postMessage":
            ts = self._next_ts()
            if token.startswith("xoxb-"):
                self.bot_message_ts.add(ts)
            return {"ok": True, "channel": args.get("channel"), "ts": ts,
                    "message": {"text": args.get("text", ""), "ts": ts}}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self._next_ts()}
        if method in {"chat.update", "chat.delete"}:
            # Slack lets a bot token change only the bot's own messages (cant_update_message /
            # cant_delete_message otherwise); a user token changes that user's messages.
            if token.startswith("xoxb-") and args.get("ts") not in self.bot_message_ts:
                return {"ok": False, "error": "cant_update_message" if method == "chat.update"
                        else "cant_delete_message"}
            return {"ok": True, "channel": args.get("channel"), "ts": args.get("ts")}
        if method == "conversations.open":
            users = str(args.get("users", ""))
            return {"ok": True, "channel": {"id": "D" + users.split(",")[0]}}
        if method == "conversations.info":
            channel = self.channels.get(str(args.get("channel")))
            if channel is None:
                return {"ok": False, "error": "channel_not_found"}
            return {"ok": True, "channel": channel}
        if method in {"views.open", "views.publish", "views.update"}:
            return {"ok": True, "view": {"id": "V" + uuid.uuid4().hex[:8]}}
        if method == "chat.getPermalink":
            # Slack's pattern: the archives URL with the ts, dot removed.
            ts = str(args.get("message_ts") or "").replace(".", "")
            return {"ok": True, "permalink": f"https://fake.slack.com/archives/{args.get('channel')}/p{ts}"}
        return {"ok": True}

    async def _response_url(self, request: web.Request) -> web.Response:
        args = await _read_arguments(request)
        await self._record(Call("response_url", args, None, dict(request.headers)))
        return web.Response(text="ok")

    # --- Socket Mode -------------------------------------------------------------------------------
    async def _socket_endpoint(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._socket = socket
        self.socket_connections += 1
        await socket.send_str(json.dumps({"type": "hello", "num_connections": 1,
                                          "connection_info": {"app_id": "A0001"}}))
        self._socket_ready.set()
        async for message in socket:
            if message.type == WSMsgType.TEXT:
                ack = json.loads(message.data)
                async with self._changed:
                    self.acks[ack.get("envelope_id", "")] = ack
                    self._changed.notify_all()
        if self._socket is socket:
            self._socket_ready.clear()
        return socket

    async def wait_for_socket(self, connections: int = 1, timeout: float = 5.0) -> None:
        async def ready() -> None:
            while self.socket_connections < connections or self._socket is None or self._socket.closed:
                await asyncio.sleep(0.01)

        await asyncio.wait_for(ready(), timeout)

    async def socket_send(self, envelope_type: str, payload: dict[str, Any] | str,
                          wait_for_ack: bool = True) -> dict[str, Any] | None:
        """Send one Socket Mode envelope and (by default) wait for the app's ack."""
        assert self._socket is not None and not self._socket.closed, "no Socket Mode connection"
        envelope_id = uuid.uuid4().hex
        envelope = {"envelope_id": envelope_id, "type": envelope_type, "payload": payload,
                    "accepts_response_payload": envelope_type != "events_api", "retry_attempt": 0,
                    "retry_reason": ""}
        await self._socket.send_str(json.dumps(envelope))
        if not wait_for_ack:
            return None
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: envelope_id in self.acks), 3.0)
        return self.acks[envelope_id]

    async def socket_send_raw(self, text: str) -> None:
        assert self._socket is not None
        await self._socket.send_str(text)

    async def drop_socket(self) -> None:
        """Close the current connection from the server side, as Slack does every few hours."""
        assert self._socket is not None
        await self._socket.close()


async def _read_arguments(request: web.Request) -> dict[str, Any]:
    """Web API arguments arrive as JSON or as form fields (slack_sdk uses both); decode JSON-valued fields."""
    arguments: dict[str, Any] = dict(request.query)  # slack_sdk sends some methods' arguments as a query
    if request.method == "GET":
        return arguments
    if request.content_type == "application/json":
        body = await request.json()
        return {**arguments, **body} if isinstance(body, dict) else {"_body": body}
    form = await request.post()
    for key, value in form.items():
        arguments[key] = value if isinstance(value, str) else str(value)
    return arguments
