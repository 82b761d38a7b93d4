"""Italian hate written with any inflection of its verbs and adjectives, through the real Detector; sentences are ours."""

from __future__ import annotations

import pytest

from bot.detection import Detector
from bot.vocabulary import Category

NUDGES = {Category.INSULT, Category.TOXICITY, Category.PROFANITY_MILD, Category.HEATED,
          Category.PASSIVE_AGGRESSIVE, Category.ABOUT_PRESENT_PERSON}


def _categories(detector: Detector, text: str) -> set[Category]:
    return set(detector.analyse(text, language="it").categories)


# One verb for expelling or harming in each of the forms people write it in, both genders of "them".
CONJUGATED_HATE = [
    "Espelliamole tutte, queste rom.",  # order, first person plural, feminine "them"
    "Deportatele, quelle zingare.",  # order, second person plural
    "Gli islamici li caccerei tutti domani.",  # "li" before a conditional
    "Le immigrate le rimpatrierei subito.",
    "Bisogna rimpatriarle, le clandestine.",  # infinitive with "them"
    "I profughi andrebbero rimpatriati in massa.",  # "andrebbero" with the participle
    "Le nomadi vanno sgomberate dai campi.",
    "I musulmani dovrebbero essere espulsi dall'Europa.",
    "Le zingare devono essere cacciate dal quartiere.",
    "Mitragliatele, quelle profughe.",
    "I clandestini andrebbero lapidati.",
    "Quei migranti li rimanderei indietro tutti.",
    "Gli africani? Da rispedire a casa.",
]

# The same verbs said of things, denied, or reported as someone else's words.
CONJUGATED_QUIET = [
    "Eliminatele pure, quelle bozze vecchie.",
    "Schiacciatele, quelle zanzare.",
    "Le cartelle le eliminerei tutte domani.",
    "I pacchi difettosi andrebbero rimandati al fornitore.",
    "I migranti non vanno respinti, vanno accolti.",
    "Non bisogna rimpatriarli: hanno diritto all'asilo.",
    "I profughi non devono essere espulsi.",
    "Chi scrive che i rom vanno sterminati dovrebbe vergognarsi.",
    "Secondo lui i migranti andrebbero espulsi, ma io non sono d'accordo.",
    # "tu" after a verb with its object fused to it is who does it, not whom it is about
    "Puoi eliminarli tu i file vecchi?",
    "Rimandali tu i documenti al cliente.",
    # Seeing or hearing "them" is literal as often as not
    "Non riesco a sentirle, le notifiche del telefono.",
    "Non riesco a vederli, i file condivisi.",
    # Ordinary words one typo away from a group word ("mosche"/"moschee") are not that group
    "Le mosche cacciale con lo spray.",
]


@pytest.mark.parametrize("text", CONJUGATED_HATE)
def test_conjugated_calls_to_expel_or_harm_a_group_are_toxicity(detector: Detector, text: str) -> None:
    assert Category.TOXICITY in _categories(detector, text), text


@pytest.mark.parametrize("text", CONJUGATED_QUIET)
def test_the_same_verbs_about_things_denied_or_reported_stay_quiet(detector: Detector, text: str) -> None:
    assert not _categories(detector, text) & NUDGES, text


# A plural negative word that makes up its clause judges people ("Ridicoli!"), not a thing named with it.
@pytest.mark.parametrize("text", ["Ridicoli, veramente.", "Ormai sempre peggio, davvero vergognose...",
                                  "Sono patetici.", "Ma che squallidi!"])
def test_a_bare_plural_judgement_insults_the_people_meant(detector: Detector, text: str) -> None:
    assert Category.INSULT in _categories(detector, text), text


@pytest.mark.parametrize("text", ["Le scarpe nuove? Ridicole, te lo dico.", "Il negozio ha chiuso e sono falliti.",
                                  "Sono stanche ma contente.", "Le foto sono ridicole ma divertenti."])
def test_a_plural_judgement_with_its_noun_or_tied_by_and_is_not_about_people(detector: Detector, text: str) -> None:
    assert Category.INSULT not in _categories(detector, text), text


# Death and vanishing wished in the subjunctive are hostile; the same verbs after "temo che" are fear.
def test_death_wished_in_the_subjunctive_is_hostile_but_fear_is_not(detector: Detector) -> None:
    assert Category.TOXICITY in _categories(detector, "Speriamo che anneghino tutti, quei clandestini.")
    assert Category.INSULT in _categories(detector, "Sparissero tutti quelli lì.")
    assert not _categories(detector, "Temo che muoiano di freddo, i profughi sulla nave.") & NUDGES
    assert not _categories(detector, "Magari sparissero i bug prima del rilascio.") & NUDGES
