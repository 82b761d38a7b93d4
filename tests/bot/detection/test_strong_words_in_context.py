"""Strong words that context excuses as insults still count as regrettable wording (low), except as
counter-speech; handles and links do not sway language identification."""

from __future__ import annotations

import pytest

from bot.detection import Detector
from bot.vocabulary import Category, Severity

TOXIC = {Category.INSULT, Category.TOXICITY, Category.PROFANITY_MILD}



def toxic(detector: Detector, text: str, language: str | None = "en") -> list[tuple[Category, Severity]]:
    return [(f.category, f.severity) for f in detector.analyse(text, language=language).findings
            if f.category in TOXIC]


@pytest.mark.parametrize("text", [
    "I'm a total bitch before my first coffee",
    "my landlord keeps calling me a bitch",
    "he called me a fucking cunt in front of everyone",
])
def test_strong_words_in_self_or_reported_speech_are_low_profanity(detector: Detector, text: str) -> None:
    assert set(toxic(detector, text)) == {(Category.PROFANITY_MILD, Severity.LOW)}


@pytest.mark.parametrize("text", [
    "sorry I was stupid, fixed now",
    "someone called me an idiot in #random",
    "you muppet 😂 that was hilarious",
])
def test_mild_words_stay_excused(detector: Detector, text: str) -> None:
    assert toxic(detector, text) == []


@pytest.mark.parametrize("text", [
    'People who message me things like "you are just a cunt" get blocked right away.',
    "It's really not okay to keep calling people a cunt.",
])
def test_counter_speech_about_a_strong_word_stays_unflagged(detector: Detector, text: str) -> None:
    assert toxic(detector, text) == []


def test_strong_word_aimed_at_someone_is_still_an_insult(detector: Detector) -> None:
    assert (Category.INSULT, Severity.HIGH) in toxic(detector, "shut up you bitch")


def test_handles_do_not_decide_the_language_of_a_short_message(detector: Detector) -> None:
    # A Spanish-looking handle must not make a one-word English slur "Spanish" and unseen.
    analysis = detector.analyse("@Jorge_Alvarez_99 faggot")
    assert any(f.category is Category.TOXICITY for f in analysis.findings)
    assert detector.analyse("@Jorge_Alvarez_99 thanks, merged").findings == ()


def test_a_short_message_names_its_group_anywhere(detector: Detector) -> None:
    # The group and the hostile words sit in different sentences of one short post.
    assert Category.TOXICITY in {f.category for f in detector.analyse(
        "I migranti arrivano ogni giorno. Sono tutti delinquenti, basta!", language="it").findings}
    assert toxic(detector, "I migranti arrivano ogni giorno. Il porto è pieno di barche.", "it") == []


def test_hatred_of_a_group_spans_the_group_and_the_verb(detector: Detector) -> None:
    text = "I rifugiati? Li odio tutti, io odio i rifugiati"
    for finding in detector.analyse(text, language="it").findings:
        assert finding.start < finding.end
        assert text[finding.start:finding.end].strip()


@pytest.mark.parametrize("text", ["io non le sopporto", "anche io le detesto"])
def test_a_phrase_with_its_own_object_pronoun_is_not_self_directed(detector: Detector, text: str) -> None:
    assert toxic(detector, text, "it")


def test_self_deprecation_in_italian_stays_excused(detector: Detector) -> None:
    assert toxic(detector, "scusate, sono stato stupido, ora è corretto", "it") == []


def test_negative_words_to_someone_with_a_banter_marker_are_teasing(detector: Detector) -> None:
    assert toxic(detector, "you suck at typing lol") == []
    assert (Category.INSULT, Severity.MEDIUM) in toxic(detector, "you suck at typing")


def test_a_denied_denial_of_violence_is_still_a_threat(detector: Detector) -> None:
    assert toxic(detector, "non li ammazzerò", "it") == []
    assert toxic(detector, "Non posso credere che questi gay pensino che non li ammazzerò tutti.", "it")


def test_you_would_better_is_not_you_are(detector: Detector) -> None:
    assert detector.analyse("you'd better kill that process, it leaks memory").findings == ()


def test_italian_insults_and_their_literal_look_alikes(detector: Detector) -> None:
    assert (Category.INSULT, Severity.MEDIUM) in toxic(detector, "sei proprio un farabutto", "it")
    assert toxic(detector, "sei un pagliaccio", "it")
    # A clown fish, or a clown at the circus, insults nobody.
    assert toxic(detector, "ho comprato due pesci pagliaccio per l'acquario", "it") == []


def test_every_form_of_an_italian_group_noun_is_a_group(detector: Detector) -> None:
    assert Category.TOXICITY in {f.category for f in detector.analyse(
        "le clandestine sono tutte ladre e delinquenti", language="it").findings}


@pytest.mark.parametrize("text", ["massacrate quei profughi", "i clandestini vogliono sterminarci"])
def test_italian_calls_to_violence_against_a_group(detector: Detector, text: str) -> None:
    assert Category.TOXICITY in {f.category for f in detector.analyse(text, language="it").findings}


@pytest.mark.parametrize(("text", "category"), [
    ("shut up fuckwit", Category.INSULT),
    ("this fkn build broke again", Category.PROFANITY_MILD),
])
def test_english_slang_spellings(detector: Detector, text: str, category: Category) -> None:
    assert category in {f.category for f in detector.analyse(text, language="en").findings}


def test_italian_remarks_about_those_two(detector: Detector) -> None:
    assert toxic(detector, "quelle due sono proprio ignobili", "it")
    assert toxic(detector, "quelle due torte sono buonissime", "it") == []


def test_italian_insults_and_ambiguous_words_that_need_a_target(detector: Detector) -> None:
    assert toxic(detector, "che voltagabbana, un vero ciarlatano", "it")
    # "ritardato" is also a late train: only said of someone does it insult.
    assert toxic(detector, "il treno è ritardato di dieci minuti", "it") == []
    assert toxic(detector, "sei un ritardato", "it")


def test_words_shared_by_italian_and_spanish_count_for_italian_too(detector: Detector) -> None:
    analysis = detector.analyse("la sera del concerto, basta immigrati")
    assert analysis.language == "it"
    assert Category.TOXICITY in {f.category for f in analysis.findings}


def test_an_order_to_throw_them_out_needs_no_named_group(detector: Detector) -> None:
    assert Category.TOXICITY in {f.category for f in detector.analyse("buttiamoli fuori, subito", language="it").findings}
    # A plan in the infinitive is anyone's business: the teacher sending pupils home early.
    assert toxic(detector, "oggi posso rimandarli a casa prima, sono stanchi", "it") == []
