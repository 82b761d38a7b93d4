"""One line of a replay's output: what the bot would have done, about which message, when."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum


class ReplayAction(StrEnum):
    NUDGE = "nudge"
    APOLOGY_RECORDED = "apology_recorded"
    REPEAT_APOLOGY_WARNING = "repeat_apology_warning"
    NON_APOLOGY_FLAG = "non_apology_flag"
    INCIDENT_OPENED = "incident_opened"
    INCIDENT_UPDATED = "incident_updated"


@dataclass(frozen=True)
class ReplayRecord:
    ts: str  # the source message's timestamp (Slack ts) or id (Discord)
    at: str  # ISO time of the source event
    channel: str
    user: str
    action: ReplayAction
    categories: tuple[str, ...] = ()
    severity: str = "none"
    apology_count: int | None = None
    excerpt: str = ""
    reference_id: str = ""
    extra: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        data = asdict(self)
        data["action"] = self.action.value
        data["categories"] = list(self.categories)
        if self.apology_count is None:
            data.pop("apology_count")
        if not self.extra:
            data.pop("extra")
        return data
