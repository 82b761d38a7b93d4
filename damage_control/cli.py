"""The `damage-control` command: run the bot, check text, read the ledger, explain a decision, replay history."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="damage-control",
    help="Helps people recover, fast and gracefully, from the messages they regret.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # locals can hold message text and tokens
)

log = logging.getLogger(__name__)


def _load_settings():
    """Build the settings once, turning a bad value into a clear message instead of a traceback."""
    from pydantic import ValidationError

    from bot.settings import Settings

    try:
        return Settings()
    except ValidationError as error:
        first = error.errors()[0]
        name = ".".join(str(part) for part in first["loc"]).upper()
        typer.echo(f"damage-control: bad setting {name}: {first['msg']}", err=True)
        raise typer.Exit(2) from None


def _configure_logging(level: str) -> None:
    logging.basicConfig(
        level=getattr(logging, level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def _fail_on_data_error(error: Exception) -> None:
    typer.echo(f"damage-control: {error}", err=True)
    raise typer.Exit(2)


@app.callback(invoke_without_command=True)
def main_callback(ctx: typer.Context) -> None:
    """With no command: run the bot (Slack and/or Discord when their tokens are set, else the console)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(run)


@app.command()
def run(
    console: Annotated[bool, typer.Option("--console", help="Run the local console chat even if tokens are set.")] = False,
) -> None:
    """Run the bot."""
    import asyncio

    from bot.data_files import DataFileError
    from damage_control.runtime import run_bot

    settings = _load_settings()
    _configure_logging(settings.log_level)
    try:
        asyncio.run(run_bot(settings, force_console=console))
    except DataFileError as error:
        _fail_on_data_error(error)
    except KeyboardInterrupt:
        pass
    except OSError as error:
        # Unreachable platform, port in use, unwritable database folder: one clear line, no traceback.
        typer.echo(f"damage-control: could not start: {type(error).__name__}: {error}", err=True)
        raise typer.Exit(1) from None


@app.command()
def check(
    text: Annotated[str | None, typer.Argument(help="The message to check.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language code (default: detect).")] = None,
    channel_size: Annotated[int | None, typer.Option("--channel-size", min=0)] = None,
    member: Annotated[list[str] | None, typer.Option("--member", help="A person present in the channel (repeatable).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Read JSON lines on stdin, write one verdict per line.")] = False,
) -> None:
    """Check a message and print the verdict and the suggestions."""
    from bot.data_files import DataFileError
    from bot.verdict import MessageContext
    from damage_control.checking import batch_check, load_checker, print_verdict

    settings = _load_settings()
    try:
        checker = load_checker(settings)
    except DataFileError as error:
        _fail_on_data_error(error)
    if jsonl:
        batch_check(checker, sys.stdin, sys.stdout)
        return
    if text is None:
        typer.echo("damage-control check: give the text to check, or --jsonl to read JSON lines", err=True)
        raise typer.Exit(2)
    context = MessageContext(channel_size=channel_size, members_present=tuple(member or ()))
    verdict = checker.check(text, context, lang)
    if as_json:
        typer.echo(json.dumps(verdict.public_dict(), ensure_ascii=False))
    else:
        print_verdict(text, verdict)


@app.command()
def ledger(
    user: Annotated[str, typer.Option("--user", help="User id (console user: 'you').")] = "you",
    platform: Annotated[str, typer.Option("--platform")] = "console",
    workspace: Annotated[str, typer.Option("--workspace")] = "local",
    delete: Annotated[str | None, typer.Option("--delete", help="Delete entry N of the list (or its id).")] = None,
    settle: Annotated[str | None, typer.Option("--settle", help="Mark the matter of entry N settled.")] = None,
) -> None:
    """List a user's apology ledger, delete an entry or settle a matter."""
    from damage_control.ledger_view import run_ledger_command

    settings = _load_settings()
    run_ledger_command(settings, platform, workspace, user, delete=delete, settle=settle)


@app.command()
def why(
    event_id: Annotated[str, typer.Argument(help="The event id of a message or action.")],
    language: Annotated[str | None, typer.Option(
        "--language", "--lang", help="Explain in this language (en it es fr de nl fy); default: the message's.")] = None,
) -> None:
    """Explain what fired on an event and what the policy decided."""
    from bot.vocabulary import SUPPORTED_LANGUAGES
    from bot.wiring import build_engine

    if language is not None and language not in SUPPORTED_LANGUAGES:
        typer.echo(f"damage-control why: --language must be one of {' '.join(SUPPORTED_LANGUAGES)}", err=True)
        raise typer.Exit(2)

    settings = _load_settings()
    engine = build_engine(settings)
    try:
        explanation = engine.explain(event_id, language)
    finally:
        engine.close()
    if explanation is None:
        typer.echo(f"No decision recorded for event {event_id} (unknown id, or purged by retention).", err=True)
        raise typer.Exit(1)
    typer.echo(explanation)


@app.command()
def replay(
    path: Annotated[Path, typer.Argument(help="A Slack export (folder or .zip) or DiscordChatExporter JSON file(s).")],
    db: Annotated[Path | None, typer.Option("--db", help="Keep the replay's database here (default: a temporary one).")] = None,
    watch: Annotated[list[str] | None, typer.Option("--watch", help="Only nudge this user (id or name; repeatable).")] = None,
    since: Annotated[str | None, typer.Option("--since", help="ISO date or time to start from.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="ISO date or time to stop at.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language of every message (default: detect).")] = None,
    sensitivity: Annotated[str | None, typer.Option("--sensitivity", help="low, normal or high.")] = None,
    nudges_per_hour: Annotated[int | None, typer.Option("--nudges-per-hour", min=1)] = None,
    disable: Annotated[list[str] | None, typer.Option("--disable", help="A category to switch off (repeatable).")] = None,
    redact: Annotated[bool, typer.Option("--redact", help="Mask all message text in the output.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line instead of the report.")] = False,
) -> None:
    """Dry run: what the bot would have said over a Slack or Discord export."""
    from pydantic import ValidationError

    from bot.replay.runner import ReplayOptions
    from damage_control.replaying import parse_moment, run_replay

    settings = _load_settings()
    _configure_logging("WARNING")
    overrides: dict = {}
    if sensitivity is not None:
        overrides["default_sensitivity"] = sensitivity
    if nudges_per_hour is not None:
        overrides["nudges_per_hour"] = nudges_per_hour
    if disable:
        overrides["disabled_categories"] = disable
    try:
        settings = settings.model_validate({**settings.model_dump(), **overrides})
        options = ReplayOptions(
            watch=tuple(watch or ()), since=parse_moment(since, "--since"), until=parse_moment(until, "--until"),
            language=lang, redact=redact, database_path=db,
        )
    except (ValidationError, ValueError) as error:
        typer.echo(f"damage-control replay: {error}", err=True)
        raise typer.Exit(2) from None
    raise typer.Exit(run_replay(settings, path, options, as_json=as_json))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
