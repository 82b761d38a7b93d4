"""Word-list quality through the real Detector: tweet spellings and group hostility found, technical English left alone."""

from __future__ import annotations

import pytest

from bot.detection import Detector
from bot.vocabulary import Category

NUDGES = {Category.INSULT, Category.TOXICITY, Category.PROFANITY_MILD, Category.HEATED,
          Category.PASSIVE_AGGRESSIVE, Category.ABOUT_PRESENT_PERSON}



def _nudges(detector: Detector, text: str, language: str | None = None) -> set[Category]:
    return set(detector.analyse(text, language=language).categories) & NUDGES


# Ordinary technical chat (language left to the detector, as in a real channel): words that other lists know
# as insults, typo variants of insults ("batch" is one dropped letter from a tweet spelling of "bitch"),
# group words in their technical sense, and workplace phrases.
TECHNICAL = [
    "run the nightly batch job again, the batches were empty",
    "the nonce must be unique for every request",
    "assign the variable before the loop, the assignment fails otherwise",
    "the assistant crashed while assigning error codes",
    "pseudocode is fine for the design doc",
    "the loading spinner never stops on the settings page",
    "primitive types are copied, objects are not",
    "pack the files into a tarball first",
    "subnormal numbers are slow on some CPUs",
    "update the DOM element after the fetch",
    "our bug bounty program pays for security reports",
    "warnings get lost when stderr is redirected",
    "ssh is disabled by default so the old agent is useless",
    "the female connector is garbage, use the other cable",
    "you'd better kill that process before upgrading",
    "you're dead wrong about the cache, it is per user",
    "it's idiot proof, just run the installer",
    "friendly reminder: the meeting moved to 15:00",
    "noted. I'll update the ticket",
    "trash talk aside, the new release is solid",
    "empty the trash folder to free some space",
]


@pytest.mark.parametrize("text", TECHNICAL)
def test_technical_english_does_not_nudge(detector: Detector, text: str) -> None:
    assert _nudges(detector, text) == set()


# Everyday chat in Italian, Spanish and French that shares words with the new hostile vocabulary.
INNOCENT = [
    ("it", "sei sposato o sei a casa con i tuoi genitori?"),
    ("it", "ho dei pesci pagliaccio nel mio acquario"),
    ("it", "Il comune ha aperto un nuovo centro di accoglienza per i migranti"),
    ("it", "Grazie tante per il regalo, è bellissimo"),
    ("it", "La ruspa del cantiere ha finito di scavare le fondamenta"),
    ("es", "Estudio la historia del imperio mongol"),
    ("es", "Los violadores de mujeres deben ir a la cárcel"),
    ("fr", "Comme indiqué dans le mail, la réunion est à 10h"),
]


@pytest.mark.parametrize(("language", "text"), INNOCENT)
def test_innocent_messages_do_not_nudge(detector: Detector, language: str, text: str) -> None:
    assert _nudges(detector, text, language) == set()


# (language, text, category): tweet spellings, group hostility written the usual ways, political name-calling.
FLAGGED = [
    ("en", "you're a ho and everybody knows it", Category.INSULT),
    ("en", "these hoes ain't loyal", Category.INSULT),
    ("en", "shut up bitchez", Category.INSULT),
    ("en", "A disabled life is worth nothing", Category.TOXICITY),
    ("it", "Rimandiamoli a casa loro questi clandestini", Category.TOXICITY),
    ("it", "I migranti vengono qui per rubare e noi paghiamo", Category.TOXICITY),
    ("it", "Gli zingari sono tutti uguali, via dall'Italia", Category.TOXICITY),
    ("it", "Ci vuole la ruspa, subito", Category.TOXICITY),
    ("it", "Quelle due galline starnazzanti in tv", Category.INSULT),
    ("es", "Que se vayan a su país los ilegales", Category.TOXICITY),
    ("fr", "Encore un sale gauchiste qui parle", Category.INSULT),
    ("de", "Ausländer raus, sofort", Category.TOXICITY),
]


@pytest.mark.parametrize(("language", "text", "category"), FLAGGED)
def test_hostile_vocabulary_is_found(detector: Detector, language: str, text: str, category: Category) -> None:
    assert category in _nudges(detector, text, language)
