"""Block Kit rendering of the core's cards, suggestions and buttons (the adapter's outbound half of the UI)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from adapters.slack.translate import (
    ANSWER_ACTION_PREFIX,
    INCIDENT_CONTROL_ACTION,
    INCIDENT_STEP_ACTION,
    answer_value,
    incident_control_value,
    incident_step_value,
    to_slack_text,
)
from bot.actions import Button, Card, IncidentButton
from bot.verdict import Suggestion
from bot.vocabulary import Answer, SuggestionKind

Block = dict[str, Any]

# Block Kit limits (https://api.slack.com/reference/block-kit/blocks): a section's text 3000 chars,
# 10 fields of 2000, a button label 75, a button value 2000, 50 blocks in a message, 100 in a view.
_SECTION_LIMIT = 3000
_FIELD_LIMIT = 2000
_LABEL_LIMIT = 75
MESSAGE_BLOCK_LIMIT = 50

_ANSWER_FOR_KIND = {
    SuggestionKind.CORRECTION: Answer.APPLY_CORRECTION,
    SuggestionKind.APOLOGY: Answer.POST_APOLOGY,
    SuggestionKind.TOPIC_CHANGE: Answer.CHANGE_TOPIC,
    SuggestionKind.DELETE: Answer.DELETE,
}


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _section(markdown: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _clip(markdown, _SECTION_LIMIT)}}


def _quote(text: str) -> str:
    return "\n".join("> " + line for line in to_slack_text(text).splitlines() or [""])


def card_blocks(card: Card) -> list[Block]:
    """A Card as sections: bold title, its lines, label/value fields and a small footer."""
    blocks: list[Block] = [_section(f"*{to_slack_text(card.title)}*")]
    if card.lines:
        blocks.append(_section("\n".join(to_slack_text(line) for line in card.lines)))
    for start in range(0, len(card.fields), 10):
        fields = card.fields[start : start + 10]
        blocks.append({
            "type": "section",
            "fields": [
                {"type": "mrkdwn", "text": _clip(f"*{to_slack_text(label)}*\n{to_slack_text(value)}",
                                                 _FIELD_LIMIT)}
                for label, value in fields
            ],
        })
    if card.footer:
        blocks.append({"type": "context",
                       "elements": [{"type": "mrkdwn", "text": _clip(to_slack_text(card.footer), 2000)}]})
    return blocks


def copy_blocks(card: Card) -> list[Block]:
    """A card whose lines are text to copy (a correction or a draft): the lines as one code block."""
    plain = card.model_copy(update={"lines": ()})
    blocks = card_blocks(plain)
    if card.lines:
        # Backticks inside would end the code block early; a zero-width space between them keeps them.
        text = "\n".join(to_slack_text(line) for line in card.lines).replace("```", "`\u200b``")
        blocks.insert(1, _section(f"```{text}```"))
    return blocks


def suggestion_blocks(card: Card, suggestions: Sequence[Suggestion], buttons: Sequence[Button],
                      suggestion_id: str | None) -> list[Block]:
    """The private suggestion: what was found and why, each drafted text under its button's label,
    then the buttons. Each button's value carries the suggestion id and the answer, nothing else,
    so a button pressed after a restart still finds its suggestion in the database."""
    blocks = card_blocks(card)
    labels = {button.answer: button.label for button in buttons}
    for suggestion in suggestions:
        label = labels.get(_ANSWER_FOR_KIND[suggestion.kind], "")
        if suggestion.text:
            heading = f"*{to_slack_text(label)}*\n" if label else ""
            blocks.append(_section(heading + _quote(suggestion.text)))
    if buttons and suggestion_id:
        blocks.append({"type": "actions", "block_id": f"answers:{suggestion_id}",
                       "elements": [answer_button(suggestion_id, button) for button in buttons]})
    return blocks[:MESSAGE_BLOCK_LIMIT]


def button_element(action_id: str, label: str, value: str, style: str | None = None) -> Block:
    """One Block Kit button; `style` is "primary", "danger" or None (Slack's default look)."""
    element: Block = {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": _clip(label, _LABEL_LIMIT), "emoji": True},
        "value": value,
    }
    if style is not None:
        element["style"] = style
    return element


def answer_button(suggestion_id: str, button: Button) -> Block:
    style = "primary" if button.primary else "danger" if button.answer is Answer.DELETE else None
    return button_element(f"{ANSWER_ACTION_PREFIX}:{button.answer.value}", button.label,
                          answer_value(suggestion_id, button.answer), style)


def incident_blocks(card: Card, incident_id: str, steps: Sequence[tuple[str, str]],
                    message_id: str | None = None, message_link: str | None = None,
                    controls: Sequence[IncidentButton] = ()) -> list[Block]:
    """An incident thread's opening message: the card, one button per checklist step, then the incident's
    own buttons (take ownership, post update, resolve). With a link,
    the card's line naming the flagged message becomes a link to it (the card only ever holds masked text)."""
    if message_id and message_link:
        lines = list(card.lines)
        index = next((i for i, line in enumerate(lines) if message_id in line), None)
        label = lines.pop(index) if index is not None else message_id
        blocks = card_blocks(card.model_copy(update={"lines": tuple(lines)}))
        link = f"<{message_link}|{to_slack_text(label).replace('|', '¦')}>"
        blocks.insert(1, _section(link))  # right under the title: what happened, where
    else:
        blocks = card_blocks(card)
    if steps:
        blocks.append({
            "type": "actions",
            "block_id": f"incident:{incident_id}",
            "elements": [
                button_element(f"{INCIDENT_STEP_ACTION}:{step_id}", label, incident_step_value(incident_id, step_id))
                for step_id, label in steps[:25]
            ],
        })
    if controls:
        blocks.append({"type": "actions", "block_id": f"incident_controls:{incident_id}",
                       "elements": [incident_control_button(incident_id, control) for control in controls]})
    return blocks[:MESSAGE_BLOCK_LIMIT]


def incident_control_button(incident_id: str, control: IncidentButton) -> Block:
    return button_element(f"{INCIDENT_CONTROL_ACTION}:{control.verb}", control.label,
                          incident_control_value(incident_id, control.verb),
                          None if control.style == "default" else control.style)


def mention_line(user_ids: Sequence[str]) -> str:
    return " ".join(f"<@{user_id}>" for user_id in user_ids)
