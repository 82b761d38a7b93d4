"""The correction keeps the message intact except where a finding asks for a change."""

from __future__ import annotations

import pytest

from bot.suggestions.correction import build_correction
from bot.texts import Texts
from bot.vocabulary import Category

from .conftest import finding_for


def correct(texts: Texts, text: str, *spans: tuple[str, Category], language: str = "en", **kwargs) -> str | None:
    findings = [finding_for(text, span, category, **kwargs) for span, category in spans]
    return build_correction(text, findings, texts, language)


def test_an_insult_after_a_copula_becomes_a_neutral_predicate(texts: Texts) -> None:
    text = "Bob, you're an idiot, the build   is red again."
    assert correct(texts, text, ("idiot", Category.INSULT)) == "Bob, you're mistaken, the build   is red again."


def test_a_vocative_insult_goes_with_its_comma(texts: Texts) -> None:
    assert correct(texts, "Fix it, you idiot!", ("idiot", Category.INSULT)) == "Fix it!"
    assert correct(texts, "You idiot, why did you merge this?", ("idiot", Category.INSULT)) == (
        "Why did you merge this?"
    )
    assert correct(texts, "Listen, you moron, this is wrong.", ("moron", Category.INSULT)) == (
        "Listen, this is wrong."
    )


def test_an_insulting_adjective_is_dropped_and_the_article_still_fits(texts: Texts) -> None:
    assert correct(texts, "What a stupid idea, Bob.", ("stupid", Category.INSULT)) == "What an idea, Bob."
    assert correct(texts, "This stupid code again.", ("stupid", Category.INSULT)) == "This code again."


def test_a_replacement_given_by_the_detector_wins(texts: Texts) -> None:
    text = "That plan is garbage, honestly."
    assert correct(texts, text, ("garbage", Category.TOXICITY), replacement="not convincing") == (
        "That plan is not convincing, honestly."
    )


def test_secrets_and_personal_data_are_redacted_with_their_markers(texts: Texts) -> None:
    text = "deploy key: AKIAABCDEFGHIJKLMNOP, ping me on 0612345678 if it fails"
    corrected = correct(texts, text, ("AKIAABCDEFGHIJKLMNOP", Category.SECRET), ("0612345678", Category.PII))
    assert corrected == "deploy key: [secret removed], ping me on [personal data removed] if it fails"
    given = correct(texts, text, ("AKIAABCDEFGHIJKLMNOP", Category.SECRET), replacement="[redacted AWS key]")
    assert given == "deploy key: [redacted AWS key], ping me on 0612345678 if it fails"


def test_a_mass_mention_is_dropped_and_the_sentence_starts_cleanly(texts: Texts) -> None:
    assert correct(texts, "@channel deploy is done, thanks all", ("@channel", Category.MASS_MENTION)) == (
        "Deploy is done, thanks all"
    )
    assert correct(texts, "Deploy is done @here", ("@here", Category.MASS_MENTION)) == "Deploy is done"


def test_heated_tone_is_calmed_but_acronyms_stay(texts: Texts) -> None:
    text = "WHO BROKE THE BUILD AGAIN?!?! The CI log is in the PR!!!"
    corrected = correct(texts, text, ("WHO BROKE THE BUILD AGAIN?!?!", Category.HEATED))
    assert corrected == "Who broke the build again? The CI log is in the PR!"


def test_mild_profanity_is_dropped(texts: Texts) -> None:
    assert correct(texts, "This damn test fails on Mondays.", ("damn", Category.PROFANITY_MILD)) == (
        "This test fails on Mondays."
    )


def test_overlapping_findings_never_let_a_secret_through(texts: Texts) -> None:
    text = "here, idiot-proof password hunter2hunter2 for you"
    insult = finding_for(text, "idiot-proof password hunter2", Category.INSULT)
    secret = finding_for(text, "hunter2hunter2", Category.SECRET)
    corrected = build_correction(text, [insult, secret], texts, "en")
    assert corrected is not None
    assert "hunter2" not in corrected
    assert corrected == "here, [secret removed] for you"


def test_shouting_inside_a_secret_is_not_touched_but_redacted(texts: Texts) -> None:
    text = "THE TOKEN IS ABCDEFGHIJKLMNOPQRST!!!"
    corrected = build_correction(
        text,
        [finding_for(text, text, Category.HEATED), finding_for(text, "ABCDEFGHIJKLMNOPQRST", Category.SECRET)],
        texts,
        "en",
    )
    assert corrected == "The token is [secret removed]!"


def test_nothing_to_change_or_nothing_left_gives_no_correction(texts: Texts) -> None:
    assert correct(texts, "sorry if anyone was offended", ("sorry if anyone was offended", Category.NON_APOLOGY)) is None
    assert correct(texts, "idiot!", ("idiot", Category.INSULT)) is None


def test_findings_out_of_range_are_ignored(texts: Texts) -> None:
    text = "you are an idiot"
    bad = finding_for(text, "idiot", Category.INSULT).model_copy(update={"start": 30, "end": 40})
    assert build_correction(text, [bad], texts, "en") is None


def test_a_mild_swear_word_as_predicate_becomes_a_neutral_one(texts: Texts) -> None:
    assert correct(texts, "Honestly, that was crap.", ("crap", Category.PROFANITY_MILD)) == (
        "Honestly, that was not great."
    )
    assert correct(texts, "Das ist Mist, Lena.", ("Mist", Category.PROFANITY_MILD), language="de") == (
        "Das ist nicht gut, Lena."
    )
    assert correct(texts, "questo codice è una merda", ("merda", Category.PROFANITY_MILD), language="it") == (
        "questo codice è un disastro"
    )


def test_a_formula_goes_with_the_short_rest_of_its_clause(texts: Texts) -> None:
    text = "Sorry to bother you, quick question about the deploy"
    assert correct(texts, text, ("Sorry to bother", Category.OVER_APOLOGY)) == "Quick question about the deploy"
    text = "Per my last email, the deadline was Friday."
    assert correct(texts, text, ("Per my last email", Category.PASSIVE_AGGRESSIVE)) == "The deadline was Friday."
    text = "Hi Ana, sorry to bother you again today, the report is late"
    assert correct(texts, text, ("sorry to bother", Category.OVER_APOLOGY)) == "Hi Ana, the report is late"


def test_a_formula_with_a_long_tail_only_loses_itself(texts: Texts) -> None:
    text = "As I said before we really need the numbers by Monday"
    assert correct(texts, text, ("As I said before", Category.PASSIVE_AGGRESSIVE)) == (
        "We really need the numbers by Monday"
    )


@pytest.mark.parametrize(
    ("language", "text", "insult", "expected"),
    [
        ("it", "Marco, sei un idiota, hai rotto tutto", "idiota", "Marco, ti sbagli, hai rotto tutto"),
        ("it", "Sta' zitto, brutto idiota!", "idiota", "Sta' zitto!"),
        ("es", "Ana, eres una idiota, lo rompiste todo", "idiota", "Ana, te equivocas, lo rompiste todo"),
        ("fr", "Bob, tu es un crétin.", "crétin", "Bob, tu te trompes."),
        ("fr", "Espèce de crétin, relis le code.", "crétin", "Relis le code."),
        ("de", "Lena, du bist ein Idiot.", "Idiot", "Lena, du liegst falsch."),
        ("de", "Du Idiot, das war falsch.", "Idiot", "Das war falsch."),
        ("nl", "Sanne, je bent een idioot.", "idioot", "Sanne, je hebt het mis."),
        ("fy", "Jelle, do bist in idioat.", "idioat", "Jelle, do hast it mis."),
    ],
)
def test_insults_are_softened_in_every_language(
    texts: Texts, language: str, text: str, insult: str, expected: str
) -> None:
    assert correct(texts, text, (insult, Category.INSULT), language=language) == expected


def test_an_insulting_noun_before_a_connector_takes_its_article(texts: Texts) -> None:
    text = "el jefe es bueno, pero el otro es un imbécil y la otra también"
    assert correct(texts, text, ("imbécil", Category.INSULT), language="es") == (
        "el jefe es bueno, pero el otro se equivoca y la otra también"
    )
    text = "Ana, eso fue un completo desastre, un imbécil lo diría"
    assert correct(texts, text, ("imbécil", Category.INSULT), language="es") == "Ana, eso fue un completo desastre, lo diría"


def test_a_span_inside_a_word_removes_the_whole_word(texts: Texts) -> None:
    text = "Abgefuckte Hühnerscheisse, echt jetzt"
    corrected = correct(texts, text, ("scheisse", Category.PROFANITY_MILD), language="de")
    assert corrected == "Abgefuckte, echt jetzt"


def test_no_space_is_left_before_a_closing_quote(texts: Texts) -> None:
    text = 'sie nennen ihn "den Trottel" seit Montag'
    assert correct(texts, text, ("Trottel", Category.INSULT), language="de") == 'sie nennen ihn "den" seit Montag'


def test_a_hostile_statement_is_withdrawn_with_its_sentence(texts: Texts) -> None:
    text = "Thanks for the review. People like you should all disappear forever. See you Monday."
    corrected = correct(texts, text, ("People like you should all disappear", Category.TOXICITY))
    assert corrected == "Thanks for the review. See you Monday."
    assert correct(texts, "People like you should all disappear.", ("like you should all", Category.TOXICITY)) is None


def test_exclamation_runs_go_whenever_the_message_is_corrected(texts: Texts) -> None:
    text = "Bob, you're an idiot!!! the build is red AGAIN"
    assert correct(texts, text, ("idiot", Category.INSULT)) == "Bob, you're mistaken! the build is red AGAIN"


@pytest.mark.parametrize(("language", "text", "span", "expected"), [
    ("en", "I fucked up the deploy, sorry", "fucked", "I messed up the deploy, sorry"),
    ("en", "Fucked it up again, my bad", "Fucked", "Messed it up again, my bad"),
    ("en", "the build is fucked", "fucked", "the build is messed up"),
    ("en", "I'm pissed off about the outage", "pissed", "I'm annoyed about the outage"),
    ("it", "Ho fatto una cazzata con il deploy", "cazzata", "Ho fatto una sciocchezza con il deploy"),
    ("es", "El servidor está jodido otra vez", "jodido", "El servidor está complicado otra vez"),
])
def test_a_swear_word_doing_a_verbs_job_is_reworded_not_dropped(
    texts: Texts, language: str, text: str, span: str, expected: str
) -> None:
    assert correct(texts, text, (span, Category.PROFANITY_MILD), language=language) == expected


def test_a_listed_phrase_only_counts_as_whole_words(texts: Texts) -> None:
    # "fucked upstairs" is not "fucked up" + "stairs": the single word is reworded, the rest kept.
    assert correct(texts, "the printer fucked upstairs", ("fucked", Category.PROFANITY_MILD)) == (
        "the printer messed up upstairs"
    )
