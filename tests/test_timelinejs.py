"""TimelineJS3 JSON: every event becomes a slide whose fuzzy dates are said, not hidden, and
slides are read back; text from data never runs as HTML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import timeline
from timeline import Event, Timeline, ValidationError
from timeline.io.timelinejs import from_timelinejs, loads_timelinejs, to_timelinejs

ROOT = Path(__file__).resolve().parent.parent


def test_every_event_of_the_data_set_becomes_a_slide_with_its_label() -> None:
    tl = timeline.load(ROOT / "data" / "events.toml")
    data = to_timelinejs(tl, title="Russia is Making a Move in Asia")
    slides = data["events"]
    assert [s["unique_id"] for s in slides] == [e.id for e in tl]
    assert [s["display_date"] for s in slides] == [e.date_label() for e in tl]
    json.dumps(data)  # plain JSON


def test_a_fuzzy_date_is_said_in_the_slide_not_drawn_as_certain() -> None:
    tl = Timeline(
        [
            Event(id="a", title="A", start="c. 1875"),
            Event(id="b", title="B", start="the 1870s"),
            Event(id="c", title="C", start="before 1600"),
        ]
    )
    slides = {s["unique_id"]: s for s in to_timelinejs(tl)["events"]}
    assert slides["a"]["display_date"] == "c. 1875"
    assert "EDTF 1875~" in slides["a"]["text"]["text"]
    assert "between 1874-01-01 and 1876-12-31" in slides["a"]["text"]["text"]
    # a decade runs over its years rather than standing on 1 January 1870
    assert (slides["b"]["start_date"], slides["b"]["end_date"]) == ({"year": 1870}, {"year": 1879})
    assert slides["c"]["display_date"] == "before 1600"
    assert "between open and 1599-12-31" in slides["c"]["text"]["text"]


def test_text_from_data_is_escaped_in_slides() -> None:
    tl = Timeline([Event(id="x", title="<script>alert(1)</script>", start="1875",
                         description="<img src=x onerror=alert(1)>")])  # fmt: skip
    slide = to_timelinejs(tl)["events"][0]
    assert "<script>" not in slide["text"]["headline"]
    assert "<img" not in slide["text"]["text"]


def test_slides_of_another_period_read_back() -> None:
    # written from scratch: the Meiji Restoration, as a journalist's TimelineJS sheet
    data = {
        "title": {"text": {"headline": "Meiji Restoration"}},
        "events": [
            {"start_date": {"year": "1868", "month": "1", "day": "3"},
             "text": {"headline": "Restoration of imperial rule", "text": "<p>Kyoto</p>"},
             "group": "politics", "unique_id": "restoration"},
            {"start_date": {"year": 1868, "month": 1}, "end_date": {"year": 1869, "month": 6},
             "text": {"headline": "Boshin War"}, "group": "war"},
            {"start_date": {"year": 1871}, "text": {"headline": "Abolition of the han"}},
        ],
        "eras": [{"start_date": {"year": 1868}, "end_date": {"year": 1912},
                  "text": {"headline": "Meiji era"}}],
    }  # fmt: skip
    tl = from_timelinejs(data)
    assert [e.id for e in tl] == ["boshin-war", "restoration", "abolition-of-the-han"]
    assert tl["boshin-war"].date_label() == "January 1868 to June 1869"
    assert tl["restoration"].description == "Kyoto"
    assert tl.eras[0].title == "Meiji era"
    # and what it exports reads back to the same days for dates that are not fuzzy
    again = loads_timelinejs(json.dumps(to_timelinejs(tl)))
    for event in tl:
        assert (again[event.id].earliest, again[event.id].latest) == (event.earliest, event.latest)


def test_every_bad_slide_is_reported_at_once() -> None:
    data = {"events": [{"text": {"headline": "no date"}}, "not a slide",
                       {"start_date": {"year": "MDCCC"}}]}  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        from_timelinejs(data, name="sheet.json")
    assert len(caught.value.problems) == 3
    assert "sheet.json" in str(caught.value)
    with pytest.raises(ValidationError, match="valid JSON"):
        loads_timelinejs("{not json")


def test_the_spreadsheet_csv_holds_the_same_slides_as_the_json() -> None:
    from timeline.io.timelinejs import loads_timelinejs_csv, to_timelinejs_csv

    tl = Timeline(
        [
            Event(id="a", title="Siege of Vienna", start="14 July 1683", end="12 September 1683"),
            Event(id="b", title="Treaty of Karlowitz", start="January 1699", kind="treaty"),
            Event(id="c", title="Rákóczi's War", start="1703", end="1711", kind="war"),
        ],
        eras=[],
    )
    text = to_timelinejs_csv(tl, title="The Great Turkish War")
    header, title_row, *_ = text.splitlines()
    assert header.startswith("Year,Month,Day,Time,End Year,End Month,End Day,End Time,")
    assert title_row.split(",")[9:16] == ["The Great Turkish War", "", "", "", "", "", "title"]
    back = loads_timelinejs_csv(text)
    # ids are made from the headlines (the template has no id column); dates and kinds return

    def seen(t: Timeline) -> list[tuple[str, str, str | None, str]]:
        return [(e.title, e.start.to_edtf(), e.end.to_edtf() if e.end else None, e.kind) for e in t]

    assert seen(back) == seen(tl) == seen(from_timelinejs(to_timelinejs(tl)))
    assert [e.id for e in back] == ["siege-of-vienna", "treaty-of-karlowitz", "rakoczi-s-war"]


def test_a_spreadsheet_cell_never_runs_as_a_formula() -> None:
    from timeline.io.timelinejs import loads_timelinejs_csv, to_timelinejs_csv

    tl = Timeline([Event(id="x", title='=HYPERLINK("http://evil")', start="1700", kind="+cmd")])
    text = to_timelinejs_csv(tl)
    cells = [cell for line in text.splitlines()[1:] for cell in line.split(",")]
    assert not any(cell.lstrip('"')[:1] in "=+-@" and cell for cell in cells)
    # TimelineJS shows the entity as the character; reading the sheet back gives the text
    assert [e.title for e in loads_timelinejs_csv(text)] == ['=HYPERLINK("http://evil")']


def test_every_bad_row_of_a_sheet_is_reported_by_its_row_number() -> None:
    from timeline.io.timelinejs import loads_timelinejs_csv

    text = "Year,Month,Day,Headline,Type\n1700,13,,Bad month,\n,,,No year,\n1701,,,Fine,\n"
    with pytest.raises(ValidationError) as caught:
        loads_timelinejs_csv(text, name="sheet.csv")
    message = str(caught.value)
    assert "sheet.csv" in message
    assert "row 2" in message and "'Year'" in message and "1700-13" in message
    assert "row 3" in message
    with pytest.raises(ValidationError, match="Headline"):
        loads_timelinejs_csv("Date,Title\n1700,x\n", name="other.csv")


def test_a_fuzzy_date_survives_a_trip_through_timelinejs_by_its_display_date() -> None:
    tl = Timeline(
        [
            Event(id="a", title="Karlowitz", start="c. 1699"),
            Event(id="b", title="Azov", start="summer 1696?", end="1697"),
            Event(id="c", title="Pruth", start="before 1711"),
        ]
    )
    back = from_timelinejs(to_timelinejs(tl))
    assert [(e.start.to_edtf(), e.end and e.end.to_edtf()) for e in back] == [
        (e.start.to_edtf(), e.end and e.end.to_edtf()) for e in tl
    ]
    # a display date that disagrees with the fields, or is not a date, is not used
    slides = [
        {"start_date": {"year": 1700}, "display_date": "c. 1650", "text": {"headline": "x"}},
        {"start_date": {"year": 1700}, "display_date": "Year of the Horse", "text": {}},
    ]
    assert [e.start.to_edtf() for e in from_timelinejs({"events": slides})] == ["1700", "1700"]


def test_a_slide_says_every_field_timelinejs_has_no_place_for_and_runs_none_of_it() -> None:
    event = Event(
        id="magdeburg",
        title="Sack of Magdeburg",
        start="20 May 1631",
        kind="<img src=x onerror=alert(1)>",
        status="disputed",
        actors=("Tilly", "Pappenheim"),
        places=("Magdeburg",),
        tags=("siege",),
        note="Death toll <b>disputed</b>",
    )
    slide = to_timelinejs(Timeline([event]))["events"][0]
    text = slide["text"]["text"]
    for said in ("status: disputed", "actors: Tilly; Pappenheim", "places: Magdeburg"):
        assert said in text
    assert "tags: siege" in text and "note: Death toll &lt;b&gt;disputed&lt;/b&gt;" in text
    # TimelineJS writes a group's name as HTML: the kind is escaped
    assert slide["group"] == "&lt;img src=x onerror=alert(1)&gt;"
    back = from_timelinejs(to_timelinejs(Timeline([event])))
    assert back["magdeburg"].kind == event.kind


def test_ids_made_from_headlines_drop_accents_and_count_repeats() -> None:
    slides = [
        {"start_date": {"year": 1632}, "text": {"headline": "Battle of Lützen"}},
        {"start_date": {"year": 1813}, "text": {"headline": "Battle of Lützen"}},
        {"start_date": {"year": 1813}, "text": {"headline": "Battle of Lützen"}},
    ]
    ids = [e.id for e in from_timelinejs({"events": slides})]
    assert sorted(ids) == ["battle-of-lutzen", "battle-of-lutzen-2", "battle-of-lutzen-3"]


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ({"year": 1620.7}, "a whole number for 'year'"),
        ({"year": True}, "a whole number for 'year'"),
        ({"year": "16x0"}, "a whole number for 'year'"),
        ({"year": 1620, "day": 5}, "a day only with the fields above it"),
    ],
)
def test_a_slide_date_of_the_wrong_type_is_refused_not_truncated(
    date: dict[str, object], expected: str
) -> None:
    slides = [{"start_date": date, "text": {"headline": "x"}}, {"start_date": {"year": 1}}]
    slides.append({"start_date": {"year": 1621}, "text": "not a table"})
    with pytest.raises(ValidationError) as caught:
        from_timelinejs({"events": slides}, name="story.json")
    found = [(p.where, p.field) for p in caught.value.problems]
    assert found == [("slide #1", "start_date"), ("slide #3", "text")]
    assert expected in str(caught.value)


def test_a_sheet_with_a_cell_over_the_csv_limit_is_a_validation_error() -> None:
    from timeline.io.timelinejs import loads_timelinejs_csv

    text = 'Year,Headline\n1620,"' + "x" * 200_000 + '"\n'
    with pytest.raises(ValidationError, match="each cell of at most"):
        loads_timelinejs_csv(text, name="big.csv")


def test_the_group_is_the_lane_the_figure_draws_the_event_in() -> None:
    tl = Timeline(
        [
            Event(id="a", title="Treaty", start="1648", kind="treaty", actors=("Sweden", "France")),
            Event(id="b", title="Battle", start="1632", kind="battle", actors=("Sweden",)),
            Event(id="c", title="Unknown", start="1630"),
        ]
    )
    by_kind = {s["unique_id"]: s.get("group") for s in to_timelinejs(tl)["events"]}
    assert by_kind == {"a": "treaty", "b": "battle", "c": None}
    by_actor = {s["unique_id"]: s.get("group") for s in to_timelinejs(tl, lanes="actor")["events"]}
    assert by_actor == {"a": "Sweden; France", "b": "Sweden", "c": "(no actor)"}


def test_an_event_with_no_known_day_is_left_out_and_said_never_put_in_year_1() -> None:
    from timeline import FuzzyDate, LossyExportWarning

    unknown = FuzzyDate.parse("../..", form="edtf")
    tl = Timeline(
        [
            Event(id="lost", title="Lost", start=unknown),
            Event(id="ended", title="Ended", start=unknown, end="1650"),
            Event(id="kept", title="Kept", start="1640"),
        ]
    )
    with pytest.warns(LossyExportWarning, match="left out: lost"):
        slides = to_timelinejs(tl)["events"]
    by_id = {s["unique_id"]: s for s in slides}
    assert sorted(by_id) == ["ended", "kept"]
    # an unknown start with a known end stands where it is first known, its label saying so
    assert by_id["ended"]["start_date"] == {"year": 1650}
    assert all(s["start_date"] != {"year": 1} for s in slides)
