"""Passive-aggressive stock phrases under their lexicon condition: always, in a reply, alone, or sharpened."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.data_files import DataPaths
from bot.detection import Detector
from bot.detection.lexicon import LexiconFile
from bot.verdict import MessageContext
from bot.vocabulary import SUPPORTED_LANGUAGES, Category

DATA = Path(__file__).resolve().parents[3] / "data"
TOP_LEVEL = MessageContext()
REPLY = MessageContext(reply_to="a question from a colleague")



def _flagged(detector: Detector, text: str, context: MessageContext = TOP_LEVEL, language: str | None = None) -> bool:
    return Category.PASSIVE_AGGRESSIVE in detector.analyse(text, context, language=language).categories


# A reminder that one has said it before: neutral at the top of a thread, a jab in a reply.
IN_REPLY = [
    ("en", "as I said, the staging server is down until noon"),
    ("it", "come già detto, la demo è giovedì"),
    ("es", "como te dije, la reunión es a las diez"),
    ("fr", "comme déjà dit, la démo est jeudi"),
    ("de", "wie schon gesagt, das Release ist am Freitag"),
    ("nl", "zoals eerder gezegd, de build draait 's nachts"),
    ("fy", "lykas al sein, de gearkomste is om trije oere"),
]


@pytest.mark.parametrize(("language", "text"), IN_REPLY)
def test_a_reminder_is_a_jab_in_a_reply_only(detector: Detector, language: str, text: str) -> None:
    assert _flagged(detector, text, REPLY, language)
    assert not _flagged(detector, text, TOP_LEVEL, language)


@pytest.mark.parametrize(("language", "text"), IN_REPLY)
def test_the_reply_condition_holds_with_the_language_left_to_the_detector(
    detector: Detector, language: str, text: str
) -> None:
    analysis = detector.analyse(text, REPLY)
    assert analysis.language == language
    assert Category.PASSIVE_AGGRESSIVE in analysis.categories


# Retorts: the whole message (after a short opening word at most) is the jab; inside a sentence they
# are ordinary words.
RETORTS = [
    ("en", "if you say so.", "if you say so, I'll book the room for Tuesday"),
    ("en", "oh well, fine.", "fine by me, ship it"),
    ("it", "contento tu.", "se sei contento tu, lo siamo anche noi"),
    ("es", "lo que tú digas.", "lo que tú digas en la reunión vale para todos"),
    ("fr", "libre à toi.", "libre à toi de choisir la salle, moi je m'en fiche"),
    ("de", "wie du meinst.", "wie du meinst, dass es klappt, erklär es mir bitte"),
    ("nl", "als jij het zegt.", "als jij het zegt tegen Piet, regel ik de rest"),
    ("fy", "as do it seist.", "as do it seist tsjin Piet, regelje ik de rest"),
]


@pytest.mark.parametrize(("language", "retort", "sentence"), RETORTS)
def test_a_retort_on_its_own_is_passive_aggressive_and_in_a_sentence_is_not(
    detector: Detector, language: str, retort: str, sentence: str
) -> None:
    assert _flagged(detector, retort, REPLY)
    assert not _flagged(detector, sentence, REPLY, language)


def test_a_retort_word_followed_by_more_words_is_no_retort(detector: Detector) -> None:
    assert not _flagged(detector, "good for you. congrats on the move!", REPLY, "en")
    assert not _flagged(detector, "fine, thanks for the help", REPLY, "en")
    assert not _flagged(detector, "congratulations, good for you.", REPLY, "en")


# Phrases that stay neutral even in a reply, unless sharpened.
@pytest.mark.parametrize(("language", "plain", "sharpened"), [
    ("en", "as mentioned, the office is closed on Monday",
     "as mentioned, which you clearly ignored, the office is closed on Monday"),
    ("fr", "je te rappelle que le train part à huit heures",
     "je te rappelle que, visiblement, personne ne lit les consignes"),
    ("de", "wie gesagt, ich bin morgen im Homeoffice", "wie gesagt, offensichtlich liest hier keiner die Doku"),
    ("nl", "zoals gezegd ben ik vrijdag vrij", "zoals gezegd, blijkbaar leest niemand de handleiding"),
    ("es", "te recuerdo que mañana cerramos la oficina", "te recuerdo que la demo es hoy, por lo visto"),
    ("it", "ti ricordo che il treno parte alle otto",
     "ti ricordo che il deploy è alle sei, evidentemente non l'hai letto"),
])
def test_a_pointed_phrase_needs_a_tail_next_to_it_or_closing_its_sentence(
    detector: Detector, language: str, plain: str, sharpened: str
) -> None:
    assert not _flagged(detector, plain, REPLY, language)
    assert _flagged(detector, sharpened, TOP_LEVEL, language)


def test_a_tail_word_further_on_in_the_sentence_does_not_sharpen(detector: Detector) -> None:
    assert not _flagged(detector, "as discussed, the new design is clearly better for mobile", TOP_LEVEL, "en")


def test_a_tail_word_alone_is_nothing(detector: Detector) -> None:
    assert not _flagged(detector, "clearly the cache is the bottleneck, obviously we fix it first", REPLY, "en")


def test_capitals_inside_the_phrase_sharpen_it(detector: Detector) -> None:
    assert _flagged(detector, "as I ALREADY said, the keys are in the vault", TOP_LEVEL, "en")
    assert not _flagged(detector, "as mentioned, the API keys are in the vault", TOP_LEVEL, "en")


def test_a_second_jab_sharpens_the_first(detector: Detector) -> None:
    assert _flagged(detector, "with all due respect, as I said, that plan won't scale", TOP_LEVEL, "en")
    assert not _flagged(detector, "with all due respect to the authors, that plan won't scale", TOP_LEVEL, "en")


def test_two_reminders_or_a_common_word_do_not_stack(detector: Detector) -> None:
    assert not _flagged(detector, "friendly reminder: as discussed, the offsite is on Friday", TOP_LEVEL, "en")
    assert not _flagged(detector, "that's fine, as discussed we ship on Monday", TOP_LEVEL, "en")


def test_the_finding_points_at_the_strongest_phrase(detector: Detector) -> None:
    text = "Fine. Thanks for finally replying."
    findings = [f for f in detector.analyse(text, REPLY, language="en").findings
                if f.category is Category.PASSIVE_AGGRESSIVE]
    assert [text[f.start:f.end] for f in findings] == ["Thanks for finally"]


def test_phrases_that_are_always_a_jab_need_no_context(detector: Detector) -> None:
    assert _flagged(detector, "per my last email, the deadline was Friday.", TOP_LEVEL, "en")
    assert _flagged(detector, "voor de zoveelste keer: niet op main pushen", TOP_LEVEL, "nl")


def test_a_quoted_phrase_is_not_said(detector: Detector) -> None:
    assert not _flagged(detector, 'the guide says to never start a mail with "per my last email" and I agree',
                        TOP_LEVEL, "en")


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_language_lists_phrases_under_conditions(detector: Detector, language: str) -> None:
    import tomllib

    raw = tomllib.loads(DataPaths(DATA).lexicon(language).read_text(encoding="utf-8"))
    for key in ("passive_aggressive", "passive_aggressive_in_reply", "passive_aggressive_when_alone",
                "passive_aggressive_pointed", "passive_aggressive_tail"):
        assert raw[key]["terms"], (language, key)


def test_a_lexicon_without_a_condition_list_is_rejected() -> None:
    import tomllib

    raw = tomllib.loads(DataPaths(DATA).lexicon("en").read_text(encoding="utf-8"))
    del raw["passive_aggressive_tail"]
    with pytest.raises(ValidationError, match="passive_aggressive_tail"):
        LexiconFile.model_validate(raw)


# English competence put-downs said of someone present.
MEMBERS = MessageContext(members_present=("alice", "bob", "carol", "dave"), author="dave")


@pytest.mark.parametrize("text", [
    "carol has no clue what she's doing with the database",
    "bob doesn't know what he's doing with the migrations",
    "honestly alice has no idea what she's doing",
])
def test_a_competence_put_down_about_someone_present(detector: Detector, text: str) -> None:
    assert Category.ABOUT_PRESENT_PERSON in detector.analyse(text, MEMBERS, language="en").categories


@pytest.mark.parametrize("text", [
    "my landlord has no clue what he's doing with the heating",
    "carol has no idea the cake is for her, keep it quiet",
])
def test_the_same_words_about_someone_absent_or_innocent_are_not(detector: Detector, text: str) -> None:
    assert Category.ABOUT_PRESENT_PERSON not in detector.analyse(text, MEMBERS, language="en").categories


def test_a_term_written_with_a_closing_stop_also_ends_a_message_without_one(detector: Detector) -> None:
    assert _flagged(detector, "you could have run the tests first, just saying", TOP_LEVEL, "en")
    assert _flagged(detector, "well good for you", REPLY, "en")
    assert not _flagged(detector, "just saying hi before I head out", TOP_LEVEL, "en")
    assert not _flagged(detector, "good for you!", REPLY, "en")
