"""The apology ledger through the real engine: linking, counting per matter, the third-apology warning, settling."""

from __future__ import annotations

from bot.actions import NoticePurpose, PostMessage, SendPrivateNotice, SendPrivateSuggestion
from bot.ledger import same_apology, similarity
from bot.receipts import Delivered
from bot.store.user_settings import UserKey
from bot.vocabulary import Answer

HARSH = "you're an idiot, Bob, this review is useless"
OTHER_HARSH = "what a stupid plan, Carla"
USER = UserKey("console", "T1", "U1")


def notices(actions: list) -> list[SendPrivateNotice]:
    return [action for action in actions if isinstance(action, SendPrivateNotice)]


async def apologise(engine, chat, clock, text: str, minutes: int = 5, **extra):
    clock.advance(minutes=minutes)
    return await engine.handle(chat.message(text, **extra))


async def test_the_whole_loop_first_second_then_move_on(make_engine, chat, clock):
    engine = make_engine()
    harsh = chat.message(HARSH, mentioned_ids=("U2",))
    assert any(isinstance(a, SendPrivateSuggestion) for a in await engine.handle(harsh))

    [first] = notices(await apologise(engine, chat, clock, "I'm sorry Bob, I was wrong to say that"))
    assert first.purpose is NoticePurpose.APOLOGY_RECORDED and first.apology_count == 1
    [second] = notices(await apologise(engine, chat, clock, "Really, I apologise for my comment earlier",
                                       place=chat.place("C9", "random")))
    # Another channel and other words: not about the harsh message, so a matter of its own.
    assert second.apology_count == 1

    [again] = notices(await apologise(engine, chat, clock, "Sorry again Bob, my comment was out of line"))
    assert again.apology_count == 2
    [warning] = notices(await apologise(engine, chat, clock, "I'm so sorry Bob, I feel awful about it"))
    assert warning.purpose is NoticePurpose.REPEAT_APOLOGY_WARNING
    assert warning.apology_count == 3
    text = warning.card.title
    # Where and when the earlier two were made, and a topic change instead of another apology.
    assert "#general" in text
    assert "15 minutes ago" in text and "5 minutes ago" in text
    topics = engine.texts.variants("en", "topic.general") + engine.texts.variants("en", "topic.recent")
    assert any(topic.split("{")[0][:20] in text for topic in topics)

    matter = engine.ledger_store.matter_by_key(f"{harsh.place.key}:{harsh.message_id}")
    entries = engine.ledger_store.apologies_for_matter(matter.matter_key)
    assert [entry.how_linked for entry in entries] == ["nearby", "nearby", "nearby"]
    assert entries[0].to_whom == ("U2",)


async def test_different_matters_never_add_up(make_engine, chat, clock):
    engine = make_engine()
    await engine.handle(chat.message(HARSH))
    await apologise(engine, chat, clock, "I'm sorry Bob, I was wrong to say that")
    await apologise(engine, chat, clock, "Sorry again Bob, my comment was out of line")
    # A new harsh message in another channel is a new matter: its first apology is a first.
    await engine.handle(chat.message(OTHER_HARSH, place=chat.place("C2", "planning")))
    [notice] = notices(await apologise(engine, chat, clock, "Carla, I apologise, that was unfair of me",
                                       place=chat.place("C2", "planning")))
    assert notice.purpose is NoticePurpose.APOLOGY_RECORDED and notice.apology_count == 1
    counts = sorted(count for _matter, count in engine.commands.ledger_counts(USER))
    assert counts == [1, 2]


async def test_a_reply_links_to_the_message_it_answers(make_engine, chat, clock):
    engine = make_engine(apology_window_minutes=10)
    harsh = chat.message(HARSH)
    await engine.handle(harsh)
    clock.advance(hours=3)  # far outside the window: only the explicit reply can link it
    await engine.handle(chat.message("Sorry everyone, my mistake", reply_to_message_id=harsh.message_id))
    [entry] = engine.ledger_store.apologies_for_user(USER)
    assert entry.matter_key == f"{harsh.place.key}:{harsh.message_id}" and entry.how_linked == "reply"


async def test_outside_the_window_an_apology_starts_its_own_matter(make_engine, chat, clock):
    engine = make_engine(apology_window_minutes=10)
    harsh = chat.message(HARSH)
    await engine.handle(harsh)
    clock.advance(minutes=30)
    await engine.handle(chat.message("I'm sorry, that was rude of me"))
    [entry] = engine.ledger_store.apologies_for_user(USER)
    assert entry.how_linked == "new" and entry.matter_key != f"{harsh.place.key}:{harsh.message_id}"


async def test_similar_apologies_elsewhere_count_for_the_same_matter(make_engine, chat, clock):
    engine = make_engine(apology_window_minutes=10)
    await engine.handle(chat.message(HARSH))
    await apologise(engine, chat, clock, "I'm sorry Bob, I was wrong to call you an idiot", minutes=1)
    direct = chat.place("D1", "", is_direct=True, is_public=False)
    clock.advance(hours=2)
    await engine.handle(chat.message("Bob, I'm sorry, I was wrong to call you an idiot", place=direct))
    entries = engine.ledger_store.apologies_for_user(USER)
    assert len({entry.matter_key for entry in entries}) == 1
    assert sorted(entry.how_linked for entry in entries) == ["nearby", "similar"]


async def test_formulas_and_non_apologies_are_not_counted(make_engine, chat, clock):
    engine = make_engine()
    await engine.handle(chat.message(HARSH))
    await apologise(engine, chat, clock, "sorry to bother you, quick question about the build")
    actions = await apologise(engine, chat, clock, "sorry if anyone was offended")
    assert engine.ledger_store.apologies_for_user(USER) == []
    # The non-apology itself is flagged, with a better draft.
    [nudge] = [a for a in actions if isinstance(a, SendPrivateSuggestion)]
    assert "non_apology" in nudge.categories


async def test_a_settled_matter_gets_no_more_notices(make_engine, chat, clock):
    engine = make_engine()
    await engine.handle(chat.message(HARSH))
    await apologise(engine, chat, clock, "I'm sorry Bob, I was wrong to say that")
    [reply] = await engine.handle(chat.command("ledger", "settle 1"))
    assert reply.card.title == engine.texts.get("en", "ledger.settled")
    for text in ("Sorry again Bob, my comment was out of line", "I'm so sorry Bob, I feel awful about it"):
        assert notices(await apologise(engine, chat, clock, text)) == []
    assert len(engine.ledger_store.apologies_for_user(USER)) == 3  # recorded, but quietly


async def test_an_incident_resolution_settles_the_matter(make_engine, chat, clock):
    engine = make_engine()
    harsh = chat.message(HARSH)
    await engine.handle(harsh)
    assert engine.ledger.settle(f"{harsh.place.key}:{harsh.message_id}", by="incident")
    assert notices(await apologise(engine, chat, clock, "I'm sorry Bob, I was wrong to say that")) == []


async def test_post_apology_counts_once_and_the_third_attempt_gets_the_warning(make_engine, chat, clock):
    engine = make_engine()
    harsh = chat.message(HARSH)
    [nudge] = [a for a in await engine.handle(harsh) if isinstance(a, SendPrivateSuggestion)]
    [post] = await engine.handle(chat.answer(nudge.suggestion_id, Answer.POST_APOLOGY))
    assert isinstance(post, PostMessage)
    receipt = Delivered(action_kind="post_message", reference_id=nudge.suggestion_id, platform_message_id="M-posted")
    [ack] = await engine.acknowledge(receipt)
    assert ack.apology_count == 1
    assert await engine.acknowledge(receipt) == []  # a repeated receipt adds nothing
    # The platform echoes the posted apology as the user's message: the same message, not a second entry.
    clock.advance(seconds=1)
    echo = chat.message(post.text, message_id="M-posted")
    assert notices(await engine.handle(echo)) == []
    assert len(engine.ledger_store.apologies_for_user(USER)) == 1
    # The same draft posted a second time is a second apology.
    [post_again] = await engine.handle(chat.answer(nudge.suggestion_id, Answer.POST_APOLOGY))
    assert isinstance(post_again, PostMessage)
    [ack] = await engine.acknowledge(receipt.model_copy(update={"platform_message_id": "M-posted-2"}))
    assert ack.apology_count == 2
    [warning] = await engine.handle(chat.answer(nudge.suggestion_id, Answer.POST_APOLOGY))
    assert isinstance(warning, SendPrivateNotice)
    assert warning.purpose is NoticePurpose.REPEAT_APOLOGY_WARNING


async def test_the_ledger_can_be_listed_and_entries_deleted(make_engine, chat, clock):
    engine = make_engine()
    await engine.handle(chat.message(HARSH))
    await apologise(engine, chat, clock, "I'm sorry Bob, I was wrong to say that")
    await apologise(engine, chat, clock, "Sorry again Bob, my comment was out of line")
    [listing] = await engine.handle(chat.command("apologies"))
    assert listing.card.title == engine.texts.get("en", "ledger.title")
    assert len(listing.card.lines) == 2 and listing.card.lines[0].startswith("1.")
    [deleted] = await engine.handle(chat.command("ledger", "delete 1"))
    assert deleted.card.title == engine.texts.get("en", "ledger.deleted", number="1")
    assert len(engine.ledger_store.apologies_for_user(USER)) == 1
    [missing] = await engine.handle(chat.command("ledger", "delete 7"))
    assert missing.card.title == engine.texts.get("en", "ledger.not_found")
    # Someone else cannot see or delete these entries.
    [other] = await engine.handle(chat.command("apologies", user_id="U2"))
    assert other.card.lines == (engine.texts.get("en", "ledger.empty"),)


async def test_an_apology_made_elsewhere_is_added_by_naming_the_matter(make_engine, chat, clock):
    engine = make_engine()
    await engine.handle(chat.message(HARSH))
    await apologise(engine, chat, clock, "I'm sorry Bob, I was wrong to say that")
    [ack] = await engine.handle(chat.command("ledger", "add 1"))
    assert ack.apology_count == 2
    [warning] = await engine.handle(chat.command("ledger", "add 1"))
    assert warning.purpose is NoticePurpose.REPEAT_APOLOGY_WARNING


def test_similarity_is_about_words_not_order():
    assert similarity("I am sorry Bob", "Bob I am sorry") == 1.0
    assert similarity("I am sorry Bob", "the build is green") == 0.0
    assert similarity("", "anything") == 0.0


async def test_an_apology_gets_one_private_message_at_most(make_engine, chat, clock):
    engine = make_engine()
    await engine.handle(chat.message(HARSH))
    # Tone findings in a sincere apology: the ledger's acknowledgement only.
    actions = await apologise(engine, chat, clock, "I'm so sorry Bob, I feel awful about it")
    assert [type(action) for action in actions] == [SendPrivateNotice]
    # A token pasted into an apology must still be fixed: the nudge wins, the apology is still counted.
    token = "ghp_Zq8Lr2Vt6Nw4Kd1Hs9Xb3Mc7Pf5Jg0Ya2Tq"
    actions = await apologise(engine, chat, clock, f"Sorry Bob, my mistake, the token is {token}")
    [nudge] = actions
    assert isinstance(nudge, SendPrivateSuggestion)
    assert nudge.suggestions[0].kind.value == "delete"
    assert all(suggestion.kind.value != "apology" for suggestion in nudge.suggestions)
    assert len(engine.ledger_store.apologies_for_user(USER)) == 2


async def test_the_topic_change_comes_from_the_channel_not_from_the_apologies(make_engine, chat, clock):
    engine = make_engine()
    await engine.handle(chat.message("The release notes for version two are ready", user_id="U3"))
    await engine.handle(chat.message(HARSH))
    await apologise(engine, chat, clock, "I'm sorry Bob, I was wrong to say that")
    await apologise(engine, chat, clock, "Sorry again Bob, my comment was out of line")
    [warning] = notices(await apologise(engine, chat, clock, "I apologise once more, Bob"))
    assert "release notes for version two" in warning.card.title
    assert "Sorry again" not in warning.card.title


def test_stock_phrases_alone_do_not_make_the_same_matter():
    assert not same_apology("sorry, my mistake", "Sorry, my mistake!")
    assert same_apology("I'm sorry Bob, I was wrong to call you an idiot",
                        "Bob, I'm sorry, I was wrong to call you an idiot")
