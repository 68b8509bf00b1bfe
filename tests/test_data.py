"""The shipped data set: data/events.toml, the article's events, holds its invariants."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import timeline
from timeline import Status

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT.parent / "shared" / "sources" / "russia-asia-article.txt"


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
def test_article_citations_quote_the_paragraphs_own_date_wording(
    events: timeline.Timeline,
) -> None:
    texts = paragraphs()
    assert len(texts) == 18
    quotes = str.maketrans({"’": "'", "“": '"', "”": '"'})

    def normalise(text: str) -> str:
        return re.sub(r"\s+", " ", text.translate(quotes)).lower()

    for event in events:
        for citation in event.citations:
            if citation.source != "article":
                continue
            match = re.fullmatch(r"paragraph (\d+)", citation.locator)
            assert match, (event.id, citation.locator)
            paragraph = texts[int(match.group(1)) - 1]
            assert citation.wording, event.id
            # "..." in a wording stands for words left out: the pieces appear in order
            pieces = [re.escape(p.strip()) for p in normalise(citation.wording).split("...")]
            assert re.search(".*".join(pieces), normalise(paragraph)), (event.id, citation)


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
