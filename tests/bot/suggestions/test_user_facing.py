"""What a user is shown for each kind of regrettable message, through the real Detector and composer."""

from __future__ import annotations

import re

import pytest

from bot.data_files import DataPaths
from bot.detection import Detector
from bot.settings import DEFAULT_DATA_DIR
from bot.suggestions import SuggestionComposer
from bot.texts import Texts
from bot.verdict import MessageContext
from bot.vocabulary import Category, SuggestionKind

MEMBERS = ("Bob", "Marco", "Ana", "Claire", "Lena", "Sanne", "Jelle", "Alice")
CONTEXT = MessageContext(channel="eng", channel_size=80, members_present=MEMBERS, author="Carol")


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.load(DataPaths(DEFAULT_DATA_DIR))


def suggest(detector: Detector, composer: SuggestionComposer, text: str, category: Category) -> dict:
    analysis = detector.analyse(text, CONTEXT)
    assert category in analysis.categories, (text, analysis.categories)
    suggestions = composer.compose(text, analysis, CONTEXT)
    kinds = [s.kind for s in suggestions]
    assert len(kinds) == len(set(kinds))
    return {s.kind: s.text for s in suggestions}


def well_formed(correction: str) -> None:
    """No doubled spaces, no space before punctuation, no leading punctuation, no empty result."""
    assert correction.strip() == correction and correction
    assert "  " not in correction
    assert not re.search(r"\s[,.;:!?]", correction)
    assert correction[0] not in ",.;:!?"


@pytest.mark.parametrize(
    ("text", "person", "kept"),
    [
        ("Bob is an idiot and his PR is garbage", "Bob", "PR is garbage"),
        ("Honestly Bob is useless, can someone else review this?", "Bob", "someone else review this?"),
        ("Marco è un idiota e la sua PR fa schifo", "Marco", "PR fa schifo"),
        ("Ana es una idiota y su PR es basura", "Ana", "PR es basura"),
        ("Claire est une idiote et sa PR est nulle", "Claire", "PR est nulle"),
        ("Lena ist ein Idiot und ihr PR ist Müll", "Lena", "PR ist Müll"),
        ("Sanne is een idioot en haar PR is waardeloos", "Sanne", "PR is waardeloos"),
    ],
)
def test_remarks_about_a_present_person_are_dropped_and_the_rest_kept(
    detector: Detector, composer: SuggestionComposer, text: str, person: str, kept: str
) -> None:
    shown = suggest(detector, composer, text, Category.ABOUT_PRESENT_PERSON)
    correction = shown[SuggestionKind.CORRECTION]
    well_formed(correction)
    assert person not in correction
    assert correction.endswith(kept)
    assert correction[0].isupper()  # the sentence now starts where the remark was
    assert shown[SuggestionKind.APOLOGY].startswith(f"{person}, ")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Sorry if anyone was offended.", "en"),
        ("Sorry but you started it.", "en"),
        ("Scusa se qualcuno si è offeso.", "it"),
        ("Perdón si alguien se ofendió.", "es"),
        ("Désolé si quelqu'un s'est senti offensé.", "fr"),
        ("Sorry als iemand zich beledigd voelt.", "nl"),
    ],
)
def test_a_non_apology_is_corrected_into_one_sincere_apology(
    detector: Detector, composer: SuggestionComposer, texts: Texts, text: str, language: str
) -> None:
    shown = suggest(detector, composer, text, Category.NON_APOLOGY)
    correction = shown[SuggestionKind.CORRECTION]
    assert correction != text
    for hedge in (" if ", " but ", " se ", " si ", " mais ", " als ", " maar "):
        assert hedge not in f" {correction.casefold()} "
    drafts = [variant.split("{")[0] for variant in texts.variants(language, "apology.non_apology.general")]
    assert any(correction.startswith(start) for start in drafts)
    # the edit is the apology: a second, separate apology would be one too many
    assert SuggestionKind.APOLOGY not in shown


def test_a_non_apology_after_other_sentences_is_replaced_in_place(
    detector: Detector, composer: SuggestionComposer
) -> None:
    text = "The fix is merged. Sorry if anyone was offended. Release notes are in the wiki."
    correction = suggest(detector, composer, text, Category.NON_APOLOGY)[SuggestionKind.CORRECTION]
    assert correction.startswith("The fix is merged. ")
    assert correction.endswith(" Release notes are in the wiki.")
    assert "if anyone" not in correction


@pytest.mark.parametrize(
    "text",
    ["Alice is pregnant, don't tell anyone", "Marco ha il cancro, non ditelo a nessuno"],
)
def test_private_information_is_deleted_first(detector: Detector, composer: SuggestionComposer, text: str) -> None:
    analysis = detector.analyse(text, CONTEXT)
    assert Category.PRIVATE_IN_PUBLIC in analysis.categories
    suggestions = composer.compose(text, analysis, CONTEXT)
    assert suggestions[0].kind is SuggestionKind.DELETE
    kinds = [s.kind for s in suggestions]
    assert SuggestionKind.CORRECTION not in kinds  # the whole message was the private part


def test_a_correction_keeps_the_sentences_around_the_private_one(
    detector: Detector, composer: SuggestionComposer
) -> None:
    text = "Standup moves to 10. Alice is pregnant, don't tell anyone. Notes are in the doc."
    shown = suggest(detector, composer, text, Category.PRIVATE_IN_PUBLIC)
    assert shown[SuggestionKind.CORRECTION] == "Standup moves to 10. Notes are in the doc."
    assert next(iter(shown)) is SuggestionKind.DELETE


@pytest.mark.parametrize(
    ("text", "category", "gone"),
    [
        ("Alice always breaks the build, what a clown", Category.INSULT, ("clown", "what")),
        ("You are all pathetic losers", Category.INSULT, ("pathetic", "losers")),
        ("Siete tutti dei coglioni", Category.PROFANITY_MILD, ("coglioni", "dei")),
        ("Vous êtes tous des cons", Category.INSULT, ("cons", "tous")),
        ("Ihr seid alle Vollidioten", Category.INSULT, ("Vollidioten", "alle")),
        ("Jullie zijn allemaal sukkels", Category.INSULT, ("sukkels", "allemaal")),
        ("Jimme binne allegear idioaten", Category.INSULT, ("idioaten", "allegear")),
    ],
)
def test_no_stub_is_left_where_an_insult_was(
    detector: Detector, composer: SuggestionComposer, text: str, category: Category, gone: tuple[str, ...]
) -> None:
    shown = suggest(detector, composer, text, category)
    correction = shown.get(SuggestionKind.CORRECTION)
    if correction is None:
        return  # nothing sensible left: no correction beats a broken one
    well_formed(correction)
    for word in gone:
        assert word not in correction.split()


def test_a_statement_with_nothing_left_gets_no_correction(detector: Detector, composer: SuggestionComposer) -> None:
    shown = suggest(detector, composer, "Go kill yourself", Category.INSULT)
    assert SuggestionKind.CORRECTION not in shown
    assert SuggestionKind.APOLOGY in shown


@pytest.mark.parametrize(
    "text",
    [
        "Per my last email, the deadline was Friday.",
        "Come ho già detto, i test devono passare.",
        "Comme je l'ai déjà dit, les tests doivent passer.",
        # "zoals ik al zei" is Dutch for a plain "as I said": a jab only in a reply (bot/detection tests).
        "Voor de zoveelste keer, de tests moeten slagen.",
    ],
)
def test_a_passive_aggressive_jab_is_dropped(detector: Detector, composer: SuggestionComposer, text: str) -> None:
    correction = suggest(detector, composer, text, Category.PASSIVE_AGGRESSIVE)[SuggestionKind.CORRECTION]
    well_formed(correction)
    assert "," not in correction and correction[0].isupper()
    assert text.endswith(correction[1:])


CHATTER = [
    "haha yes lol",
    "good morning everyone!",
    "thanks a lot all",
    "grazie mille a tutti",
    "buenos días a todos jajaja",
    "merci beaucoup à tous",
    "vielen Dank euch allen",
    "goedemorgen allemaal!",
    "tige tank allegearre",
]


@pytest.mark.parametrize("chatter", CHATTER)
def test_a_topic_change_skips_chatter_and_the_regrettable_message(
    detector: Detector, composer: SuggestionComposer, chatter: str
) -> None:
    text = "Bob is an idiot and his PR is garbage"
    analysis = detector.analyse(text, CONTEXT)
    topics = ["the migration to the new billing API", text, chatter]
    suggestions = composer.compose(text, analysis, CONTEXT, recent_topics=topics)
    topic = {s.kind: s.text for s in suggestions}[SuggestionKind.TOPIC_CHANGE]
    assert "the migration to the new billing API" in topic
    assert chatter.casefold().strip("!") not in topic.casefold()


def test_with_only_chatter_a_general_prompt_is_offered(
    detector: Detector, composer: SuggestionComposer, texts: Texts
) -> None:
    text = "Marco è un idiota e la sua PR fa schifo"
    analysis = detector.analyse(text, CONTEXT)
    suggestions = composer.compose(text, analysis, CONTEXT, recent_topics=CHATTER)
    topic = {s.kind: s.text for s in suggestions}[SuggestionKind.TOPIC_CHANGE]
    assert topic in texts.variants("it", "topic.general")


@pytest.mark.parametrize(
    ("text", "category", "expected_end"),
    [
        ("¡La puta madre! Otra vez el build", Category.PROFANITY_MILD, "Otra vez el build"),
        ("What the fuck is this shit", Category.PROFANITY_MILD, "is this"),
        ("Merde, le build est cassé", Category.PROFANITY_MILD, "le build est cassé"),
        ("Godverdomme, de build is weer stuk", Category.PROFANITY_MILD, "de build is weer stuk"),
    ],
)
def test_swearing_goes_without_leftovers(
    detector: Detector, composer: SuggestionComposer, text: str, category: Category, expected_end: str
) -> None:
    correction = suggest(detector, composer, text, category)[SuggestionKind.CORRECTION]
    well_formed(correction)
    assert correction.casefold().endswith(expected_end.casefold())
    assert not any(mark in correction for mark in "¡¿")
    assert " the is " not in correction and correction[0].isupper()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("la puta madre que te parió", Category.INSULT),
        ("Are you stupid or what?", Category.INSULT),
    ],
)
def test_an_insult_that_is_the_whole_sentence_gets_no_broken_correction(
    detector: Detector, composer: SuggestionComposer, text: str, category: Category
) -> None:
    shown = suggest(detector, composer, text, category)
    assert SuggestionKind.CORRECTION not in shown
    assert SuggestionKind.APOLOGY in shown


FIRST_PERSON = {
    "en": r"\b(I|I'm|my)\b",
    "it": r"\b(mi scuso|chiedo scusa|ho |mi dispiace)",
    "es": r"\b(perdón|me |siento|lo siento)",
    "fr": r"\b(je |j'|mes excuses|pardon)",
    "de": r"\b(ich|mein|entschuldigung)\b",
    "nl": r"\b(ik|mijn|het spijt me|sorry)\b",
    "fy": r"\b(ik|myn|it spyt my|sorry)\b",
}
HEDGES = r"\b(if you|if anyone|but you|you started|se qualcuno|si alguien|si quelqu'un|falls sich|als iemand|as immen)\b"


@pytest.mark.parametrize(
    ("text", "language", "person"),
    [
        ("Bob, you're an idiot", "en", "Bob"),
        ("Marco, sei un idiota", "it", "Marco"),
        ("Ana, eres una idiota", "es", "Ana"),
        ("Claire, tu es une idiote", "fr", "Claire"),
        ("Lena, du bist ein Idiot", "de", "Lena"),
        ("Sanne, je bent een idioot", "nl", "Sanne"),
        ("Jelle, do bist in idioat", "fy", "Jelle"),
    ],
)
def test_apology_drafts_own_it_name_the_person_and_the_place_in_the_language(
    detector: Detector, composer: SuggestionComposer, texts: Texts, text: str, language: str, person: str
) -> None:
    analysis = detector.analyse(text, CONTEXT)
    assert Category.INSULT in analysis.categories
    shown = {s.kind: s.text for s in composer.compose(text, analysis, CONTEXT, language=language)}
    apology = shown[SuggestionKind.APOLOGY]
    assert apology.startswith(f"{person}, ")
    assert "#eng" in apology
    assert re.search(FIRST_PERSON[language], apology, re.IGNORECASE)
    assert not re.search(HEDGES, apology, re.IGNORECASE)
    assert len(apology) <= 200
    drafts = texts.variants(language, "apology.hurt.addressed")
    assert any(apology.endswith(variant.rsplit("}", 1)[-1]) for variant in drafts)


@pytest.mark.parametrize("language", ["en", "it", "es", "fr", "de", "nl", "fy"])
def test_two_people_named_get_a_draft_that_fits_both(
    detector: Detector, composer: SuggestionComposer, texts: Texts, language: str
) -> None:
    text = "Bob and Alice are idiots"
    analysis = detector.analyse(text, CONTEXT)
    apology = {s.kind: s.text for s in composer.compose(text, analysis, CONTEXT, language=language)}.get(
        SuggestionKind.APOLOGY
    )
    assert apology is not None
    singular = {
        texts.get(language, f"apology.thing_to.{category}", where="").strip()
        for category in ("insult", "toxicity", "about_present_person", "passive_aggressive")
    }
    assert not any(thing and thing in apology for thing in singular)
    assert "Bob" in apology and "Alice" in apology


def test_an_insult_span_holding_its_copula_is_reworded_not_cut(
    detector: Detector, composer: SuggestionComposer
) -> None:
    text = "Ana, eres una inútil y nadie te soporta"
    correction = suggest(detector, composer, text, Category.INSULT)[SuggestionKind.CORRECTION]
    well_formed(correction)
    assert correction.startswith("Ana, ") and len(correction.split()) > 3
    assert "inútil" not in correction


def test_personal_data_is_redacted_with_a_marker_in_the_message_language(
    detector: Detector, composer: SuggestionComposer, texts: Texts
) -> None:
    text = "mi número es +34 612 345 678, llámame cuando puedas"
    analysis = detector.analyse(text, CONTEXT)
    assert analysis.language == "es"
    shown = suggest(detector, composer, text, Category.PII)
    assert texts.get("es", "correction.removed.pii") in shown[SuggestionKind.CORRECTION]
    assert shown[SuggestionKind.CORRECTION].endswith(", llámame cuando puedas")


def test_one_apology_when_the_correction_already_holds_it(detector: Detector, composer: SuggestionComposer) -> None:
    text = "Hey Bob, you're an idiot, but thanks for the PR. Sorry if anyone was offended!!!"
    shown = suggest(detector, composer, text, Category.NON_APOLOGY)
    correction = shown[SuggestionKind.CORRECTION]
    assert correction.startswith("Hey Bob, ") and "thanks for the PR." in correction
    assert "idiot" not in correction and "if anyone" not in correction and "!!!" not in correction
    assert SuggestionKind.APOLOGY not in shown


def test_a_jab_at_the_end_keeps_the_full_stop(detector: Detector, composer: SuggestionComposer) -> None:
    text = "The tests need to pass, as I already said."
    correction = suggest(detector, composer, text, Category.PASSIVE_AGGRESSIVE)[SuggestionKind.CORRECTION]
    assert correction == "The tests need to pass."


@pytest.mark.parametrize("text", ["Thanks for nothing, Bob.", "Fine. Thanks for finally replying."])
def test_a_single_word_left_of_a_jab_is_no_correction(
    detector: Detector, composer: SuggestionComposer, text: str
) -> None:
    shown = suggest(detector, composer, text, Category.PASSIVE_AGGRESSIVE)
    assert SuggestionKind.CORRECTION not in shown
    assert SuggestionKind.APOLOGY in shown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lena ist faul und macht nie Tests, kann jemand anders reviewen?", "Kann jemand anders reviewen?"),
        ("The release is fine, but Bob is useless at reviews.", "The release is fine."),
    ],
)
def test_a_remark_goes_with_what_hangs_on_it(
    detector: Detector, composer: SuggestionComposer, text: str, expected: str
) -> None:
    shown = suggest(detector, composer, text, Category.ABOUT_PRESENT_PERSON)
    assert shown[SuggestionKind.CORRECTION] == expected


@pytest.mark.parametrize("language", ["en", "it", "es", "fr", "de", "nl", "fy"])
def test_a_recent_question_is_taken_up_as_a_question(
    detector: Detector, composer: SuggestionComposer, texts: Texts, language: str
) -> None:
    text = "Bob is an idiot and his PR is garbage"
    question = "does anyone know why the CI runners are so slow?"
    analysis = detector.analyse(text, CONTEXT)
    suggestions = composer.compose(text, analysis, CONTEXT, language=language, recent_topics=[question])
    topic = {s.kind: s.text for s in suggestions}[SuggestionKind.TOPIC_CHANGE]
    asked = question.rstrip("?")
    assert topic in {variant.format(topic=asked) for variant in texts.variants(language, "topic.recent_question")}
    assert "??" not in topic and "?”?" not in topic


def test_a_clause_left_ending_in_a_preposition_goes_even_before_an_emoji(
    detector: Detector, composer: SuggestionComposer
) -> None:
    text = "The deploy failed again, all thanks to the idiot 😂"
    correction = suggest(detector, composer, text, Category.INSULT)[SuggestionKind.CORRECTION]
    assert correction == "The deploy failed again 😂"
