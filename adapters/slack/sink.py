"""SlackSink: performs the core's actions with the Slack Web API and reports receipts; never raises."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, assert_never

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import (
    Block,
    card_blocks,
    copy_blocks,
    incident_blocks,
    mention_line,
    suggestion_blocks,
)
from adapters.slack.errors import to_failure
from adapters.slack.home import home_view
from adapters.slack.interaction import current_interaction
from adapters.slack.modals import incident_form_modal, settings_modal
from adapters.slack.translate import to_slack_text
from adapters.slack.user_tokens import UserTokens
from bot.actions import (
    Action,
    ApplyCorrection,
    DeleteMessage,
    NoticePurpose,
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
from bot.events import Place
from bot.receipts import ActionFailed, Delivered, FailureReason, IncidentThreadOpened, Receipt
from bot.texts import Texts
from bot.vocabulary import Delivery, Platform

log = logging.getLogger(__name__)

# When an ephemeral cannot reach the user in that channel (the app is not a member, the channel is
# gone), a direct message still can.
_DM_FALLBACK = {FailureReason.NOT_IN_CHANNEL, FailureReason.CHANNEL_NOT_FOUND, FailureReason.MISSING_PERMISSION}


# The template key (data/templates, every language) of the hint for what needed the user's own token.
_ENABLE_HINTS = {
    "apply_correction": "slack.enable_edits",
    "post_message": "slack.enable_posts",
    "delete_message": "slack.enable_deletes",
}
# Notices that follow up a failed action: the ones a remembered hint belongs under.
_FOLLOW_UP_PURPOSES = {NoticePurpose.CORRECTION_TO_COPY, NoticePurpose.ERROR}
# (workspace id, user id) -> that user's language for the adapter's own hints.
LanguageOf = Callable[[str, str], str]


class SlackFailure(Exception):
    """A Web API call failed; carries the receipt already logged by errors.to_failure."""

    def __init__(self, failure: ActionFailed) -> None:
        super().__init__(failure.detail)
        self.failure = failure


class SlackSink:
    """One `match` over the action union: a new action kind without a case fails the type check."""

    def __init__(self, client: AsyncWebClient, user_tokens: UserTokens, texts: Texts,
                 language_of: LanguageOf = lambda workspace_id, user_id: "en") -> None:
        self._client = client
        self._user_tokens = user_tokens
        self._texts = texts
        self._language_of = language_of
        self._session: aiohttp.ClientSession | None = None
        # suggestion id -> the template key of a Slack-specific line for the engine's follow-up about it
        # (same reference id): how to enable what we could not do without the user's token, or how to
        # invite the app.
        self._hints: dict[str, str] = {}

    def say(self, workspace_id: str | None, user_id: str, key: str, **values: object) -> str:
        """A Slack hint in the user's language (their setting, else English)."""
        language = self._language_of(workspace_id, user_id) if workspace_id else "en"
        return self._texts.get(language, key, **values)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def perform(self, action: Action) -> Receipt | None:
        try:
            return await self._perform(action)
        except SlackFailure as failure:
            return failure.failure
        except Exception:  # the bot keeps running whatever one action does
            log.exception("slack sink failed on %s", action.kind)
            return ActionFailed(action_kind=action.kind, reason=FailureReason.UNKNOWN, detail="internal_error")

    async def _perform(self, action: Action) -> Receipt | None:
        match action:
            case SendPrivateSuggestion():
                blocks = suggestion_blocks(action.card, action.suggestions, action.buttons, action.suggestion_id)
                hint = self._hints.pop(action.suggestion_id, None)
                if hint is not None:
                    blocks.append(_context(self.say(action.place.workspace_id, action.recipient_id, hint)))
                try:
                    # No fallback here: the engine gets the failure and chooses (a DM, unless rate limited).
                    ts = await self._private(action.kind, action.suggestion_id, action.recipient_id, action.place,
                                             action.delivery, action.card.as_text(), blocks, fallback=False)
                except SlackFailure as failure:
                    if failure.failure.reason is FailureReason.NOT_IN_CHANNEL:
                        self._remember_hint(action.suggestion_id, "slack.not_in_channel")
                    raise
                return Delivered(action_kind=action.kind, reference_id=action.suggestion_id,
                                 platform_message_id=ts)
            case SendPrivateNotice():
                copyable = action.purpose is NoticePurpose.CORRECTION_TO_COPY
                blocks = copy_blocks(action.card) if copyable else card_blocks(action.card)
                hint = None
                if action.purpose in _FOLLOW_UP_PURPOSES:
                    hint = self._hints.pop(action.reference_id, None) or ("slack.enable_edits" if copyable else None)
                if hint is not None:
                    workspace_id = action.place.workspace_id if action.place else action.workspace_id
                    blocks.append(_context(self.say(workspace_id, action.recipient_id, hint)))
                delivery = action.delivery if action.place is not None else Delivery.DIRECT_MESSAGE
                ts = await self._private(action.kind, action.reference_id, action.recipient_id, action.place,
                                         delivery, action.card.as_text(), blocks)
                return Delivered(action_kind=action.kind, reference_id=action.reference_id, platform_message_id=ts)
            case ReplyToCommand():
                blocks = suggestion_blocks(action.card, action.suggestions, action.buttons, action.suggestion_id)
                await self._reply(action, blocks)
                return Delivered(action_kind=action.kind, reference_id=action.suggestion_id or action.event_id)
            case ApplyCorrection():
                await self._as_author(action.kind, action.suggestion_id, action.place, action.author_id,
                                      "chat.update", channel=action.place.channel_id, ts=action.message_id,
                                      text=to_slack_text(action.new_text))
                return Delivered(action_kind=action.kind, reference_id=action.suggestion_id,
                                 platform_message_id=action.message_id)
            case DeleteMessage():
                await self._as_author(action.kind, action.suggestion_id or "", action.place, action.author_id,
                                      "chat.delete", channel=action.place.channel_id, ts=action.message_id)
                return Delivered(action_kind=action.kind, reference_id=action.suggestion_id or "",
                                 platform_message_id=action.message_id)
            case PostMessage():
                return await self._post_message(action)
            case OpenIncidentThread():
                link = await self._message_link(action)
                blocks = incident_blocks(action.card, action.incident_id, action.buttons, action.message_id, link,
                                         action.controls)
                response = await self._call(action.kind, action.incident_id, "chat.postMessage",
                                            channel=action.team_channel_id, text=action.title,
                                            blocks=blocks, unfurl_links=False)
                thread = Place(platform=Platform.SLACK, workspace_id=action.workspace_id,
                               channel_id=str(response.get("channel") or action.team_channel_id),
                               thread_id=str(response["ts"]))
                return IncidentThreadOpened(incident_id=action.incident_id, thread=thread,
                                            url=await self._permalink(action.incident_id, thread))
            case PostIncidentUpdate():
                blocks = card_blocks(action.card)
                text = action.card.as_text()
                if action.mention_ids:
                    mentions = mention_line(action.mention_ids)
                    blocks.insert(0, {"type": "section", "text": {"type": "mrkdwn", "text": mentions}})
                    text = f"{mentions} {text}"
                response = await self._call(action.kind, action.incident_id, "chat.postMessage",
                                            channel=action.thread.channel_id, thread_ts=action.thread.thread_id,
                                            text=text, blocks=blocks, unfurl_links=False)
                return Delivered(action_kind=action.kind, reference_id=action.incident_id,
                                 platform_message_id=str(response.get("ts") or ""))
            case OpenSettingsForm():
                interaction = current_interaction.get()
                trigger_id = action.trigger_ref or (interaction.trigger_id if interaction else None)
                if not trigger_id:
                    log.warning("settings form for %s without a trigger_id: cannot open a modal", action.recipient_id)
                    return ActionFailed(action_kind=action.kind, reason=FailureReason.INVALID_REQUEST,
                                        detail="no_trigger_id")
                await self._call(action.kind, action.recipient_id, "views.open", trigger_id=trigger_id,
                                 view=settings_modal(action.values, action.place, self._texts))
                return Delivered(action_kind=action.kind, reference_id=action.recipient_id)
            case PublishHome():
                await self._call(action.kind, action.user_id, "views.publish", user_id=action.user_id,
                                 view=home_view(action.sections))
                return Delivered(action_kind=action.kind, reference_id=action.user_id)
            case OpenIncidentForm():
                return await self._incident_form(action)
            case _:
                assert_never(action)

    async def _incident_form(self, action: OpenIncidentForm) -> Receipt:
        """A modal needs the trigger_id of the click or command that asked for it (valid 3 s); a reply
        typed in the thread has none, so the form's hint goes to the user privately instead."""
        interaction = current_interaction.get()
        trigger_id = action.trigger_ref or (
            interaction.trigger_id if interaction and interaction.user_id == action.recipient_id else None)
        if trigger_id:
            try:
                await self._call(action.kind, action.incident_id, "views.open", trigger_id=trigger_id,
                                 view=incident_form_modal(action))
                return Delivered(action_kind=action.kind, reference_id=action.incident_id)
            except SlackFailure:
                log.info("incident %s: the %s form could not open; its hint goes privately", action.incident_id,
                         action.form)
        ts = await self._private(action.kind, action.incident_id, action.recipient_id, action.place,
                                 Delivery.EPHEMERAL, action.fallback.as_text(), card_blocks(action.fallback))
        return Delivered(action_kind=action.kind, reference_id=action.incident_id, platform_message_id=ts)

    # --- building blocks ---------------------------------------------------------------------------
    async def _call(self, action_kind: str, reference_id: str, method: str, *, token: str | None = None,
                    **arguments: Any) -> dict[str, Any]:
        """One Web API call; failures become a logged SlackFailure. 429s were already retried by the
        client's AsyncRateLimitErrorRetryHandler before we get here."""
        if token is not None:
            arguments["token"] = token
        try:
            # The SDK's typed methods know which Web API methods take JSON and which take a form.
            response = await getattr(self._client, method.replace(".", "_"))(**_without_none(arguments))
        except (SlackApiError, aiohttp.ClientError, TimeoutError) as error:
            raise SlackFailure(to_failure(error, action_kind=action_kind, reference_id=reference_id,
                                          method=method, channel_id=arguments.get("channel"))) from None
        return dict(response.data) if isinstance(response.data, dict) else {}

    async def _private(self, action_kind: str, reference_id: str, user_id: str, place: Place | None,
                       delivery: Delivery, text: str, blocks: list[Block], fallback: bool = True) -> str | None:
        """Ephemeral in the channel, or a DM; an ephemeral that cannot be delivered falls back to a DM."""
        text = to_slack_text(text)
        if place is not None and delivery is Delivery.EPHEMERAL and not place.is_direct:
            try:
                response = await self._call(action_kind, reference_id, "chat.postEphemeral",
                                            channel=place.channel_id, user=user_id, text=text, blocks=blocks,
                                            thread_ts=place.thread_id)
                return str(response.get("message_ts") or "") or None
            except SlackFailure as failure:
                if not fallback or failure.failure.reason not in _DM_FALLBACK:
                    raise
                log.info("falling back to a direct message for %s %s", action_kind, reference_id)
                if failure.failure.reason is FailureReason.NOT_IN_CHANNEL:
                    blocks = [*blocks, _context(self.say(place.workspace_id, user_id, "slack.not_in_channel"))]
        return await self._direct_message(action_kind, reference_id, user_id, text, blocks)

    async def _direct_message(self, action_kind: str, reference_id: str, user_id: str, text: str,
                              blocks: list[Block]) -> str | None:
        opened = await self._call(action_kind, reference_id, "conversations.open", users=user_id)
        channel_id = str((opened.get("channel") or {}).get("id") or "")
        if not channel_id:
            raise SlackFailure(ActionFailed(action_kind=action_kind, reference_id=reference_id,
                                            reason=FailureReason.CLOSED_DIRECT_MESSAGES, detail="no_dm_channel"))
        response = await self._call(action_kind, reference_id, "chat.postMessage", channel=channel_id, text=text,
                                    blocks=blocks, unfurl_links=False)
        return str(response.get("ts") or "") or None

    async def _reply(self, action: ReplyToCommand, blocks: list[Block]) -> None:
        """Answer the command where the user is waiting: the response_url (works in any channel, even
        one the app is not in), else an ephemeral with the usual DM fallback."""
        interaction = current_interaction.get()
        text = action.card.as_text()
        response_url = interaction.response_url if interaction and interaction.user_id == action.recipient_id else None
        body = {"response_type": "ephemeral", "text": text, "blocks": blocks, "replace_original": False}
        if response_url and await self.respond(response_url, body):
            return
        await self._private(action.kind, action.event_id, action.recipient_id, action.place,
                            Delivery.EPHEMERAL, text, blocks)

    async def respond(self, response_url: str, body: dict[str, Any]) -> bool:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        try:
            async with self._session.post(response_url, json=body,
                                          timeout=aiohttp.ClientTimeout(total=10)) as response:
                if response.status == 200:
                    return True
                log.warning("slack response_url answered HTTP %s", response.status)
        except (aiohttp.ClientError, TimeoutError) as error:
            log.warning("slack response_url failed: %s", type(error).__name__)
        return False

    async def _as_author(self, action_kind: str, reference_id: str, place: Place, author_id: str,
                         method: str, **arguments: Any) -> dict[str, Any]:
        """Call `method` with the author's own token: Slack lets a bot token change only its own messages."""
        token = self._user_tokens.token_for(place.workspace_id, author_id)
        if token is None:
            log.info("%s for %s: the author has not authorised one-click edits", action_kind, reference_id or "-")
            self._remember_hint(reference_id, _ENABLE_HINTS.get(action_kind, "slack.enable_edits"))
            raise SlackFailure(ActionFailed(action_kind=action_kind, reference_id=reference_id,
                                            reason=FailureReason.NOT_AUTHORISED, detail="no_user_token"))
        try:
            return await self._call(action_kind, reference_id, method, token=token, **arguments)
        except SlackFailure as failure:
            if failure.failure.reason is FailureReason.TOKEN_REVOKED:
                # The user took their permission back: forget it and say so, the bot's own token is fine.
                self._user_tokens.forget(place.workspace_id, author_id)
                self._remember_hint(reference_id, _ENABLE_HINTS.get(action_kind, "slack.enable_edits"))
                raise SlackFailure(failure.failure.model_copy(update={"reason": FailureReason.NOT_AUTHORISED})) from None
            raise

    async def _permalink(self, incident_id: str, thread: Place) -> str | None:
        """A link to the incident thread, for reminders and the ledger; the incident works without it."""
        try:
            response = await self._call("open_incident_thread", incident_id, "chat.getPermalink",
                                        channel=thread.channel_id, message_ts=thread.thread_id)
        except SlackFailure:
            return None
        return str(response.get("permalink") or "") or None

    async def _message_link(self, action: OpenIncidentThread) -> str | None:
        """The flagged message's permalink for the incident's first message (a link, never its text)."""
        place, message_id = action.message_place, action.message_id
        if place is None or not message_id:
            return None
        try:
            response = await self._call(action.kind, action.incident_id, "chat.getPermalink",
                                        channel=place.channel_id, message_ts=message_id)
        except SlackFailure:
            return None  # the card still names the channel and the message
        return str(response.get("permalink") or "") or None

    def _remember_hint(self, reference_id: str, hint: str) -> None:
        if not reference_id:
            return
        if len(self._hints) > 1000:  # follow-ups come at once; anything older is stale
            self._hints.clear()
        self._hints[reference_id] = hint

    async def _post_message(self, action: PostMessage) -> Receipt:
        """As the bot for announcements; as the user (their token) for apologies and topic changes. Without
        their authorisation the engine gets NOT_AUTHORISED and hands them the draft to paste."""
        reference_id = action.suggestion_id or ""
        arguments: dict[str, Any] = {"channel": action.place.channel_id, "text": to_slack_text(action.text),
                                     "thread_ts": action.place.thread_id}
        if action.on_behalf_of is None:
            response = await self._call(action.kind, reference_id, "chat.postMessage", **arguments)
        else:
            response = await self._as_author(action.kind, reference_id, action.place, action.on_behalf_of,
                                             "chat.postMessage", **arguments)
        return Delivered(action_kind=action.kind, reference_id=reference_id,
                         platform_message_id=str(response.get("ts") or ""))


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def _without_none(arguments: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in arguments.items() if value is not None}

