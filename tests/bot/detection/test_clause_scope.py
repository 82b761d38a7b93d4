"""Context cues reach only their own clause: a negation, a report or a pronoun on one side of a comma or a
"but" says nothing about the other side; a bare negative word links to a group only within its sentence."""

from __future__ import annotations

import pytest

from bot.detection import Detector
from bot.detection.context import MessageLayout
from bot.detection.lexicon import Hit
from bot.vocabulary import Category

NUDGES = {Category.INSULT, Category.TOXICITY, Category.PROFANITY_MILD, Category.HEATED,
          Category.PASSIVE_AGGRESSIVE, Category.ABOUT_PRESENT_PERSON}
HOSTILE = {Category.INSULT, Category.TOXICITY}



def _categories(detector: Detector, text: str, language: str | None) -> set[Category]:
    return set(detector.analyse(text, language=language).categories)


def _hit(plain: str, key: str, term: str) -> Hit:
    start = plain.index(term)
    return Hit(key, start, start + len(term), term)


# ----------------------------------------------------------------------------- the layout itself

@pytest.mark.parametrize(("plain", "negation", "word", "same"), [
    ("non lo so, sei un idiota", "non", "idiota", False),
    ("non sei un idiota", "non", "idiota", True),
    ("not great but you idiot", "not", "idiot", False),
    ("pas du tout mais quel idiot", "pas", "idiot", False),
    ("es ist nicht gut aber du idiot", "nicht", "idiot", False),
    ("het is niet erg maar jij idioot", "niet", "idioot", False),
    ("no esta mal pero eres idiota", "no", "idiota", False),
    # A German comma before "dass" or before an infinitive with "zu" continues the clause.
    ("ich habe nie gesagt, dass du dumm bist", "nie", "dumm", True),
    ("sie haben es nicht verdient, so gequalt zu werden", "nicht", "gequalt", True),
    # A comma inside a number is no clause end.
    ("non costa 1,50 euro idiota", "non", "idiota", True),
])
def test_a_clause_ends_at_commas_and_adversative_conjunctions(plain: str, negation: str, word: str,
                                                              same: bool) -> None:
    negation_hit = _hit(plain, "negation", negation)
    word_hit = _hit(plain, "insult", word)
    layout = MessageLayout.build(plain, [negation_hit, word_hit])
    found = layout.near(word_hit, "negation", 8, 0, same_clause=True)
    assert (found is negation_hit) is same
    # Without the clause restriction the same sentence still reaches.
    assert layout.near(word_hit, "negation", 8, 0) is negation_hit


def test_clause_bounds_cover_the_words_between_two_breaks() -> None:
    plain = "va bene, ma adesso basta; grazie"
    layout = MessageLayout.build(plain, [])
    low, high = layout.clause_bounds(plain.index("adesso"))
    # The conjunction opens the clause it introduces.
    assert plain[low:high].strip(" ;") == "ma adesso basta"


# ----------------------------------------------------------------------------- negation, every language

@pytest.mark.parametrize(("text", "language"), [
    ("Non mi interessa, sei un idiota.", "it"),
    ("Non ho capito niente, cretino!", "it"),
    ("I don't care, you idiot.", "en"),
    ("No lo sé, eres un idiota.", "es"),
    ("Je ne sais pas, espèce d'idiot.", "fr"),
    ("Ich weiß es nicht, du Idiot.", "de"),
    ("Ik weet het niet, jij idioot.", "nl"),
    ("Ik weet het niet maar je bent een idioot.", "nl"),
])
def test_a_negation_does_not_excuse_an_insult_in_the_next_clause(detector: Detector, text: str,
                                                                  language: str) -> None:
    assert _categories(detector, text, language) & HOSTILE, text


@pytest.mark.parametrize(("text", "language"), [
    ("Non sei un idiota, hai solo sbagliato file.", "it"),
    ("You're not an idiot, you just picked the wrong branch.", "en"),
    ("No eres un idiota, solo te equivocaste.", "es"),
    ("Du bist kein Idiot, nur müde.", "de"),
])
def test_a_negation_still_excuses_an_insult_in_its_own_clause(detector: Detector, text: str,
                                                               language: str) -> None:
    assert not _categories(detector, text, language) & HOSTILE, text


def test_a_negation_does_not_undo_hatred_in_the_next_clause(detector: Detector) -> None:
    found = _categories(detector, "Non lo so, mi fanno schifo i musulmani.", "it")
    assert Category.TOXICITY in found


def test_nobody_doing_anything_is_not_a_negated_shame(detector: Detector) -> None:
    """ "Nobody does anything, shame!" about migrants: the shame is not negated by "nobody"."""
    layout_text = "nessuno fa niente, vergogna!"
    negation = _hit(layout_text, "negation", "nessuno")
    shame = _hit(layout_text, "negative", "vergogna")
    layout = MessageLayout.build(layout_text, [negation, shame])
    assert layout.near(shame, "negation", 3, 0, same_clause=True) is None


# ----------------------------------------------------------------------------- group and predicate

@pytest.mark.parametrize("text", [
    "Le donne del team hanno chiuso il progetto in anticipo. Basta, stasera si festeggia!",
    "Gli immigrati arrivati ieri sono stati accolti in parrocchia. Colazione gratis per tutti.",
    "Ho parlato con due donne della biblioteca. Che vergogna, la sala studio chiude alle sei.",
])
def test_a_bare_negative_word_in_another_sentence_is_not_about_the_group(detector: Detector, text: str) -> None:
    assert not _categories(detector, text, "it") & NUDGES, text


@pytest.mark.parametrize(("text", "language"), [
    ("Ho visto quei migranti in stazione. Sono proprio ridicoli.", "it"),
    ("Conosco molti musulmani. Stupidi, tutti quanti.", "it"),
    ("Hablé con unos inmigrantes. Son totalmente despreciables.", "es"),
    ("J'ai croisé des migrants. Ils sont vraiment stupides.", "fr"),
])
def test_a_plural_predicate_in_the_next_sentence_is_still_about_the_group(detector: Detector, text: str,
                                                                          language: str) -> None:
    assert Category.TOXICITY in _categories(detector, text, language), text


def test_a_judgement_of_what_others_say_is_not_about_the_group(detector: Detector) -> None:
    """The speaker hates the claim, not the refugees the claim is about."""
    text = "Ich hasse es, wenn Leute behaupten, dass Flüchtlinge faul sind."
    assert Category.TOXICITY not in _categories(detector, text, "de")


# ----------------------------------------------------------------------------- fused object pronouns

@pytest.mark.parametrize("text", [
    "Quelle nomadi? Buttatele fuori dal quartiere.",
    "Rimandiamole a casa loro, queste straniere.",
    "Mandatele a casa, le clandestine.",
    "Affondatele, quelle barche piene di profughe.",
])
def test_feminine_object_pronouns_on_orders_count_like_the_masculine(detector: Detector, text: str) -> None:
    assert Category.TOXICITY in _categories(detector, text, "it"), text


def test_an_order_with_a_fused_them_is_hostile_without_a_group_word(detector: Detector) -> None:
    assert Category.TOXICITY in _categories(detector, "Affondatele tutte!", "it")


# ----------------------------------------------------------------------------- insults about things

@pytest.mark.parametrize(("text", "language"), [
    ("Questo è uno scherzo idiota, dai.", "it"),
    ("Che domanda cretina mi hanno fatto al colloquio.", "it"),
    ("Was für eine dumme Frage im Meeting.", "de"),
    ("Das war ein blödes Spiel gestern.", "de"),
])
def test_an_insult_word_describing_a_thing_is_only_mildly_rude(detector: Detector, text: str, language: str) -> None:
    found = detector.analyse(text, language=language).findings
    assert found, text
    assert all(finding.category is Category.PROFANITY_MILD and finding.severity.rank <= 1 for finding in found), found


@pytest.mark.parametrize(("text", "language"), [
    ("Sei un idiota.", "it"),
    ("La tua domanda, cretino, era inutile.", "it"),
    ("Du bist so eine dumme Kuh.", "de"),
])
def test_the_same_words_aimed_at_a_person_still_insult(detector: Detector, text: str, language: str) -> None:
    assert Category.INSULT in _categories(detector, text, language), text


# ----------------------------------------------------------------------------- third persons without a group

@pytest.mark.parametrize(("text", "language"), [
    ("Lei è pessima.", "it"),
    ("Lui è davvero ridicolo.", "it"),
    ("Il est vraiment débile.", "fr"),
    ("Fanno solo danni.", "it"),
    ("Fanno vomitare, tutti e due.", "it"),
])
def test_a_predicate_said_of_him_her_or_them_insults_a_third_person(detector: Detector, text: str,
                                                                    language: str) -> None:
    assert Category.INSULT in _categories(detector, text, language), text


@pytest.mark.parametrize(("text", "language"), [
    ("Questi test automatici fanno schifo.", "it"),
    ("Le zanzare sono una piaga d'estate.", "it"),
    ("Questo caffè è pessimo.", "it"),
    ("Non mangio il pesce crudo. Mi fa vomitare.", "it"),
    # A subject after the verb, pity, and keenness
    ("Mi fanno paura i ragni.", "it"),
    ("Mi fanno pena gli animali abbandonati.", "it"),
    ("Mi fanno pena, poverini, sempre soli.", "it"),
    ("Er ist verrückt nach Fußball.", "de"),
    ("Ce café est vraiment dégueulasse.", "fr"),
])
def test_the_same_predicates_about_things_are_no_insult(detector: Detector, text: str, language: str) -> None:
    assert not _categories(detector, text, language) & HOSTILE, text


# ----------------------------------------------------------------------------- self-directed and ordinary talk

@pytest.mark.parametrize(("text", "language"), [
    ("Che idiota, io ho sbagliato.", "it"),
    ("Sono un idiota, scusate.", "it"),
    ("Sorry I was stupid, fixed now.", "en"),
])
def test_an_exclamation_about_oneself_across_a_comma_is_self_deprecation(detector: Detector, text: str,
                                                                        language: str) -> None:
    assert not _categories(detector, text, language) & HOSTILE, text


def test_a_speaker_in_the_previous_clause_does_not_make_an_insult_self_directed(detector: Detector) -> None:
    assert Category.INSULT in _categories(detector, "Io non ci vengo, idiota.", "it")


@pytest.mark.parametrize(("text", "language"), [
    ("Ho chiesto a lui di portare fuori l'immondizia.", "it"),
    ("Lui ha parlato dell'invasione delle cavallette.", "it"),
    ("Ik heb hem gevraagd het afval buiten te zetten.", "nl"),
])
def test_a_pronoun_near_a_word_for_refuse_or_pests_is_ordinary_talk(detector: Detector, text: str,
                                                                    language: str) -> None:
    assert not _categories(detector, text, language) & NUDGES, text
