"""The console chat loop: turns typed lines into core events and hands them to the dispatcher."""

from __future__ import annotations

import asyncio
import logging
import re
from typing import IO

from rich.console import Console
from rich.markup import escape

from adapters.console.sink import ConsoleSink
from adapters.console.transcript import (
    CHANNEL_ID,
    USER,
    WORKSPACE_ID,
    PostedMessage,
    Transcript,
    channel_place,
)
from bot.clock import Clock
from bot.dispatch import Dispatcher
from bot.events import (
    ChatMessage,
    CommandInvoked,
    Event,
    MessageDeleted,
    MessageEdited,
    Person,
    ReactionAdded,
    SettingsSubmitted,
    SuggestionAnswered,
)
from bot.vocabulary import Platform

log = logging.getLogger(__name__)

HELP = """Type a message to post it in #general as yourself. Commands:
  /check TEXT          check a text without posting it
  /apologies           your apology ledger      /ledger delete|settle ID
  /settings [k=v ...]  show or change your settings
  /snooze HOURS        no proactive suggestions for a while
  /forget-me           delete everything the bot keeps about you
  /incident ...        open, update and resolve incidents (/incident help)
  /why EVENT_ID        what fired on an event and what the bot decided
  /edit TEXT           edit your last message     /delete   delete it
  /as NAME TEXT        someone else posts          /reply NAME TEXT  someone replies to your last message
  /react NAME EMOJI    someone reacts to your last message
  /help                this text                   /quit     leave"""

_MENTION = re.compile(r"@([\w.-]+)")
# Commands the core answers; everything else is handled here or reported as unknown.
_CORE_COMMANDS = {"check", "apologies", "ledger", "snooze", "forget-me", "incident", "why", "help", "home"}


class ConsoleSession:
    def __init__(self, dispatcher: Dispatcher, sink: ConsoleSink, clock: Clock, transcript: Transcript) -> None:
        self.dispatcher = dispatcher
        self.sink = sink
        self.clock = clock
        self.transcript = transcript
        self.console: Console = sink.console
        self._events = 0

    def _event_id(self) -> str:
        self._events += 1
        # Event ids are de-duplicated for the retention period: each session needs its own prefix.
        return f"c{self.transcript.session}-{self._events}"

    async def run(self, source: IO[str]) -> None:
        members = ", ".join(person.display_name for person in self.transcript.members)
        self.console.print(
            f"[bold]damage-control console[/bold] · #{CHANNEL_ID} ({len(self.transcript.members)} members: {members})"
        )
        self.console.print("Type a message as yourself; /help lists the commands; /quit leaves.")
        while True:
            line = await asyncio.to_thread(source.readline)
            if not line:  # end of input
                break
            line = line.rstrip("\n")
            if line.strip() in {"/quit", "/exit"}:
                break
            try:
                await self.handle_line(line)
            except Exception:  # one bad line must never end the session
                log.exception("console line failed (event %s)", self._events)
                self.console.print("[red]Something went wrong with that line; see the log. Carry on.[/red]")
        self.console.print("Bye.")

    async def handle_line(self, line: str) -> None:
        stripped = line.strip()
        if not stripped:
            return
        pending = self.sink.pending
        if pending is not None and stripped.isdigit():
            await self._answer(int(stripped))
            return
        self.sink.pending = None
        if stripped.startswith("/"):
            await self._command(stripped[1:])
        else:
            await self._post(USER, line)

    async def _deliver(self, event: Event) -> None:
        await self.dispatcher.deliver(event)

    async def _answer(self, number: int) -> None:
        pending = self.sink.pending
        assert pending is not None
        if not 1 <= number <= len(pending.buttons):
            self.console.print(f"[yellow]Choose a number from 1 to {len(pending.buttons)}.[/yellow]")
            return
        self.sink.pending = None
        button = pending.buttons[number - 1]
        await self._deliver(
            SuggestionAnswered(
                event_id=self._event_id(),
                suggestion_id=pending.suggestion_id,
                user_id=USER.user_id,
                answer=button.answer,
                answered_at=self.clock.now(),
                place=channel_place(),
            )
        )

    def _mentions(self, text: str) -> tuple[str, ...]:
        found = (self.transcript.member(name) for name in _MENTION.findall(text))
        return tuple(person.user_id for person in found if person is not None)

    async def _post(self, author: Person, text: str, reply_to: PostedMessage | None = None) -> None:
        message_id = self.transcript.new_message_id()
        self.transcript.add(PostedMessage(message_id, author, text))
        event_id = self._event_id()
        self.console.print(
            f"[cyan]#{CHANNEL_ID}[/cyan] [bold]{escape(author.display_name)}[/bold]: {escape(text)}"
            f" [dim]({event_id})[/dim]"
        )
        await self._deliver(
            ChatMessage(
                event_id=event_id,
                message_id=message_id,
                place=channel_place(),
                author=author,
                text=text,
                sent_at=self.clock.now(),
                audience_size=len(self.transcript.members),
                members_present=self.transcript.members,
                mentioned_ids=self._mentions(text),
                reply_to_message_id=reply_to.message_id if reply_to else None,
                reply_to_text=reply_to.text if reply_to else None,
            )
        )

    async def _command(self, command_line: str) -> None:
        name, _, arguments = command_line.partition(" ")
        name = name.lower()
        arguments = arguments.strip()
        last = self.transcript.last_by(USER.user_id)
        if name in {"as", "reply", "react"}:
            await self._someone_else(name, arguments, last)
        elif name == "edit":
            await self._edit(arguments, last)
        elif name == "delete":
            await self._delete(last)
        elif name == "settings" and "=" in arguments:
            await self._submit_settings(arguments)
        elif name in _CORE_COMMANDS or name == "settings":
            await self._deliver(
                CommandInvoked(
                    event_id=self._event_id(),
                    place=channel_place(),
                    user=USER,
                    command=name,
                    arguments=arguments,
                    invoked_at=self.clock.now(),
                    mentioned_ids=self._mentions(arguments),
                )
            )
        else:
            self.console.print(f"[yellow]Unknown command /{escape(name)}.[/yellow]\n{HELP}")

    async def _someone_else(self, name: str, arguments: str, last: PostedMessage | None) -> None:
        who, _, rest = arguments.partition(" ")
        person = self.transcript.member(who)
        if person is None or person == USER or not rest.strip():
            self.console.print(f"[yellow]Usage: /{name} NAME {'EMOJI' if name == 'react' else 'TEXT'}"
                               f" (NAME: one of Alice, Bob, Carol).[/yellow]")
            return
        if name == "as":
            await self._post(person, rest.strip())
            return
        if last is None:
            self.console.print("[yellow]You have not posted anything to reply or react to yet.[/yellow]")
            return
        if name == "reply":
            await self._post(person, rest.strip(), reply_to=last)
            return
        self.console.print(f"[dim]{escape(person.display_name)} reacted {escape(rest.strip())} to {last.message_id}[/dim]")
        await self._deliver(
            ReactionAdded(
                event_id=self._event_id(),
                message_id=last.message_id,
                place=channel_place(),
                user_id=person.user_id,
                reaction=rest.strip().strip(":"),
                added_at=self.clock.now(),
                message_author_id=USER.user_id,
            )
        )

    async def _edit(self, text: str, last: PostedMessage | None) -> None:
        if last is None or not text:
            self.console.print("[yellow]Usage: /edit TEXT (edits your last message).[/yellow]")
            return
        last.text = text
        self.console.print(f"[cyan]#{CHANNEL_ID}[/cyan] [bold]you[/bold] (edited): {escape(text)}")
        await self._deliver(
            MessageEdited(
                event_id=self._event_id(),
                message_id=last.message_id,
                place=channel_place(),
                author_id=USER.user_id,
                new_text=text,
                edited_at=self.clock.now(),
            )
        )

    async def _delete(self, last: PostedMessage | None) -> None:
        if last is None:
            self.console.print("[yellow]Nothing of yours to delete.[/yellow]")
            return
        last.deleted = True
        self.console.print(f"[dim]#{CHANNEL_ID}: you deleted {last.message_id}[/dim]")
        await self._deliver(
            MessageDeleted(
                event_id=self._event_id(),
                message_id=last.message_id,
                place=channel_place(),
                deleted_at=self.clock.now(),
                author_id=USER.user_id,
            )
        )

    async def _submit_settings(self, arguments: str) -> None:
        values: dict[str, str | int | bool | list[str] | None] = {}
        for pair in arguments.split():
            key, _, value = pair.partition("=")
            if not key or not _:
                self.console.print(f"[yellow]Settings take key=value pairs; '{escape(pair)}' is not one.[/yellow]")
                return
            values[key] = [part for part in value.split(",") if part] if "," in value else value
        await self._deliver(
            SettingsSubmitted(
                event_id=self._event_id(),
                user_id=USER.user_id,
                platform=Platform.CONSOLE,
                workspace_id=WORKSPACE_ID,
                values=values,
                submitted_at=self.clock.now(),
            )
        )
