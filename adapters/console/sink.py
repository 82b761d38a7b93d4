"""Performs the core's actions on the console: private suggestions with numbered choices, posts, threads."""

from __future__ import annotations

from typing import assert_never

from rich.console import Console
from rich.markup import escape

from adapters.console.transcript import INCIDENT_CHANNEL_ID, USER, PostedMessage, Transcript, channel_place
from bot.actions import (
    Action,
    ApplyCorrection,
    Button,
    Card,
    DeleteMessage,
    OpenIncidentForm,
    OpenIncidentThread,
    OpenSettingsForm,
    PostIncidentUpdate,
    PostMessage,
    PublishHome,
    ReplyToCommand,
    SendPrivateNotice,
    SendPrivateSuggestion,
)
from bot.receipts import Delivered, IncidentThreadOpened, Receipt
from bot.verdict import Suggestion


class PendingChoice:
    """The numbered buttons of the last private suggestion, answered by typing a number."""

    def __init__(self, suggestion_id: str, buttons: tuple[Button, ...]) -> None:
        self.suggestion_id = suggestion_id
        self.buttons = buttons


class ConsoleSink:
    def __init__(self, console: Console, transcript: Transcript) -> None:
        self.console = console
        self.transcript = transcript
        self.pending: PendingChoice | None = None

    async def perform(self, action: Action) -> Receipt | None:
        match action:
            case SendPrivateSuggestion():
                self._private(action.card, action.suggestions, action.buttons, action.suggestion_id)
                return Delivered(action_kind=action.kind, reference_id=action.suggestion_id)
            case SendPrivateNotice():
                self._private(action.card)
                return Delivered(action_kind=action.kind, reference_id=action.reference_id)
            case ReplyToCommand():
                self._private(action.card, action.suggestions, action.buttons, action.suggestion_id)
                return Delivered(action_kind=action.kind, reference_id=action.event_id)
            case ApplyCorrection():
                return self._edit(action)
            case DeleteMessage():
                posted = self.transcript.messages.get(action.message_id)
                if posted is not None:
                    posted.deleted = True
                self.console.print(f"[dim]#{action.place.channel_id}: message {action.message_id} deleted[/dim]")
                return Delivered(action_kind=action.kind, reference_id=action.suggestion_id or "")
            case PostMessage():
                author = USER if action.on_behalf_of == USER.user_id else None
                message_id = self.transcript.new_message_id()
                if author is not None:
                    self.transcript.add(PostedMessage(message_id, author, action.text))
                name = author.display_name if author else "damage-control"
                self._channel_line(action.place.channel_id, name, action.text)
                return Delivered(action_kind=action.kind, reference_id=action.suggestion_id or "", platform_message_id=message_id)
            case OpenIncidentThread():
                self.console.rule(f"#{INCIDENT_CHANNEL_ID} · new thread: {escape(action.title)}")
                # The platforms' footer points at buttons and thread replies; here everything is a command.
                here = (f"Here: /incident owner|sev|update|done|note|resolve {action.incident_id} ..."
                        " (/incident help)")
                self._card(action.card.model_copy(update={"footer": here}), indent="  ")
                thread = channel_place(INCIDENT_CHANNEL_ID, thread_id=action.incident_id)
                return IncidentThreadOpened(incident_id=action.incident_id, thread=thread)
            case PostIncidentUpdate():
                self.console.print(f"[bold]#{INCIDENT_CHANNEL_ID} · thread {action.incident_id}[/bold]")
                self._card(action.card, indent="  ")
                return Delivered(action_kind=action.kind, reference_id=action.incident_id)
            case OpenSettingsForm():
                lines = tuple(f"{key} = {value}" for key, value in sorted(action.values.items()))
                self._private(Card(title="Your settings", lines=(*lines, "Change one with /settings key=value")))
                return Delivered(action_kind=action.kind)
            case PublishHome():
                for section in action.sections:
                    self._card(section)
                return Delivered(action_kind=action.kind)
            case OpenIncidentForm():
                # No forms and no buttons on a console: the platforms' hint ("press Resolve") would mislead.
                wanted = "lessons learned" if action.form == "resolve" else "update"
                self._private(Card(title=action.title, lines=(
                    f"Type /incident {action.form} <{wanted}> to do it here.",)))
                return Delivered(action_kind=action.kind, reference_id=action.incident_id)
            case _:
                assert_never(action)

    def _edit(self, action: ApplyCorrection) -> Receipt:
        posted = self.transcript.messages.get(action.message_id)
        if posted is not None:
            posted.text = action.new_text
        self._channel_line(action.place.channel_id, USER.display_name, action.new_text, note=" (edited)")
        return Delivered(action_kind=action.kind, reference_id=action.suggestion_id)

    def _channel_line(self, channel_id: str, author: str, text: str, note: str = "") -> None:
        self.console.print(f"[cyan]#{channel_id}[/cyan] [bold]{escape(author)}[/bold]{note}: {escape(text)}")

    def _card(self, card: Card, indent: str = "") -> None:
        self.console.print(f"{indent}[bold]{escape(card.title)}[/bold]")
        for line in card.lines:
            self.console.print(f"{indent}{escape(line)}")
        for label, value in card.fields:
            self.console.print(f"{indent}[bold]{escape(label)}:[/bold] {escape(value)}")
        if card.footer:
            self.console.print(f"{indent}[dim]{escape(card.footer)}[/dim]")

    def _private(
        self,
        card: Card,
        suggestions: tuple[Suggestion, ...] = (),
        buttons: tuple[Button, ...] = (),
        suggestion_id: str | None = None,
    ) -> None:
        self.console.print("[magenta]  (only you can see this)[/magenta]")
        self._card(card, indent="  ")
        for suggestion in suggestions:
            label = suggestion.kind.value.replace("_", " ")
            self.console.print(f"  [italic]{label}[/italic]: {escape(suggestion.text)}")
        if buttons and suggestion_id:
            choices = "  ".join(f"[{number}] {escape(button.label)}" for number, button in enumerate(buttons, 1))
            self.console.print(f"  {choices}")
            self.console.print("  [dim]Type a number to choose, or just keep chatting.[/dim]")
            self.pending = PendingChoice(suggestion_id, buttons)
