"""English offensive language in the shapes people really type (masked letters, compounds, informal
spellings, third-person put-downs), with the ordinary and technical chat that looks like it left alone."""

from __future__ import annotations

import pytest

from bot.detection import Detector
from bot.vocabulary import Category, Severity

TOXIC = {Category.INSULT, Category.TOXICITY, Category.PROFANITY_MILD}



def findings(detector: Detector, text: str) -> list[tuple[Category, Severity, str]]:
    return [(f.category, f.severity, f.rule) for f in detector.analyse(text, language="en").findings
            if f.category in TOXIC]


def categories(detector: Detector, text: str) -> set[Category]:
    return {category for category, _, _ in findings(detector, text)}


@pytest.mark.parametrize(("text", "word"), [
    ("you absolute motherf**ker", "motherfucker"),  # a masked middle, not one of the generated shapes
    ("what a f***ing week this was", "fucking"),
    ("the deploy is f#cked again", "fucked"),
    ("ugh this sh%t again", "shit"),
    ("she called him a b*stard", "bastard"),
    ("f*** this release", "fuck"),  # first letter only, four letters long
])
def test_any_masked_spelling_of_a_listed_word_is_read_as_that_word(detector: Detector, text: str,
                                                                   word: str) -> None:
    rules = [rule for _, _, rule in findings(detector, text)]
    assert any(rule.endswith(f":{word}") for rule in rules), rules


@pytest.mark.parametrize("text", [
    "pass **kwargs through to the handler",  # Python, a mask before any letter
    "the files are in data* and logs*",  # a single trailing mark is a glob or a footnote
    "we rewrote it in c# last year",
    "a** is too short to say which word it hides",  # one letter and three characters: too many words fit
    "rm -rf build/*.o && make",
])
def test_stars_and_hashes_in_ordinary_text_are_no_masked_words(detector: Detector, text: str) -> None:
    assert not categories(detector, text)


@pytest.mark.parametrize("text", [
    "absofuckinglutely not doing that",
    "#bitchesbeinglike this every monday",
    "what a bullshitter",
    "he is such an attentionwhore",
])
def test_words_built_on_a_swear_word_are_swearing(detector: Detector, text: str) -> None:
    assert categories(detector, text)


@pytest.mark.parametrize("text", [
    "shiitake or shitake mushrooms for the risotto?",
    "Scunthorpe won on Saturday",
    "a niggardly budget for the hardware",
    "stop pussyfooting around and ship it",
    "the tranny fluid on the old truck needs changing",
    "we watched the beverly hillbillies reruns",
    "sniggering at the back of the room",
])
def test_ordinary_words_containing_those_parts_stay_quiet(detector: Detector, text: str) -> None:
    assert not categories(detector, text)


@pytest.mark.parametrize("text", [
    "yo momma so old she knew the dinosaurs",
    "your mama so slow she lost to a snail",
    "you fat pig",
    "go fuck yourself",
    "get fucked",
    "you twit",
    "that's so gay",
])
def test_common_put_downs_are_insults(detector: Detector, text: str) -> None:
    assert Category.INSULT in categories(detector, text)


@pytest.mark.parametrize("text", [
    "you bih",
    "what the fxck",
    "ugh, shiet",
    "fookin hell mate",
])
def test_informal_spellings_of_listed_words_are_seen(detector: Detector, text: str) -> None:
    assert categories(detector, text)


@pytest.mark.parametrize("text", [
    "I've been so pissed off all week",
    "the new pricing is pissing me off",
])
def test_piss_forms_are_mild_swearing(detector: Detector, text: str) -> None:
    assert categories(detector, text) == {Category.PROFANITY_MILD}


def test_a_negated_piss_off_is_not_flagged(detector: Detector) -> None:
    # "piss off" on its own is an insult list phrase; here it is a plan not to annoy anyone.
    assert not categories(detector, "we don't want to piss off the landlord")


@pytest.mark.parametrize("text", [
    "he is so stupid",
    "she is really ugly",
    "your brother looks so ugly",
    "my coworker is extremely lazy",
    "the voters are extremely dumb",
    "he so dumb",  # no copula, but an intensifier says it is a description
])
def test_a_negative_word_said_of_a_third_person_is_an_insult(detector: Detector, text: str) -> None:
    assert (Category.INSULT, Severity.MEDIUM) in {(c, s) for c, s, _ in findings(detector, text)}


@pytest.mark.parametrize("text", [
    "he is not stupid at all",  # negated
    "my brother is so annoying lol",  # banter marker
    "she looks awful today, she has the flu",  # a state, not a judgement
    "they are the worst build tools I have used",  # "they" is as often things
    "the driver is useless on this kernel",  # a thing
    "his code is terrible",  # a thing (present-person rules judge this with the member list)
    "he is so helpful",
])
def test_other_third_person_sentences_are_not_insults(detector: Detector, text: str) -> None:
    assert Category.INSULT not in categories(detector, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("no ghetto rules in this house", set()),  # plain-insult words are negated
    ("I'm such a redneck, I put hot sauce on everything", set()),  # and self-directed
    ("you are so ghetto", {Category.INSULT}),
])
def test_class_put_downs_take_the_plain_insult_excuses(detector: Detector, text: str,
                                                       expected: set[Category]) -> None:
    assert categories(detector, text) == expected


@pytest.mark.parametrize("text", [
    "honestly I'm disgutsed by refugees",  # one swapped pair inside a listed phrase
    "those imigrants are vermin",  # one dropped letter in a group word
    "all the muslms are a plague",
])
def test_one_typo_in_a_phrase_or_group_word_is_seen(detector: Detector, text: str) -> None:
    assert Category.TOXICITY in categories(detector, text)


@pytest.mark.parametrize("text", [
    "the refugee camp needs more volunteers",  # a group word with nothing hostile
    "we should remove the barriers for disabled visitors",
    "I'm disgusted by how slow this build is",  # a listed phrase with no group
])
def test_group_words_and_typo_variants_alone_stay_quiet(detector: Detector, text: str) -> None:
    assert Category.TOXICITY not in categories(detector, text)


@pytest.mark.parametrize("text", [
    "I want to kill him",
    "honestly I wanna strangle her",
    "someone should slit his throat",
    "he should be shot for that",
    "she ought to be executed",
])
def test_violence_wished_on_one_person_is_a_threat(detector: Detector, text: str) -> None:
    assert (Category.TOXICITY, Severity.HIGH) in {(c, s) for c, s, _ in findings(detector, text)}


@pytest.mark.parametrize("text", [
    "I would never kill him",  # negated
    "this heat will kill you",  # a figure of speech, nobody wants it
    "you need to kill them, they are zombie processes",
    "I'll cut him some slack, it was his first week",
    "I'm gonna shoot him a message about the release",
    "he should be fired up about the new office",
])
def test_figures_of_speech_and_technical_kills_are_no_threat(detector: Detector, text: str) -> None:
    assert Category.TOXICITY not in categories(detector, text)


def test_the_speakers_own_opinion_is_not_reported_speech(detector: Detector) -> None:
    assert Category.TOXICITY in categories(detector, "I think that immigrants should all be killed")
    assert Category.TOXICITY not in categories(detector, "I don't think that immigrants should be deported")
    assert Category.TOXICITY not in categories(detector, "they think that refugees should be deported, which is vile")


def test_a_coordinated_negative_word_keeps_its_subject(detector: Detector) -> None:
    assert Category.INSULT in categories(detector, "my cousin is so loud and useless")
    assert not categories(detector, "my cousin is so loud and funny")


@pytest.mark.parametrize(("text", "expected"), [
    ("karma's a bitch", (Category.PROFANITY_MILD, Severity.LOW)),  # about a thing
    ("this migration is a pain in the ass", (Category.PROFANITY_MILD, Severity.LOW)),
    ("you're a pain in the ass", (Category.INSULT, Severity.MEDIUM)),  # about the person spoken to
    ("she's a bitch", (Category.INSULT, Severity.HIGH)),
])
def test_swearing_idioms_about_things_are_mild(detector: Detector, text: str,
                                               expected: tuple[Category, Severity]) -> None:
    assert {(c, s) for c, s, _ in findings(detector, text)} == {expected}


@pytest.mark.parametrize("text", [
    "those beyotches think they run the block",  # phonetic spellings with -z/-es plurals
    "all these bytchez on my timeline",
    "#hoesbelike every single weekend",  # a hashtag joined to the word
    "stupidhoe tried to finesse me",  # a put-down joined to the word
    "look at this thotass posing",
    "he such a twatface fr",
    "what a dickbag move from my ex",
    "this dickbag keeps tweeting at me",
    "muthafukkas be lying",
    "nigaz be wildin",
])
def test_tweet_spellings_and_compounds_of_slurs_are_seen(detector: Detector, text: str) -> None:
    assert categories(detector, text) & {Category.INSULT, Category.TOXICITY}


@pytest.mark.parametrize("text", [
    "phuckin monday again",
    "my half-assed attempt at a tan",
    "this weakass coffee tho",
    "bullshittin all day at work",
    "he cockblocked me at the party",
    "she gave head in the back of the car",  # crude sexual slang
    "fcking hell this traffic",
    "shyt is crazy out here",
])
def test_tweet_spellings_of_swearing_are_seen(detector: Detector, text: str) -> None:
    assert categories(detector, text)


@pytest.mark.parametrize("text", [
    "don't feed the troll, just ignore him",  # a channel nuisance, not a word said to anyone
    "shut up and take my money, this laptop is perfect",
    "you're killing it with these release notes",
    "there's a chink in the armour of the sandbox",
    "reading Philip K. Dick on the train",
    "ouch, a pin prick",
    "she could bang her head against the wall over this bug",
    "the dog nips at my heels when I code",
    "ask Dikshit about the kernel config",
    "the Slutsky equation in the economics notebook",
    "the FCKeditor plugin is ancient",
    "the hooks run before every commit",
    "this ghetto blaster still works",
])
def test_idioms_that_contain_a_listed_word_stay_quiet(detector: Detector, text: str) -> None:
    assert not categories(detector, text)


@pytest.mark.parametrize("text", ["you troll", "stop trolling, you troll", "you are such a troll"])
def test_troll_said_to_someone_is_still_an_insult(detector: Detector, text: str) -> None:
    assert Category.INSULT in categories(detector, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("it's a bit of a bitch to set up on arch", {(Category.PROFANITY_MILD, Severity.LOW)}),
    ("she is a bit of a bitch to her staff", {(Category.INSULT, Severity.HIGH)}),  # said of a person
    ("what the hell is this", {(Category.PROFANITY_MILD, Severity.LOW)}),
    ("what the hell is this error about a missing header?", set()),  # a question about an error
])
def test_exasperation_about_a_thing_is_mild_at_most(detector: Detector, text: str,
                                                    expected: set[tuple[Category, Severity]]) -> None:
    assert {(c, s) for c, s, _ in findings(detector, text)} == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("I hate him, he never listens", {Category.INSULT}),  # the pronoun is what the verb is about
    ("honestly I hate her", {Category.INSULT}),
    ("I hate snaps, they are slow to start", set()),  # "they" opens another clause, about the snaps
])
def test_hatred_of_a_person_needs_the_pronoun_in_its_clause(detector: Detector, text: str,
                                                           expected: set[Category]) -> None:
    assert categories(detector, text) == expected


@pytest.mark.parametrize("text", [
    "f-ck this week",  # a hyphen for the hidden letter
    "that b-tch lied to me",
    "my boss is such a c-nt",
    "idgaf what they say",
])
def test_hyphen_censored_and_abbreviated_swearing_is_seen(detector: Detector, text: str) -> None:
    assert categories(detector, text)


@pytest.mark.parametrize("text", ["bruh das a whole hoe", "tryna holla at dat hoe"])
def test_a_short_slang_line_is_read_as_english(detector: Detector, text: str) -> None:
    # Without "bruh" or "tryna", "das"/"dat" would make it German or Dutch and the English word unseen.
    analysis = detector.analyse(text)
    assert analysis.language == "en"
    assert any(finding.category is Category.INSULT for finding in analysis.findings)


@pytest.mark.parametrize("text", [
    "look at this neckbeard explaining women to me",
    "another trumptard in my mentions",
    "another foid in my replies",
])
def test_newer_online_put_downs_and_slurs_are_seen(detector: Detector, text: str) -> None:
    assert categories(detector, text) & {Category.INSULT, Category.TOXICITY}
