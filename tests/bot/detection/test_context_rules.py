"""Context rules of the second wave: closest neighbour, negated and clitic hate verbs, unsure-language
fallback, short Italian messages, heated replies and "nick," addressing."""

from __future__ import annotations

import pytest

from bot.detection import Detector
from bot.detection.context import MessageLayout
from bot.detection.lexicon import Hit
from bot.detection.toxicity import find_toxicity
from bot.verdict import MessageContext
from bot.vocabulary import Category, Severity

TOXIC = {Category.INSULT, Category.TOXICITY}



def _hit(plain: str, key: str, term: str, occurrence: int = 0) -> Hit:
    start = -1
    for _ in range(occurrence + 1):
        start = plain.index(term, start + 1)
    return Hit(key, start, start + len(term), term)


def test_near_prefers_the_longest_of_equally_close_hits() -> None:
    plain = "sei un idiota"
    short, long, insult = _hit(plain, "second_person", "sei"), _hit(plain, "second_person", "sei un"), \
        _hit(plain, "insult", "idiota")
    layout = MessageLayout.build(plain, [short, long, insult])
    assert layout.near(insult, "second_person", 4, 0) == long


def test_near_prefers_the_hit_closest_to_the_term() -> None:
    plain = "you know what, you idiot"
    far, close, insult = _hit(plain, "second_person", "you"), _hit(plain, "second_person", "you", 1), \
        _hit(plain, "insult", "idiot")
    layout = MessageLayout.build(plain, [far, close, insult])
    assert layout.near(insult, "second_person", 5, 0) == close


def test_a_one_word_copula_before_an_article_still_addresses_someone() -> None:
    plain = "sei uno stupido"
    hits = [_hit(plain, "second_person", "sei"), _hit(plain, "negative", "stupido")]
    assert [f.category for f in find_toxicity(MessageLayout.build(plain, hits))] == [Category.INSULT]


@pytest.mark.parametrize(("plain", "negation"), [("non odio i gay", "non"), ("no los odio a los gays", "no")])
def test_a_negation_just_before_a_hate_verb_excuses_it(plain: str, negation: str) -> None:
    verb = "odio i" if "odio i" in plain else "odio"
    hits = [_hit(plain, "negation", negation), _hit(plain, "hate_verb", verb), _hit(plain, "group", "gay")]
    if " los odio" in plain:  # an object pronoun between the negation and the verb
        hits.append(_hit(plain, "third_person", "los"))
    assert find_toxicity(MessageLayout.build(plain, hits)) == []
    assert find_toxicity(MessageLayout.build(plain, hits[1:]))  # the same without the negation is hate


def test_french_ne_pas_after_the_verb_excuses_it() -> None:
    plain = "je deteste pas les juifs"
    hits = [_hit(plain, "hate_verb", "deteste"), _hit(plain, "negation", "pas"), _hit(plain, "group", "juifs")]
    assert find_toxicity(MessageLayout.build(plain, hits)) == []


def test_phrases_that_need_their_negation_are_not_undone_by_it() -> None:
    plain = "je ne peux vraiment pas supporter les femmes"
    hits = [_hit(plain, "negation", "pas"), _hit(plain, "hate_verb", "supporter les"), _hit(plain, "group", "femmes")]
    assert [f.category for f in find_toxicity(MessageLayout.build(plain, hits))] == [Category.TOXICITY]


@pytest.mark.parametrize(("plain", "pronoun", "verb"), [("ti odio", "ti", "odio"), ("je te deteste", "te", "deteste")])
def test_a_clitic_pronoun_before_the_hate_verb_is_a_target(plain: str, pronoun: str, verb: str) -> None:
    hits = [_hit(plain, "second_person", pronoun), _hit(plain, "hate_verb", verb)]
    assert [f.category for f in find_toxicity(MessageLayout.build(plain, hits))] == [Category.INSULT]


def test_english_you_before_hate_is_not_a_target() -> None:
    plain = "do you hate mondays"
    hits = [_hit(plain, "second_person", "you"), _hit(plain, "hate_verb", "hate")]
    assert find_toxicity(MessageLayout.build(plain, hits)) == []


def test_the_fallback_has_exact_terms_only_and_leaves_out_other_languages_ordinary_words(
        detector: Detector) -> None:
    from bot.detection.lexicon import find_hits
    strong = {hit.term for hit in find_hits(detector._strong, "the carbon dating results")}
    assert "cabron" not in strong
    languages = detector._strong_languages
    assert languages and all(len(term) >= 5 for term in languages)
    # No strong word of one language is another language's group noun, pronoun or safe word.
    ordinary = {word for lexicon in detector._lexicons.values()
                for key in ("group", "safe", "marker") for word in lexicon.terms[key]}
    for term, owners in languages.items():
        if term in ordinary:
            assert all(detector._lexicons[owner].has("group", term) or detector._lexicons[owner].has("safe", term)
                       or detector._lexicons[owner].has("marker", term) for owner in owners) or len(owners) > 1


def test_short_italian_hatred_is_read_as_italian(detector: Detector) -> None:
    analysis = detector.analyse("Odio i trans")
    assert analysis.language == "it"
    assert Category.TOXICITY in analysis.categories


def test_shouting_exclamations_and_escalation_are_medium_heat(detector: Detector) -> None:
    text = "YOU BROKE THE BUILD AGAIN!!! unacceptable"
    for context in (MessageContext(), MessageContext(reply_to="m1")):
        heated = [f for f in detector.analyse(text, context, language="en").findings if f.category is Category.HEATED]
        assert heated and heated[0].severity is Severity.MEDIUM


def test_a_few_acronyms_are_not_shouting(detector: Detector) -> None:
    assert detector.analyse("please check the README FAQ and the API docs", language="en").findings == ()


def test_irc_addressing_with_a_comma(detector: Detector) -> None:
    assert not {f.category for f in detector.analyse("m0r0n_42, you are right about that").findings} & TOXIC
    assert not {f.category for f in detector.analyse(
        "moron, you are right", MessageContext(members_present=("moron",))).findings} & TOXIC
    # A plain insult used as a vocative is still an insult, and what follows the nick still counts.
    assert Category.INSULT in detector.analyse("moron, you broke it", language="en").categories
    assert Category.INSULT in detector.analyse("bob_42, you are a moron", language="en").categories
