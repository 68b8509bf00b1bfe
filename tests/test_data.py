"""The shipped data set: data/events.toml (the article's events) and data/record.toml (the
record) hold their invariants."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

import timeline
from timeline import Status

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT.parent / "shared" / "sources" / "russia-asia-article.txt"
DATA_FILES = ("events.toml", "record.toml")


@pytest.fixture(scope="module")
def events() -> timeline.Timeline:
    return timeline.load(ROOT / "data" / "events.toml")


def paragraphs() -> list[str]:
    """The article's paragraphs, numbered from 1 after the headline; subheadings not counted."""
    blocks = [b.strip() for b in ARTICLE.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    return [b for b in blocks[1:] if b != "Military Upgrades"]


def test_at_least_fifteen_events_citing_the_article(events: timeline.Timeline) -> None:
    cited = [e for e in events if any(c.source == "article" for c in e.citations)]
    assert len(cited) >= 15


def test_ids_are_unique_and_every_citation_resolves(events: timeline.Timeline) -> None:
    ids = [e.id for e in events]
    assert len(ids) == len(set(ids))
    source_ids = {s.id for s in events.sources}
    for event in events:
        assert event.citations, event.id
        for citation in event.citations:
            assert citation.source in source_ids


def test_the_article_has_a_fuzzy_publication_date(events: timeline.Timeline) -> None:
    published = events.source("article").published
    assert published is not None
    assert published.earliest is not None and published.latest is not None
    assert published.earliest < published.latest


@pytest.mark.skipif(not ARTICLE.exists(), reason="the shared article is not beside this checkout")
@pytest.mark.parametrize("name", DATA_FILES)
def test_article_wordings_are_the_cited_paragraphs_own_words_byte_for_byte(name: str) -> None:
    texts = paragraphs()
    assert len(texts) == 18
    for event in timeline.load(ROOT / "data" / name):
        for citation in event.citations:
            if citation.source != "article":
                continue
            match = re.fullmatch(r"paragraph (\d+)", citation.locator)
            assert match, (event.id, citation.locator)
            assert citation.wording, event.id
            # no normalising: straight quotes for curly ones, or "..." for words left out,
            # are not the article's words
            assert citation.wording in texts[int(match.group(1)) - 1], (event.id, citation)


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_source_records_its_language(name: str) -> None:
    with (ROOT / "data" / name).open("rb") as file:
        tables = tomllib.load(file)["sources"]
    assert [t["id"] for t in tables if "language" not in t] == []


# English month and weekday names: the usual sign that a date was put in our words
_ENGLISH_DATE_WORDS = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)",
    re.IGNORECASE,
)
# the script a wording in these languages is written in, where it is not the Latin one
_SCRIPTS = {
    "ru": re.compile(r"[\u0400-\u04ff]"),
    "uk": re.compile(r"[\u0400-\u04ff]"),
    "ja": re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]"),
    "zh": re.compile(r"[\u4e00-\u9fff]"),
}


@pytest.mark.parametrize("name", DATA_FILES)
def test_a_wording_of_a_source_not_in_english_is_not_given_in_english(name: str) -> None:
    tl = timeline.load(ROOT / "data" / name)
    for event in tl:
        for citation in event.citations:
            language = tl.source(citation.source).language.split("-")[0]
            if language == "en" or not citation.wording:
                continue
            where = (event.id, citation.source, citation.wording)
            assert not _ENGLISH_DATE_WORDS.search(citation.wording), where
            script = _SCRIPTS.get(language)
            if script is not None and any(c.isalpha() for c in citation.wording):
                assert script.search(citation.wording), where


# seven words in a row taken from the article are a copied phrase, not our own words (names
# and figures such as "more than 20,000 Ukrainian military" run to six)
_COPIED_RUN = 7
_PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def _words(text: str) -> list[str]:
    """Lowercase words, quotes and dashes made plain, so a copy is found whatever its typography."""
    return re.findall(r"[a-z0-9']+", text.translate(_PLAIN).lower())


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + _COPIED_RUN]) for i in range(len(words) - _COPIED_RUN + 1)}


@pytest.mark.skipif(not ARTICLE.exists(), reason="the shared article is not beside this checkout")
@pytest.mark.parametrize("name", DATA_FILES)
def test_events_are_told_in_our_own_words_only_wordings_quote_the_article(name: str) -> None:
    article = _runs(_words(ARTICLE.read_text(encoding="utf-8")))
    for event in timeline.load(ROOT / "data" / name):
        for field in ("title", "description", "note"):
            copied = _runs(_words(getattr(event, field))) & article
            assert not copied, (event.id, field, sorted(" ".join(run) for run in copied))


# events the two files tell differently on purpose (record.toml's header says why)
_TOLD_DIFFERENTLY = frozenset({"sakhalin-kurils-1875", "eastern-weaponry-400-claim"})


def test_an_event_in_both_files_is_told_the_same_way_in_both() -> None:
    article, record = (
        {
            table["id"]: table
            for table in tomllib.loads((ROOT / "data" / name).read_text(encoding="utf-8"))["events"]
        }
        for name in DATA_FILES
    )
    shared = article.keys() & record.keys()
    assert shared >= _TOLD_DIFFERENTLY
    for ident in sorted(shared - _TOLD_DIFFERENTLY):
        told = [{k: v for k, v in t[ident].items() if k != "citations"} for t in (article, record)]
        assert told[0] == told[1], ident


def test_disputed_claims_have_a_note_and_a_record_account(events: timeline.Timeline) -> None:
    disputed = [e for e in events if e.status is Status.DISPUTED]
    assert len(disputed) >= 3
    assert all(e.note for e in disputed)
    record_only = [e for e in events if all(c.source != "article" for c in e.citations)]
    assert any("1875" in str(e.earliest) for e in record_only)


def test_relative_dates_are_resolved_against_the_publication_date(
    events: timeline.Timeline,
) -> None:
    published = events.source("article").published
    assert published is not None
    relative = [e for e in events if e.start.reference is not None]
    assert relative
    assert all(e.start.reference == published for e in relative)


def test_the_data_file_is_in_canonical_form_after_a_round_trip(events: timeline.Timeline) -> None:
    assert timeline.loads(timeline.dumps(events)) == events


def test_a_japanese_calendar_date_is_read_as_the_gregorian_day_it_names() -> None:
    # 文化3年9月11日, the Sakhalin raid, is 22 October 1806 (the Gregorian day Japanese
    # accounts give it, "1806年10月22日"), not 11 September 1806; days need sanmiao's tables
    pytest.importorskip("sanmiao")
    raids = timeline.load(ROOT / "data" / "record.toml")["khvostov-raids"]
    assert raids.start.text == "文化3年9月11日"
    assert (str(raids.start.earliest), str(raids.start.latest)) == ("1806-10-22", "1806-10-22")
