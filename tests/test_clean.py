"""Clean: leftover rules (and what they must not touch), metadata, duplicates, seeds."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from factories import BODY, BODY2, OPTS, SEEDS, needs_seeds
from storydesk.clean import CLEAN, clean_article, clean_articles
from storydesk.clean.boilerplate import classify_line, normalise_whitespace, publisher
from storydesk.ingest import read_inputs
from storydesk.model import Article, InputProblem, Removed
from storydesk.options import Options
from storydesk.pipeline import Document, run_stage


def art(text: str, id_: str = "a", source: str | None = None) -> Article:
    return Article(id=id_, path=f"{id_}.txt", text=text, raw_text=text, source=source)


LEFTOVERS = [
    ("Japan is negotiating the opening of a NATO office / © Freepik", "photo caption/credit"),
    ("Hayashi speaks in Tokyo (Photo: Reuters)", "photo caption/credit"),
    ("Photo: Reuters", "photo caption/credit"),
    ("Credit: Getty Images", "photo caption/credit"),
    ("Foreign Minister Yoshimasa Hayashi | REUTERS/Issei Kato", "photo caption/credit"),
    ("Leave a Reply", "comment prompt"),
    ("Leave a comment", "comment prompt"),
    ("12 Comments", "comment prompt"),
    ("© 2026 Newsmax. All rights reserved.", "copyright line"),
    ("Copyright 2023 The Associated Press. All rights reserved.", "copyright line"),
    ("All Rights Reserved", "copyright line"),
    ("Share this:", "share/subscribe prompt"),
    ("Share on Facebook", "share/subscribe prompt"),
    ("Facebook Twitter LinkedIn Email", "share/subscribe prompt"),
    ("Subscribe to our newsletter", "share/subscribe prompt"),
    ("Sign up for our daily briefing", "share/subscribe prompt"),
    ("Follow us on Twitter", "share/subscribe prompt"),
    ("Exit mobile version", "mobile/navigation leftover"),
    ("Skip to content", "mobile/navigation leftover"),
    ("Read more: Japan to host NATO office", "read more link"),
    ("Related:", "read more link"),
    ("Related: China warns NATO over Asia", "read more link"),
    ("Click here to read the full interview", "read more link"),
    ("Advertisement", "advertisement"),
    ("ADVERTISEMENT", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("© The Marrowport Ledger 2025", "copyright line"),
    ("Share the story", "share/subscribe prompt"),
    ("Follow us", "share/subscribe prompt"),
    ("We use cookies to improve your experience on our site.", "cookie notice"),
    ("Accept all cookies", "cookie notice"),
    ("Manage cookie preferences", "cookie notice"),
    ("(Reporting by Kiyoshi Takenaka; Editing by Tom Hogue)", "byline/dateline"),
    ("Tags: Japan, NATO, Hayashi", "mobile/navigation leftover"),
    ("Listen to this article", "mobile/navigation leftover"),
    ("5 min read", "mobile/navigation leftover"),
    ("Advertisement - Scroll to continue", "advertisement"),
    ("By Jane Doe and Bob Lee, CNN", "byline/dateline"),
    ("Updated: May 10, 2023 9:00 AM", "byline/dateline"),
]

REAL_SENTENCES = [
    "He declined to reply to questions from reporters.",
    "Japan's share of the budget rose to 2%.",
    "Hayashi told reporters he would share details later.",
    "Previously, China had cautioned Japan regarding such an action.",
    "The logo, marked ©, appeared on the banner behind the minister.",
    "By Wednesday, the talks had stalled.",
    "Sign up for the draft was mandatory in 1940.",
    "Related to this, the ministry issued a statement.",
    "Copyright law in Japan is strict, experts said.",
    "Click here, he said, was printed on the flyer.",
    "Published in 2019, the report found that tensions were rising.",
    "Read more about it in the report, he said.",
    "Subscribers to the treaty must consult each other.",
    "Home to 125 million people, Japan is a key partner.",
    "Comments from China were swift.",
    "Search and rescue teams were deployed.",
    "Advertising revenue fell by 10% last year.",
    "The photo (pictured) shows the minister.",
    "Leave a reply to the ministry by Friday, officials told residents.",
    "In Japan, they wanted to open a NATO office amid the war in Ukraine",
    "Copyright claims against the studio doubled in 2023.",
    "Share the road, police urge drivers.",
    "Follow us to the harbour, the protesters chanted.",
    "We use cookies, the company admitted in court.",
    "The council released the images on Friday. (Photos were taken by residents.)",
]


@pytest.mark.parametrize(("line", "reason"), LEFTOVERS)
def test_leftover_lines_are_removed(line: str, reason: str) -> None:
    assert classify_line(line) == reason
    cleaned = clean_article(art(f"{BODY}\n{line}\n{BODY2}"), OPTS)
    assert cleaned.text == f"{BODY}\n{BODY2}"
    assert cleaned.removed == (Removed(line, reason),)


@pytest.mark.parametrize("sentence", REAL_SENTENCES)
def test_real_sentences_stay(sentence: str) -> None:
    cleaned = clean_article(art(f"{BODY}\n{sentence}\n{BODY2}"), OPTS)
    assert cleaned.removed == ()
    assert cleaned.text == f"{BODY}\n{sentence}\n{BODY2}"


@pytest.mark.parametrize(
    ("tail", "reason"),
    [
        ("Leave a Reply", "comment prompt"),
        ("© 2026 Newsmax. All rights reserved.", "copyright line"),
        ("© Reuters", "photo caption/credit"),
        ("Advertisement", "advertisement"),
        ("Exit mobile version", "mobile/navigation leftover"),
        ("(AP Photo/Eugene Hoshiko)", "photo caption/credit"),
        ("(Photo: Kari Nordmann)", "photo caption/credit"),
        ("(Reporting by Kiyoshi Takenaka; Editing by Tom Hogue)", "byline/dateline"),
    ],
)
def test_leftover_glued_after_last_sentence(tail: str, reason: str) -> None:
    cleaned = clean_article(art(f"{BODY} {tail}"), OPTS)
    assert cleaned.text == BODY
    assert cleaned.removed == (Removed(tail, reason),)


def test_tail_never_takes_a_real_sentence() -> None:
    line = "NATO agreed. Hayashi met Stoltenberg in Tokyo © Reuters"
    cleaned = clean_article(art(f"{BODY}\n{line}"), OPTS)
    assert cleaned.removed == (
        Removed("Hayashi met Stoltenberg in Tokyo © Reuters", "photo caption/credit"),
    )
    assert cleaned.text == f"{BODY}\nNATO agreed."
    prose = f"{BODY} He said all rights reserved by the treaty stay in force."
    assert clean_article(art(prose), OPTS).removed == ()
    later = f"{BODY} Prices rose 2 points. Copyright law experts disagreed in 2024."
    assert clean_article(art(later), OPTS).removed == ()


def test_copyright_sets_unknown_source_only() -> None:
    text = f"{BODY}\n© 2026 Newsmax. All rights reserved."
    assert clean_article(art(text), OPTS).source == "Newsmax"
    assert clean_article(art(text, source="CNN"), OPTS).source == "CNN"
    assert clean_article(art(f"{BODY}\nAll rights reserved."), OPTS).source is None


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("© 2026 Newsmax. All rights reserved.", "Newsmax"),
        ("Copyright © 2023 The Associated Press. All rights reserved.", "The Associated Press"),
        ("© 2020-2026 Newsmax Media, Inc. All rights reserved.", "Newsmax Media"),
        ("© Newsmax 2026", "Newsmax"),
        ("All rights reserved.", None),
    ],
)
def test_publisher_from_copyright(line: str, name: str | None) -> None:
    assert publisher(line) == name


def test_whitespace_normalised() -> None:
    raw = "  Japan\u00a0 is   in\ttalks.\u200b \n\n\n  NATO   agreed.  \r\n"
    assert normalise_whitespace(raw) == "Japan is in talks.\nNATO agreed."


def test_cheap_mojibake_fix() -> None:
    broken = "Japan’s minister – “unusually“ – met the café owner.".encode().decode("cp1252")
    assert "â€" in broken
    assert normalise_whitespace(broken) == "Japan’s minister – “unusually“ – met the café owner."


def test_cleaning_off_keeps_leftovers_but_normalises() -> None:
    cleaned = clean_article(art(f"{BODY}\n\n  Leave a Reply "), Options(clean_boilerplate=False))
    assert cleaned.text == f"{BODY}\nLeave a Reply"
    assert cleaned.removed == ()


def test_too_short_after_cleaning_is_a_problem() -> None:
    short = art("Japan talks.\nLeave a Reply\nExit mobile version", id_="s")
    kept, problems = clean_articles((short, art(BODY, id_="b")), OPTS)
    assert [a.id for a in kept] == ["b"]
    [p] = problems
    assert p.path == "s.txt"
    assert "too short" in p.problem and "2 words" in p.problem


def test_exact_and_near_duplicates_first_wins() -> None:
    original = art(f"{BODY}\n{BODY2}\n{BODY}", id_="first")
    exact = art(f"  {BODY}\n\n{BODY2}\n{BODY}\nLeave a Reply", id_="copy")
    near = art(f"{BODY}\n{BODY2}\n{BODY.replace('Wednesday', 'Tuesday')}", id_="near")
    different = art(f"{BODY2}\n{BODY2}", id_="other")
    kept, problems = clean_articles((original, exact, near, different), OPTS)
    assert [a.id for a in kept] == ["first", "other"]
    assert [(p.path, p.problem.split(" (")[0]) for p in problems] == [
        ("copy.txt", "article copy: duplicate of first"),
        ("near.txt", "article near: duplicate of first"),
    ]


def test_the_earliest_published_copy_wins_and_other_outlets_copies_stay() -> None:
    text = f"{BODY}\n{BODY2}\n{BODY}"
    late = replace(art(text, id_="late"), published="2025-03-02T12:15:00Z")
    early = replace(art(f"{text}\nLeave a Reply", id_="early"), published="2025-03-02T09:40:00Z")
    undated = art(text, id_="undated")
    kept, problems = clean_articles((undated, late, early), OPTS)
    assert [a.id for a in kept] == ["early"]  # named last, published first
    assert {p.problem.split(" (")[0] for p in problems} == {
        "article late: duplicate of early",
        "article undated: duplicate of early",
    }
    # Another outlet running the same text is a republication: provenance links it.
    wire = replace(early, source="Meridian Wire")
    gazette = replace(late, source="Ostrand Gazette")
    again = replace(undated, source="meridian  wire")  # the wire's own copy, ingested twice
    kept, problems = clean_articles((gazette, wire, again), OPTS)
    assert [a.id for a in kept] == ["late", "early"]
    assert [p.problem.split(" (")[0] for p in problems] == ["article undated: duplicate of early"]
    # An unnamed scrape, even the earliest, does not erase the named outlets it copies.
    scrape = replace(undated, id="scrape", published="2025-03-02T07:00:00Z")
    kept, _ = clean_articles((scrape, gazette, wire), OPTS)
    assert [a.id for a in kept] == ["late", "early"]


def test_one_url_twice_keeps_its_latest_version() -> None:
    url = "https://news.example/harbour-fire"
    v1 = replace(art(f"{BODY}\n{BODY2}", id_="v1"), url=url, published="2025-03-02T08:00:00Z")
    v2 = replace(
        art(f"{BODY}\n{BODY2.replace('Wednesday', 'Thursday')}", id_="v2"),
        url=url + "?utm_source=feed",
        published="Sun, 02 Mar 2025 14:00:00 GMT",  # a correction, dated as feeds date it
    )
    kept, problems = clean_articles((v2, v1), OPTS)
    assert [a.id for a in kept] == ["v2"]
    assert [p.problem for p in problems] == ["article v1: an older version of v2 (same URL)"]
    # One URL on two unrelated texts is bad metadata, not an update: both stay.
    other = replace(art(f"{BODY2}\n{BODY2}", id_="other"), url=url)
    kept, problems = clean_articles((v1, other), OPTS)
    assert [a.id for a in kept] == ["v1", "other"] and problems == []


def test_related_but_rewritten_articles_are_not_duplicates() -> None:
    rewritten = BODY.replace("the foreign minister said", "Hayashi told CNN").replace(
        "less stable", "more dangerous"
    )
    kept, problems = clean_articles((art(BODY, "x"), art(rewritten, "y")), OPTS)
    assert [a.id for a in kept] == ["x", "y"]
    assert problems == []


def test_stage_contract() -> None:
    earlier = InputProblem("earlier", "kept")
    doc = Document(articles=(art(f"{BODY}\nExit mobile version"),), problems=(earlier,))
    out = run_stage(CLEAN, doc, OPTS)
    assert out.articles is not None
    [cleaned] = out.articles
    assert cleaned.text == BODY
    assert cleaned.raw_text == f"{BODY}\nExit mobile version"  # ingest's text is kept
    assert out.problems == (earlier,)


# --- seeds --------------------------------------------------------------------------------------

SEED_LEFTOVERS = {
    "000": [
        Removed(
            "Japan is negotiating the opening of a NATO office / © Freepik", "photo caption/credit"
        )
    ],
    "001": [Removed("Exit mobile version", "mobile/navigation leftover")],
    "002": [Removed("© 2026 Newsmax. All rights reserved.", "copyright line")],
    "003": [Removed("Leave a Reply", "comment prompt")],
    "004": [],
}


@needs_seeds
def test_seeds_clean_exactly_the_leftovers() -> None:
    articles, _ = read_inputs([str(SEEDS)], OPTS)
    kept, clean_problems = clean_articles(tuple(articles), OPTS)
    assert clean_problems == []
    by_id = {a.id[:3]: a for a in kept}
    assert sorted(by_id) == sorted(SEED_LEFTOVERS)
    for key, expected in SEED_LEFTOVERS.items():
        article = by_id[key]
        assert list(article.removed) == expected, key
        for removed in expected:
            assert removed.text not in article.text
        # No real sentence lost: every other raw line is still in the cleaned text.
        raw_lines = Path(article.path).read_text(encoding="utf-8").splitlines()
        leftovers = {r.text for r in expected} | {article.title or ""}
        for line in raw_lines:
            if line.strip() and line.strip() not in leftovers:
                assert line.strip() in article.text, (key, line)
    assert by_id["002"].source == "Newsmax"
    assert all(by_id[k].source is None for k in ("000", "001", "003", "004"))
    assert by_id["000"].text.startswith(
        "Previously, China had cautioned Japan regarding such an action.\n"
    )


def test_duplicate_index_finds_exactly_what_pairwise_comparison_finds() -> None:
    # The prefix-filter index must never miss a near-duplicate the all-pairs check would catch.
    import random

    from storydesk.clean.dedupe import NEAR_DUPLICATE_JACCARD, find_duplicates

    def shingles(text: str) -> set[tuple[str, ...]]:  # exact word 3-grams, no hashing
        w = text.split()
        return {tuple(w[i : i + 3]) for i in range(len(w) - 2)}

    def jaccard(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
        return len(a & b) / len(a | b)

    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(800)]
    bases = [[rng.choice(vocab) for _ in range(120)] for _ in range(30)]
    articles = []
    for i in range(150):
        words = list(bases[i % 30])
        for _ in range(rng.choice([0, 1, 3, 8, 20])):
            words[rng.randrange(len(words))] = rng.choice(vocab)
        articles.append(Article(id=f"a{i}", path="", text=" ".join(words)))
    kept: list[tuple[str, set[tuple[str, ...]]]] = []
    expected: set[str] = set()
    for a in articles:
        sh = shingles(a.text)
        if any(jaccard(sh, other) >= NEAR_DUPLICATE_JACCARD for _, other in kept):
            expected.add(a.id)
        else:
            kept.append((a.id, sh))
    found = find_duplicates(articles)
    assert set(found) == expected and expected


def test_unspaced_scripts_count_each_character_as_a_word() -> None:
    zh = "北约计划在东京开设联络处，这将是该组织在亚洲的第一个办事处。" * 3
    assert art(zh).words == 3 * sum(ch not in "，。" for ch in zh[: len(zh) // 3])
    assert art("Tokyo 东京 office").words == 4  # two spaced words, two characters
    assert art("한국 정부는 발표했다").words == 3  # Hangul is spaced into words
    # kept by the length check: not "1 word after cleaning"
    assert clean_article(art(zh), OPTS).words >= OPTS.min_article_words
