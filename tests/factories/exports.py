"""Builders of realistic Slack and Discord (DiscordChatExporter) exports, for replay tests and the benchmark."""

from __future__ import annotations

import json
import random
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path


# A token-shaped value built at run time, so no credential-looking literal sits in the repository.
def fake_github_token(seed: int = 7) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    rng = random.Random(seed)
    return "ghp_" + "".join(rng.choice(alphabet) for _ in range(36))


@dataclass
class Line:
    """One exported line: who said what, where, when (minutes after the start), and what happened to it."""

    user: str
    text: str
    minute: float
    channel: str = "general"
    reply_to: int | None = None  # index of the parent line (a thread reply)
    reactions: dict[str, list[str]] = field(default_factory=dict)
    edited_minute: float | None = None
    subtype: str | None = None
    bot: bool = False


USERS = {"U01ALICE": "alice", "U02BOB": "bob", "U03CAROL": "carol", "U04DAN": "dan"}
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def scenario(token: str) -> list[Line]:
    """Several channels, a thread, reactions, an edit, bots and joins; an insult apologised for three
    times, a non-apology, and a token leaked in #ops."""
    return [
        Line("alice", "", 0, subtype="channel_join"),
        Line("bob", "morning all, standup in 10", 1),
        Line("carol", "deploy finished, all green", 2, channel="ops"),
        Line("dan", "Build #512 passed", 3, bot=True),
        Line("alice", "bob your PR is garbage and you are an idiot", 10, reactions={"thumbsdown": ["U03CAROL", "U04DAN"]}),
        Line("bob", "wow, ok", 11, reply_to=4),
        Line("alice", "sorry bob, I was rude about your PR", 14),
        Line("alice", "sorry again bob, that comment was uncalled for", 20),
        Line("alice", "I'm really sorry bob, I shouldn't have said that about your PR", 26),
        Line("carol", "sorry if anyone was offended by the deploy noise", 40, channel="ops"),
        Line("carol", f"here is the deploy token {token} for the pipeline", 45, channel="ops"),
        Line("bob", "lunch anyone?", 50, edited_minute=51),
        Line("dan", "release notes are up on the wiki", 55, channel="ops"),
    ]


def write_slack_export(folder: Path, lines: list[Line], *, as_zip: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    ids = {name: user_id for user_id, name in USERS.items()}
    users = [{"id": uid, "name": name, "real_name": name.title(), "profile": {"display_name": name}}
             for uid, name in USERS.items()]
    channels = [
        {"id": "C01GENERAL", "name": "general", "members": list(USERS)},
        {"id": "C02OPS", "name": "ops", "members": list(USERS)[:3]},
    ]
    files: dict[str, object] = {"users.json": users, "channels.json": channels}
    timestamps = [f"{(START + timedelta(minutes=line.minute)).timestamp():.6f}" for line in lines]
    for number, line in enumerate(lines):
        moment = START + timedelta(minutes=line.minute)
        message: dict[str, object] = {"type": "message", "ts": timestamps[number], "text": line.text}
        if line.bot:
            message.update({"subtype": "bot_message", "bot_id": "B0BOT", "username": "ci"})
        else:
            message["user"] = ids[line.user]
        if line.subtype:
            message["subtype"] = line.subtype
        if line.reply_to is not None:
            message["thread_ts"] = timestamps[line.reply_to]
        if line.reactions:
            message["reactions"] = [{"name": name, "users": who, "count": len(who)} for name, who in line.reactions.items()]
        if line.edited_minute is not None:
            edited = START + timedelta(minutes=line.edited_minute)
            message["edited"] = {"user": ids[line.user], "ts": f"{edited.timestamp():.6f}"}
        day_file = f"{line.channel}/{moment:%Y-%m-%d}.json"
        files.setdefault(day_file, [])
        files[day_file].append(message)  # type: ignore[union-attr]
    if as_zip:
        archive = folder / "export.zip"
        with zipfile.ZipFile(archive, "w") as bundle:
            for name, content in files.items():
                bundle.writestr(f"My Workspace Slack export/{name}", json.dumps(content))
        return archive
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content), encoding="utf-8")
    return folder


def write_discord_export(folder: Path, lines: list[Line]) -> list[Path]:
    """One DiscordChatExporter JSON file per channel."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = {name: str(1000 + number) for number, name in enumerate(USERS.values())}
    per_channel: dict[str, list[dict]] = {}
    message_ids = [str(900000 + number) for number in range(len(lines))]
    for number, line in enumerate(lines):
        if line.subtype:
            kind = "GuildMemberJoin"
        else:
            kind = "Reply" if line.reply_to is not None else "Default"
        moment = START + timedelta(minutes=line.minute)
        message = {
            "id": message_ids[number],
            "type": kind,
            "timestamp": moment.isoformat(),
            "timestampEdited": (START + timedelta(minutes=line.edited_minute)).isoformat() if line.edited_minute else None,
            "isPinned": False,
            "content": line.text,
            "author": {"id": "77" if line.bot else ids[line.user], "name": "ci-bot" if line.bot else line.user,
                       "nickname": line.user, "isBot": line.bot},
            "reactions": [
                {"emoji": {"id": None, "name": {"thumbsdown": "👎"}.get(name, name)}, "count": len(who),
                 "users": [{"id": ids[USERS[uid]], "name": USERS[uid]} for uid in who]}
                for name, who in line.reactions.items()
            ],
            "mentions": [],
        }
        if line.reply_to is not None:
            message["reference"] = {"messageId": message_ids[line.reply_to], "channelId": "1", "guildId": "555"}
        per_channel.setdefault(line.channel, []).append(message)
    written = []
    for number, (channel, messages) in enumerate(sorted(per_channel.items())):
        document = {
            "guild": {"id": "555", "name": "Team"},
            "channel": {"id": str(800 + number), "type": "GuildTextChat", "name": channel},
            "messages": messages,
            "messageCount": len(messages),
        }
        path = folder / f"Team - {channel}.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        written.append(path)
    return written


def generated_lines(count: int, seed: int = 0) -> list[Line]:
    """A large, varied export for the benchmark: mostly ordinary chat, some regrettable lines and apologies."""
    rng = random.Random(seed)
    ordinary = ["standup in 5", "the build is green again", "can someone review my PR?", "lunch at noon?",
                "I pushed the fix to main", "thanks, that worked", "meeting moved to 3pm", "nice work on the release",
                "who owns the billing service?", "let me check the logs", "ci ist wieder grün", "pranzo alle 12?"]
    regrettable = ["bob you are an idiot", "this is UNACCEPTABLE!!!", "per my last email, read it",
                   "@channel coffee anyone?", "sorry if anyone was offended", "sorry bob, my bad"]
    names = list(USERS.values())
    lines = []
    for number in range(count):
        text = rng.choice(regrettable) if rng.random() < 0.03 else rng.choice(ordinary)
        lines.append(Line(rng.choice(names), f"{text} ({number})", number * 0.2, channel=rng.choice(["general", "ops"])))
    return lines
