"""Drift: the desk's text keys agree with data/templates/en.toml where the templates already have them."""

from __future__ import annotations

import string

from bot.incidents.wording import ENGLISH, Wording
from bot.texts import Texts


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_shared_keys_use_the_same_placeholders_as_the_templates(texts: Texts) -> None:
    shared = [key for key in ENGLISH if texts.has(key)]
    assert "incident.owner_none" in shared  # the templates do carry incident keys
    for key in shared:
        template = texts.variants("en", key)[0]
        assert placeholders(template) == placeholders(ENGLISH[key]), key


def test_templates_win_and_missing_keys_fall_back_to_english(texts: Texts) -> None:
    words = Wording(texts)
    assert words.say("en", "incident.owner_none") == texts.get("en", "incident.owner_none")
    assert words.say("fy", "incident.sev.1") == texts.get("fy", "incident.sev.1") == "SEV1 (kritysk)"
    assert words.say("en", "incident.error.step", incident_id="inc_1", step="9", total=4).endswith("1 to 4.")


def test_every_key_the_desk_names_has_an_english_fallback() -> None:
    import re
    from pathlib import Path

    import bot.incidents

    source = "\n".join(path.read_text() for path in Path(bot.incidents.__file__).parent.glob("*.py")
                       if path.name != "wording.py")
    named = set(re.findall(r'(?<![{\w])"((?:incident|place|time|category)\.[a-z_.]+)"', source))
    assert len(named) > 50
    assert sorted(key for key in named if key not in ENGLISH) == []
    for level in (1, 2, 3, 4):
        assert f"incident.sev.{level}" in ENGLISH
    for kind in ("opened", "owner", "severity", "update", "step", "note", "reception", "thread", "reminder", "resolved"):
        assert f"incident.timeline.{kind}" in ENGLISH
