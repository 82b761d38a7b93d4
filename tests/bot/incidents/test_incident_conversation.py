"""Through the real engine and a real SQLite file: thread replies are conversation unless they address the
bot (or are one of the strict short forms), the card's buttons and forms, and who may resolve or hand over."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from bot.actions import Action, OpenIncidentForm, OpenIncidentThread, PostIncidentUpdate, ReplyToCommand
from bot.engine import Engine
from bot.events import IncidentFormSubmitted, Person, Place
from bot.receipts import IncidentThreadOpened
from bot.store.incidents import Incident
from bot.vocabulary import Category, Platform, Severity
from tests.bot.conftest import Chat
from tests.bot.incidents.conftest import MASKED, Harness, finding_analysis, message, secret_analysis

TEAM = "C-TEAM"
BOT = "UBOT"
REPORTER, OWNER, BYSTANDER, ADMIN = "U-REPORTER", "U-OWNER", "U-BYSTANDER", "U-ADMIN"


@pytest.fixture
def engine(make_engine: Callable[..., Engine], chat: Chat) -> Engine:
    chat.platform = Platform.SLACK
    return make_engine(incident_channel_id=TEAM)


async def open_incident(engine: Engine, chat: Chat, user: str = REPORTER) -> tuple[str, Place]:
    actions = await engine.handle(chat.command("incident", "open the deploy broke the login page", user_id=user))
    [opening] = [action for action in actions if isinstance(action, OpenIncidentThread)]
    thread = Place(platform=Platform.SLACK, workspace_id=chat.workspace_id, channel_id=TEAM, thread_id="T-100")
    await engine.acknowledge(IncidentThreadOpened(incident_id=opening.incident_id, thread=thread))
    return opening.incident_id, thread


def incident(engine: Engine, incident_id: str) -> Incident:
    assert engine.desk is not None
    found = engine.desk.store.get(incident_id)
    assert found is not None
    return found


def said(chat: Chat, text: str, user: str, thread: Place, addressed: bool = False):
    mentioned = tuple(re.findall(r"<@([^>|]+)", text))  # as the adapters list them
    return chat.message(text, user, place=thread, addressed_to_bot=addressed, mentioned_ids=mentioned)


def form(chat: Chat, incident_id: str, kind: str, text: str, user: Person, place: Place | None = None
         ) -> IncidentFormSubmitted:
    chat.count += 1
    return IncidentFormSubmitted(event_id=f"Form{chat.count}", incident_id=incident_id, form=kind, text=text,
                                 user=user, platform=Platform.SLACK, workspace_id=chat.workspace_id, place=place,
                                 submitted_at=chat.clock.now())


def incident_actions(actions: list[Action]) -> list[Action]:
    return [action for action in actions if isinstance(action, PostIncidentUpdate | ReplyToCommand | OpenIncidentForm)]


@pytest.mark.parametrize("text", [
    "update: I pinged the customer",
    "done with the rollback, resolve soon?",
    "resolve this before lunch please",
    "owner should be whoever is on call",
    "note that staging used the same key",
    "sev 2 at least, no?",
    "done 3 times already",
    "<@U-ANA> update please",  # addressed to a person, not the bot
])
async def test_ordinary_replies_in_the_thread_are_conversation(engine: Engine, chat: Chat, text: str) -> None:
    incident_id, thread = await open_incident(engine, chat)
    before = incident(engine, incident_id)
    timeline = engine.desk.store.timeline(incident_id)

    actions = await engine.handle(chat.message(text, OWNER, place=thread))

    assert incident_actions(actions) == []
    assert incident(engine, incident_id) == before
    assert engine.desk.store.timeline(incident_id) == timeline


async def test_the_strict_short_forms_work_without_a_mention(engine: Engine, chat: Chat) -> None:
    incident_id, thread = await open_incident(engine, chat)

    await engine.handle(said(chat, "SEV2", OWNER, thread))
    await engine.handle(said(chat, "done 1", OWNER, thread))
    [claimed] = await engine.handle(said(chat, "owner me", OWNER, thread))

    assert isinstance(claimed, ReplyToCommand), "the reporter owns a hand-opened incident: only they hand it over"
    current = incident(engine, incident_id)
    assert (current.severity, current.owner_id) == (2, REPORTER)
    first_step = engine.desk.store.steps(incident_id)[0]
    assert first_step.done_by == OWNER


async def test_a_reply_addressed_to_the_bot_is_a_command(engine: Engine, chat: Chat) -> None:
    incident_id, thread = await open_incident(engine, chat)

    [note] = await engine.handle(said(chat, f"<@{BOT}>, note: staging used the same key", BYSTANDER, thread,
                                      addressed=True))
    [help_card] = await engine.handle(said(chat, f"<@{BOT}>", BYSTANDER, thread, addressed=True))

    assert isinstance(note, PostIncidentUpdate) and "staging used the same key" in note.card.as_text()
    assert [(entry.kind, entry.actor_id) for entry in engine.desk.store.timeline(incident_id)][-1] == (
        "note", BYSTANDER)
    assert isinstance(help_card, ReplyToCommand) and help_card.recipient_id == BYSTANDER
    assert "@damage-control" in help_card.card.as_text()


async def test_only_the_owner_the_reporter_or_an_admin_may_resolve(engine: Engine, chat: Chat) -> None:
    incident_id, thread = await open_incident(engine, chat)
    await engine.handle(said(chat, f"<@{BOT}> owner <@{OWNER}>", REPORTER, thread, addressed=True))
    assert incident(engine, incident_id).owner_id == OWNER

    # A bystander: refused privately, before any form, and by the form too if they got one.
    [typed] = await engine.handle(said(chat, f"<@{BOT}> resolve all good", BYSTANDER, thread, addressed=True))
    [clicked] = await engine.handle(chat.command("incident", f"resolve {incident_id}", BYSTANDER, place=thread))
    [sent] = await engine.handle(form(chat, incident_id, "resolve", "all good", Person(user_id=BYSTANDER)))
    for refusal in (typed, clicked, sent):
        assert isinstance(refusal, ReplyToCommand) and refusal.recipient_id == BYSTANDER
        assert "can be resolved by its owner (<@U-OWNER>)" in refusal.card.title
    assert incident(engine, incident_id).is_open

    # The owner, the reporter and a channel admin get the form.
    for user in (Person(user_id=OWNER), Person(user_id=REPORTER), Person(user_id=ADMIN, is_channel_admin=True)):
        command = chat.command("incident", f"resolve {incident_id}", user.user_id, place=thread)
        [asked] = await engine.handle(command.model_copy(update={"user": user}))
        assert isinstance(asked, OpenIncidentForm) and (asked.form, asked.recipient_id) == ("resolve", user.user_id)
        assert not asked.required and asked.title == "Resolve the incident"

    [summary] = await engine.handle(form(chat, incident_id, "resolve", "", Person(user_id=ADMIN, is_channel_admin=True),
                                         place=thread))
    assert isinstance(summary, PostIncidentUpdate) and dict(summary.card.fields)["Lessons learned"] == "none recorded"
    resolved = incident(engine, incident_id)
    assert (resolved.status, resolved.resolved_by, resolved.lessons) == ("resolved", ADMIN, "")
    [late] = await engine.handle(form(chat, incident_id, "resolve", "again", Person(user_id=OWNER)))
    assert "already resolved" in late.card.title


async def test_handing_over_an_owned_incident_is_the_owners_call(engine: Engine, chat: Chat) -> None:
    incident_id, thread = await open_incident(engine, chat, user=REPORTER)
    [taken] = await engine.handle(chat.command("incident", f"owner {incident_id} me", BYSTANDER, place=thread))
    assert isinstance(taken, ReplyToCommand) and "can hand it over" in taken.card.title
    [again] = await engine.handle(chat.command("incident", f"owner {incident_id} me", REPORTER, place=thread))
    assert "already owns" in again.card.title

    await engine.handle(chat.command("incident", f"owner {incident_id} <@{OWNER}>", REPORTER, place=thread,
                                     mentioned_ids=(OWNER,)))
    admin = chat.command("incident", f"owner {incident_id} me", ADMIN, place=thread)
    await engine.handle(admin.model_copy(update={"user": Person(user_id=ADMIN, is_channel_admin=True)}))

    owners = [(entry.actor_id, entry.detail) for entry in engine.desk.store.timeline(incident_id)
              if entry.kind == "owner"]
    assert owners == [(REPORTER, OWNER), (ADMIN, ADMIN)]


async def test_the_update_form_posts_in_the_thread_and_counts_as_first_response(engine: Engine, chat: Chat) -> None:
    incident_id, thread = await open_incident(engine, chat)
    [asked] = await engine.handle(chat.command("incident", f"update {incident_id}", BYSTANDER, place=thread))
    assert isinstance(asked, OpenIncidentForm) and asked.required and "needs some text" in asked.fallback.title

    [empty] = await engine.handle(form(chat, incident_id, "update", "  ", Person(user_id=BYSTANDER)))
    assert isinstance(empty, ReplyToCommand)
    chat.clock.advance(minutes=7)
    [posted] = await engine.handle(form(chat, incident_id, "update", "login restored for most users",
                                        Person(user_id=BYSTANDER), place=thread))

    assert isinstance(posted, PostIncidentUpdate) and "login restored for most users" in posted.card.as_text()
    assert incident(engine, incident_id).first_response_at == chat.clock.now()


async def test_a_form_for_another_workspace_or_an_unknown_incident_does_nothing(engine: Engine, chat: Chat) -> None:
    incident_id, _ = await open_incident(engine, chat)
    elsewhere = form(chat, incident_id, "resolve", "", Person(user_id=REPORTER)).model_copy(
        update={"workspace_id": "T-OTHER"})

    assert await engine.handle(elsewhere) == []
    assert await engine.handle(form(chat, "inc_missing", "update", "hello", Person(user_id=REPORTER))) == []
    assert incident(engine, incident_id).is_open


def test_the_cards_buttons_speak_the_incidents_language(harness: Harness) -> None:
    actions = harness.desk.on_flagged_message(message(size=120), finding_analysis(Category.INSULT, Severity.HIGH, "it"),
                                              "…")
    [opening] = [action for action in actions if isinstance(action, OpenIncidentThread)]
    assert [(control.verb, control.label, control.style) for control in opening.controls] == [
        ("owner", "Prendi in carico", "primary"), ("update", "Aggiorna", "default"), ("resolve", "Risolvi", "danger")]
    assert "@damage-control" in opening.card.footer and "sev 1-4" in opening.card.footer


def test_an_incident_nobody_owns_is_claimed_before_it_is_resolved(harness: Harness) -> None:
    actions = harness.desk.on_flagged_message(message(size=12), secret_analysis(), MASKED)
    thread = harness.thread_opened(actions)

    [refused] = harness.command("resolve the key is rotated", place=thread, user="U-GINA")
    assert isinstance(refused, ReplyToCommand) and refused.recipient_id == "U-GINA"
    assert refused.card.title.startswith("Nobody owns incident") and "Take ownership" in refused.card.title
    harness.command("owner me", place=thread, user="U-GINA")
    [summary] = harness.command("resolve the key is rotated", place=thread, user="U-GINA")

    assert isinstance(summary, PostIncidentUpdate) and dict(summary.card.fields)["Lessons learned"] == (
        "the key is rotated")
