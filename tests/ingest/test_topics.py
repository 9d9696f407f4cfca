"""IPTC Media Topics classifier (plugins/wire_ingest/topics.py) on tiny hand-written texts."""

from __future__ import annotations

import dataclasses
import pickle
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from wire_core.vocabularies import TOPICS
from wire_ingest.records import TopicTag
from wire_ingest.topics import (
    TopicVocabulary,
    VocabularyError,
    build_vocabulary,
    classify_topics,
    load_vocabulary,
    topic_evidence,
)

TOP_LEVEL = {
    "medtop:01000000": "arts, culture, entertainment and media",
    "medtop:02000000": "crime, law and justice",
    "medtop:03000000": "disaster, accident and emergency incident",
    "medtop:04000000": "economy, business and finance",
    "medtop:05000000": "education",
    "medtop:06000000": "environment",
    "medtop:07000000": "health",
    "medtop:08000000": "human interest",
    "medtop:09000000": "labour",
    "medtop:10000000": "lifestyle and leisure",
    "medtop:11000000": "politics",
    "medtop:12000000": "religion",
    "medtop:13000000": "science and technology",
    "medtop:14000000": "society",
    "medtop:15000000": "sport",
    "medtop:16000000": "conflict, war and peace",
    "medtop:17000000": "weather",
}
ARTS, CRIME, DISASTER, ECONOMY = "medtop:01000000", "medtop:02000000", "medtop:03000000", "medtop:04000000"
LABOUR, POLITICS, SCITECH, SPORT, CONFLICT = (
    "medtop:09000000",
    "medtop:11000000",
    "medtop:13000000",
    "medtop:15000000",
    "medtop:16000000",
)


@pytest.fixture(scope="module")
def vocab() -> TopicVocabulary:
    return load_vocabulary()


def codes(tags: tuple[TopicTag, ...]) -> list[str]:
    return [t.code for t in tags]


def write_vocab(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "topics.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# A two-topic toy vocabulary for exact arithmetic.
TOY = """
    fallback: medtop:11000000
    ignore:
      - state of the art
    topics:
      - code: medtop:11000000
        label: politics
        keywords:
          minister: 1
      - code: medtop:15000000
        label: sport
        keywords:
          goal: 1
          art: 1
      - code: medtop:20001065
        label: soccer
        parent: medtop:15000000
        keywords:
          penalty kick: 5
          penalty: 1
"""


@pytest.fixture()
def toy(tmp_path: Path) -> TopicVocabulary:
    return load_vocabulary(write_vocab(tmp_path, TOY))


# ---------------------------------------------------------------------------------------------
# the vocabulary file


def test_default_vocabulary_has_the_17_top_level_topics_with_official_labels(vocab):
    assert TOPICS.name == "topics.yaml" and TOPICS.parent.name == "data"
    assert {t.code: t.label for t in vocab.top_level} == TOP_LEVEL


def test_default_vocabulary_is_well_formed(vocab):
    top = {t.code for t in vocab.top_level}
    for t in vocab.topics:
        assert re.fullmatch(r"medtop:\d{8}", t.code)
        assert t.parent is None or t.parent in top
        assert t.keywords, f"{t.code} has no keywords"
        assert all(0 < w <= 3 for w in t.keywords.values()), t.code
    assert vocab.fallback == POLITICS
    assert vocab.keyword_count >= 500


@pytest.mark.parametrize(
    ("code", "parent"),
    [
        ("medtop:20000639", POLITICS),  # diplomacy
        ("medtop:20000574", POLITICS),  # election
        ("medtop:20000056", CONFLICT),  # armed conflict
        ("medtop:20000053", CONFLICT),  # act of terror
        ("medtop:20000350", ECONOMY),  # central bank
        ("medtop:20000371", ECONOMY),  # interest rate
        ("medtop:20000370", ECONOMY),  # inflation
        ("medtop:20000385", ECONOMY),  # market and exchange
        ("medtop:20000204", ECONOMY),  # merger or acquisition
        ("medtop:20000256", ECONOMY),  # energy and resource
        ("medtop:20000210", ECONOMY),  # agriculture
        ("medtop:20000373", ECONOMY),  # international trade
        ("medtop:20001065", SPORT),  # soccer
        ("medtop:20000888", SPORT),  # cricket
        ("medtop:20000153", DISASTER),  # earthquake
        ("medtop:20000154", DISASTER),  # flood
        ("medtop:20000082", CRIME),  # crime
        ("medtop:20000106", CRIME),  # judiciary (court, trial)
        ("medtop:20000449", "medtop:07000000"),  # epidemic
        ("medtop:20000418", "medtop:06000000"),  # climate change
        ("medtop:20000530", LABOUR),  # strike
    ],
)
def test_required_sub_topics_are_present_under_their_parent(vocab, code, parent):
    assert vocab.topic(code).parent == parent


def test_vocabulary_is_frozen(vocab):
    with pytest.raises(dataclasses.FrozenInstanceError):
        vocab.fallback = SPORT  # type: ignore[misc]
    with pytest.raises(TypeError):
        vocab.topic(SPORT).keywords["goal"] = 3.0  # type: ignore[index]


def test_vocabulary_survives_pickling(vocab):
    """Worker processes may receive the vocabulary pickled."""
    copy = pickle.loads(pickle.dumps(vocab))
    assert copy == vocab
    title, body = STORIES[3][1], STORIES[3][2]
    assert classify_topics(title, body, copy) == classify_topics(title, body, vocab)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("topics:\n  - {code: medtop:11000000, label: politics, keywords: {vote: 1, vote: 2}}\n", "duplicate key"),
        ("topics:\n  - code: medtop:11000000\n    label: politics\n    keywords: {no: 1}\n", "not a string"),
        ("topics:\n  - {code: medtop:11000000, label: politics, keywords: {vote: 0}}\n", "weight"),
        ("topics:\n  - {code: 'politics', label: politics, keywords: {vote: 1}}\n", "medtop:NNNNNNNN"),
        (
            "topics:\n  - {code: medtop:11000000, label: politics, keywords: {a: 1}}\n"
            "  - {code: medtop:20000574, label: election, parent: medtop:99000000, keywords: {b: 1}}\n",
            "unknown parent",
        ),
        (
            "topics:\n  - {code: medtop:11000000, label: politics, keywords: {cease-fire: 1, cease fire: 2}}\n",
            "after folding",
        ),
        (
            "fallback: medtop:15000000\ntopics:\n  - {code: medtop:11000000, label: politics, keywords: {a: 1}}\n",
            "fallback",
        ),
        ("topics: []\n", "non-empty"),
    ],
)
def test_malformed_vocabulary_is_rejected(tmp_path, text, message):
    with pytest.raises(VocabularyError, match=message):
        load_vocabulary(write_vocab(tmp_path, text))


def test_build_vocabulary_from_parsed_document():
    raw = yaml.safe_load(textwrap.dedent(TOY))
    v = build_vocabulary(raw)
    assert codes(classify_topics("Late goal", "", v)) == [SPORT]


# ---------------------------------------------------------------------------------------------
# ranking and output shape

STORIES = [
    (
        SPORT,
        "Rovers snatch late winner",
        "The striker headed in a corner in stoppage time as the home side climbed to third in the league.",
    ),
    (
        ECONOMY,
        "Retailer profits beat forecasts",
        "Shares in the chain rose 4% after it reported higher quarterly sales and raised its dividend.",
    ),
    (
        POLITICS,
        "Minister faces vote on reform bill",
        "Opposition MPs said the government would lose the vote in parliament next week.",
    ),
    (
        CONFLICT,
        "Rebels shell border town",
        "Troops returned fire as the ceasefire collapsed and thousands of civilians fled the fighting.",
    ),
    (
        SCITECH,
        "New phone runs on open software",
        "The handset maker said users could download apps and browse the web over wi-fi.",
    ),
    (
        ARTS,
        "Director's new film tops box office",
        "The actress, nominated for an Oscar last year, stars alongside a cast of newcomers.",
    ),
    (
        DISASTER,
        "Quake flattens mountain villages",
        "Rescuers pulled survivors from the rubble as the death toll from the earthquake rose.",
    ),
    (
        CRIME,
        "Two charged over jewellery robbery",
        "Police arrested the suspects after a raid; they will appear before magistrates on Monday.",
    ),
    (
        LABOUR,
        "Dockers walk out over pay",
        "The union said the strike would continue until bosses improved their pay offer.",
    ),
]


@pytest.mark.parametrize(("expected", "title", "body"), STORIES, ids=[s[0] for s in STORIES])
def test_clear_stories_rank_their_topic_first(vocab, expected, title, body):
    tags = classify_topics(title, body, vocab)
    assert tags[0].code == expected


@pytest.mark.parametrize(("expected", "title", "body"), STORIES, ids=[s[0] for s in STORIES])
def test_output_invariants(vocab, expected, title, body):
    tags = classify_topics(title, body, vocab, limit=5)
    top = {t.code for t in vocab.top_level}
    assert 1 <= len(tags) <= 5
    assert all(isinstance(t, TopicTag) for t in tags)
    assert tags[0].code in top
    assert tags[0].label == vocab.topic(tags[0].code).label
    scores = [t.score for t in tags]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores == sorted(scores, reverse=True)
    assert len(set(codes(tags))) == len(tags)
    for i, t in enumerate(tags):  # a sub-topic comes after its parent, never above it
        parent = vocab.topic(t.code).parent
        if parent is not None:
            assert parent in codes(tags[:i])
            assert t.score <= next(p.score for p in tags if p.code == parent)


def test_limit(vocab):
    title, body = STORIES[0][1], STORIES[0][2]
    assert len(classify_topics(title, body, vocab, limit=1)) == 1
    assert classify_topics(title, body, vocab, limit=1)[0] == classify_topics(title, body, vocab)[0]
    with pytest.raises(ValueError):
        classify_topics(title, body, vocab, limit=0)


def test_mixed_story_lists_both_topics_strongest_first(vocab):
    tags = classify_topics(
        "Club shares soar on takeover bid",
        "Investors bought shares in the football club after a tycoon made a takeover offer; "
        "the manager said the players would focus on Saturday's match.",
        vocab,
    )
    assert tags[0].code == ECONOMY
    assert SPORT in codes(tags)


def test_world_brief_lands_on_politics_or_conflict_not_economy(vocab):
    tags = classify_topics(
        "President sacks cabinet after protests",
        "The president dismissed the government on Sunday after days of protests in the capital, "
        "and the opposition called for early elections.",
        vocab,
    )
    assert tags[0].code in {POLITICS, CONFLICT}


# ---------------------------------------------------------------------------------------------
# matching


def test_strike_does_not_match_inside_striker(vocab):
    ev = topic_evidence("Striker signs new deal", "The strikers trained on Monday.", vocab)
    assert "medtop:20000530" not in ev
    ev = topic_evidence("Workers strike at car plant", "", vocab)
    assert ev["medtop:20000530"] > 0


def test_whole_words_only_with_unicode_letters(toy):
    assert topic_evidence("", "goalkeeper goals2 ágoal goalé", toy) == {}
    assert topic_evidence("", "start, party, smart", toy) == {}  # "art" inside words
    assert topic_evidence("", "(goal!)", toy)[SPORT] > 0


def test_matching_is_case_insensitive_and_folds_punctuation(vocab, toy):
    assert topic_evidence("", "GOAL", toy)[SPORT] == topic_evidence("", "goal", toy)[SPORT]
    a = topic_evidence("", "a cease-fire was agreed", vocab)
    b = topic_evidence("", "A CEASE FIRE was agreed", vocab)
    assert a == b and a[CONFLICT] > 0


def test_regular_plurals_are_generated(toy):
    singular = topic_evidence("", "minister", toy)[POLITICS]
    assert topic_evidence("", "ministers", toy)[POLITICS] == pytest.approx(singular)
    assert topic_evidence("", "penalties", toy)["medtop:20001065"] > 0


def test_longest_phrase_wins_at_one_place(vocab, toy):
    # "penalty kick" (5) hides "penalty" (1): evidence 5 * sqrt(1.5) for a lead-paragraph hit
    ev = topic_evidence("", "a penalty kick", toy)
    assert ev["medtop:20001065"] == pytest.approx(5 * 1.5**0.5)
    # "air strike" is conflict, not a labour dispute; "European Union" is not a trade union
    ev = topic_evidence("Air strike hits convoy", "", vocab)
    assert CONFLICT in ev and LABOUR not in ev
    ev = topic_evidence("European Union ministers meet", "", vocab)
    assert "medtop:20000536" not in ev


def test_ignore_phrases_hide_keywords_and_count_nothing(toy):
    assert topic_evidence("", "a state of the art stadium", toy) == {}
    assert topic_evidence("", "the art of the possible", toy)[SPORT] > 0


def test_repeated_keyword_is_damped(toy):
    once = topic_evidence("", "goal", toy)[SPORT]
    many = topic_evidence("", " ".join(["goal"] * 16), toy)[SPORT]
    assert many == pytest.approx(4 * once)  # square root of the hit count


# ---------------------------------------------------------------------------------------------
# zones, aggregation, prior, fallback


def test_headline_counts_more_than_the_body(toy):
    head = topic_evidence("goal", "", toy)[SPORT]
    lead = topic_evidence("", "goal", toy)[SPORT]
    rest = topic_evidence("", "intro\n\ngoal", toy)[SPORT]
    assert head > lead > rest


def test_headline_decides_between_equal_bodies(vocab):
    body = "Shares rose after the match. The striker signed for the club as profits climbed."
    assert classify_topics("Cup final goes to extra time", body, vocab)[0].code == SPORT
    assert classify_topics("Quarterly profits beat forecasts", body, vocab)[0].code == ECONOMY


def test_first_paragraph_counts_more_than_later_ones(toy):
    body_first = "the minister spoke\n\nthen a goal"
    body_later = "then a goal\n\nthe minister spoke"
    assert classify_topics("", body_first, toy)[0].code == POLITICS
    assert classify_topics("", body_later, toy)[0].code == SPORT


def test_body_without_blank_lines_uses_its_first_line_as_lead(toy):
    assert classify_topics("", "the minister spoke\nthen a goal", toy)[0].code == POLITICS


def test_sub_topic_evidence_counts_toward_its_parent(toy):
    ev = topic_evidence("", "penalty kick", toy)
    assert ev[SPORT] == pytest.approx(ev["medtop:20001065"])
    tags = classify_topics("Penalty kick drama", "A penalty kick decided it.", toy)
    assert codes(tags) == [SPORT, "medtop:20001065"]  # parent first, then the sub-topic
    assert tags[0].score == 1.0 and tags[1].score == 1.0


def test_sub_topic_needs_enough_evidence(toy):
    tags = classify_topics("", "a goal and a penalty", toy)  # 1 * sqrt(1.5): too little
    assert codes(tags) == [SPORT]


def test_scores_are_shares_of_top_level_evidence(toy):
    tags = classify_topics("", "the minister saw a goal", toy)
    assert {t.code: t.score for t in tags} == {POLITICS: 0.5, SPORT: 0.5}
    assert codes(tags) == [POLITICS, SPORT]  # a tie is broken by code, deterministically


def test_prior_discounts_a_topic(tmp_path):
    text = TOY.replace("        label: sport\n", "        label: sport\n        prior: 0.5\n")
    v = load_vocabulary(write_vocab(tmp_path, text))
    tags = classify_topics("", "the minister saw a goal", v)
    assert codes(tags) == [POLITICS, SPORT]
    assert tags[0].score > tags[1].score


def test_weak_top_level_topics_are_dropped(toy):
    # sport 5 * sqrt(3) from the headline; politics 1 * sqrt(1) from a later paragraph (< 20%)
    tags = classify_topics("Penalty kick", "intro\n\nthe minister watched", toy)
    assert codes(tags) == [SPORT, "medtop:20001065"]


@pytest.mark.parametrize(("title", "body"), [("", ""), ("Lorem ipsum", "Dolor sit amet."), ("   ", "\n\n")])
def test_fallback_when_nothing_matches(vocab, title, body):
    assert classify_topics(title, body, vocab) == (TopicTag(POLITICS, "politics", 0.0),)


def test_deterministic(vocab, tmp_path):
    title, body = STORIES[1][1], STORIES[1][2] + "\n\n" + STORIES[0][2]
    first = classify_topics(title, body, vocab)
    assert all(classify_topics(title, body, vocab) == first for _ in range(3))
    assert classify_topics(title, body, load_vocabulary()) == first
    copy = tmp_path / "copy.yaml"
    copy.write_text(TOPICS.read_text(encoding="utf-8"), encoding="utf-8")
    assert classify_topics(title, body, load_vocabulary(copy)) == first
