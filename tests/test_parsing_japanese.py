"""Japanese era dates (nengō) with lunisolar months and days, converted to Gregorian spans.

Expected values come from published conversions (the treaty dates) and from sanmiao's lunar
table (``sanmiao/data/lunar_table_dump.csv``, after Uchida Masao, *Nihon rekijitsu genten*):
each row gives a month's first day as a Julian day number (``nmd_jdn``) and its length
(``max_day``); the Gregorian day is ``date.fromordinal(jdn - 1721424.5)``.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import inspect
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline.parsing
from timeline import DateParseError, FuzzyDate, Precision
from timeline.parsing import japanese
from timeline.parsing._spans import End
from timeline.parsing.japanese import ERAS, Era, match_japanese

HAS_SANMIAO = importlib.util.find_spec("sanmiao") is not None
needs_sanmiao = pytest.mark.skipif(
    not HAS_SANMIAO, reason="lunar months and days need the optional package sanmiao"
)
ROUTED = "match_japanese" in inspect.getsource(timeline.parsing)
needs_routing = pytest.mark.skipif(
    not ROUTED, reason="parsing/__init__.py does not route to match_japanese yet"
)


def read(text: str) -> End:
    span = match_japanese(text.lower(), text)
    assert span is not None
    start, end = span
    assert start is not None
    assert start is end
    return start


# Gregorian New Years from sanmiao's table: 1805 month 1 nmd_jdn 2380352.5 (1805-01-31),
# 1806 month 1 2380735.5 (1806-02-18), 1807 month 1 2381089.5 (1807-02-07); Tenpō 2 (1831)
# 2389861.5 (1831-02-13) and 1832 2390215.5 (1832-02-02).
BUNKA_2 = (dt.date(1805, 1, 31), dt.date(1806, 2, 17))
BUNKA_3 = (dt.date(1806, 2, 18), dt.date(1807, 2, 6))
TENPO_2 = (dt.date(1831, 2, 13), dt.date(1832, 2, 1))


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("Bunka 3", BUNKA_3),
        ("BUNKA 3", BUNKA_3),
        ("文化3年", BUNKA_3),
        ("文化三年", BUNKA_3),
        ("文化３年", BUNKA_3),
        ("Bunka 2", BUNKA_2),
        ("Tenpō 2", TENPO_2),
        ("Tenpo 2", TENPO_2),
        ("Tempo 2", TENPO_2),
        ("Tenpou 2", TENPO_2),
        ("天保二年", TENPO_2),
    ],
)
def test_an_era_year_is_its_whole_lunisolar_year(
    text: str, bounds: tuple[dt.date, dt.date]
) -> None:
    end = read(text)
    assert (end.lo, end.hi, end.precision) == (*bounds, Precision.YEAR)


@pytest.mark.parametrize("text", ["文化元年", "文化1年", "Bunka 1", "Bunka gannen", "享和4年"])
def test_the_first_year_of_an_era_is_the_year_it_was_proclaimed(text: str) -> None:
    # Bunka was proclaimed in the lunar year 1804, which is also Kyōwa 4: New Year 1804-02-11
    # (nmd_jdn 2379997.5); 1805 began on 1805-01-31
    end = read(text)
    assert (end.lo, end.hi) == (dt.date(1804, 2, 11), dt.date(1805, 1, 30))


@needs_sanmiao
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("文化3年1月1日", dt.date(1806, 2, 18)),
        ("文化三年正月朔日", dt.date(1806, 2, 18)),
        ("Bunka 3, 1st month, 1st day", dt.date(1806, 2, 18)),
        # Convention of Kanagawa
        ("嘉永7年3月3日", dt.date(1854, 3, 31)),
        ("嘉永七年三月三日", dt.date(1854, 3, 31)),
        ("Kaei 7, 3rd month, 3rd day", dt.date(1854, 3, 31)),
        # Harris Treaty
        ("安政5年6月19日", dt.date(1858, 7, 29)),
        ("Ansei 5 6th month 19th day", dt.date(1858, 7, 29)),
        # Restoration of imperial rule: Yoshinobu returns power
        ("慶応3年10月14日", dt.date(1867, 11, 9)),
        ("Keiō 3, 10th month, 14th day", dt.date(1867, 11, 9)),
        # Bunka 3, 4th month: nmd_jdn 2380824.5 (1806-05-18), 30 days
        ("文化3年4月10日", dt.date(1806, 5, 27)),
        ("Bunka 3, 4th month, 10th day", dt.date(1806, 5, 27)),
        ("文化3年4月晦日", dt.date(1806, 6, 16)),
        # the last day of the lunar calendar: Meiji 5, 12th month, 2nd day
        ("明治5年12月2日", dt.date(1872, 12, 31)),
    ],
)
def test_a_lunar_day_is_its_gregorian_day(text: str, day: dt.date) -> None:
    end = read(text)
    assert (end.lo, end.hi, end.precision) == (day, day, Precision.DAY)


@needs_sanmiao
@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("文化3年4月", dt.date(1806, 5, 18), dt.date(1806, 6, 16)),
        ("Bunka 3, 4th month", dt.date(1806, 5, 18), dt.date(1806, 6, 16)),
        # Bunka 2 had an intercalary 8th month: nmd_jdn 2380587.5 (1805-09-23), 29 days
        ("文化2年閏8月", dt.date(1805, 9, 23), dt.date(1805, 10, 21)),
        ("Bunka 2, intercalary 8th month", dt.date(1805, 9, 23), dt.date(1805, 10, 21)),
        ("Bunka 2, leap 8th month", dt.date(1805, 9, 23), dt.date(1805, 10, 21)),
        # its ordinary 8th month: nmd_jdn 2380557.5 (1805-08-24), 30 days
        ("文化2年8月", dt.date(1805, 8, 24), dt.date(1805, 9, 22)),
    ],
)
def test_a_lunar_month_is_its_gregorian_span(text: str, first: dt.date, last: dt.date) -> None:
    end = read(text)
    assert (end.lo, end.hi, end.precision) == (first, last, Precision.MONTH)


@pytest.mark.parametrize(
    ("text", "bounds", "precision"),
    [
        ("明治6年", (dt.date(1873, 1, 1), dt.date(1873, 12, 31)), Precision.YEAR),
        ("Meiji 10, 2nd month", (dt.date(1877, 2, 1), dt.date(1877, 2, 28)), Precision.MONTH),
        ("明治10年2月15日", (dt.date(1877, 2, 15), dt.date(1877, 2, 15)), Precision.DAY),
        ("明治45年", (dt.date(1912, 1, 1), dt.date(1912, 7, 29)), Precision.YEAR),
    ],
)
def test_meiji_6_and_later_are_gregorian(
    text: str, bounds: tuple[dt.date, dt.date], precision: Precision
) -> None:
    end = read(text)
    assert (end.lo, end.hi, end.precision) == (*bounds, precision)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Bunkya 3", "did you mean Bunka"),
        ("Foo 3, 4th month", r"from Keichō \(1596\) to Meiji"),
        ("乾隆3年", "'乾隆' is not an era this library knows"),
        ("文化16年", "had 15 years, the last in 1818"),
        ("Bunka 16", "had 15 years, the last in 1818"),
        ("文化0年", "expected a year from 1 to 15"),
        ("明治46年", "had 45 years, the last in 1912"),
        ("明治45年8月", "ended on 29 July 1912"),
        ("明治6年閏4月", "without intercalary months"),
    ],
)
def test_an_era_date_that_does_not_exist_is_refused(text: str, said: str) -> None:
    with pytest.raises(DateParseError, match=said) as error:
        match_japanese(text.lower(), text)
    assert error.value.text == text


@needs_sanmiao
@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("文化3年4月31日", "had 30 days; expected a day from 1 to 30"),
        ("文化3年閏4月", "no intercalary month 4"),
        ("Bunka 3, 13th month", "no month 13"),
        ("明治5年12月3日", "lunar calendar ended"),
    ],
)
def test_a_lunar_day_or_month_that_did_not_exist_is_refused(text: str, said: str) -> None:
    with pytest.raises(DateParseError, match=said):
        match_japanese(text.lower(), text)


@pytest.mark.parametrize(
    "text", ["May 3", "spring 45", "1806", "7 May 1875", "circa 12", "the 1870s", "1806年"]
)
def test_text_that_is_not_an_era_date_is_left_to_other_parsers(text: str) -> None:
    assert match_japanese(text.lower(), text) is None


def test_without_sanmiao_a_month_is_kept_as_its_year_and_a_warning_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(japanese, "_lunar_table", lambda: None)
    with pytest.warns(UserWarning, match="needs the optional package sanmiao"):
        end = read("嘉永7年3月3日")
    assert (end.lo, end.hi, end.precision) == (
        dt.date(1854, 1, 29),  # nmd_jdn 2398247.5
        dt.date(1855, 2, 16),  # the day before 1855's New Year, nmd_jdn 2398631.5 (1855-02-17)
        Precision.YEAR,
    )


@needs_sanmiao
def test_the_built_in_tables_agree_with_sanmiao() -> None:
    from sanmiao.loaders import load_csv

    eras = load_csv("era_table.csv")
    japan = eras[eras["cal_stream"] == 4]
    for era in ERAS:
        rows = japan[japan["era_name"].isin(era.kanji)]
        assert set(rows["era_start_year"]) == {era.first_year}, era.kanji
        assert set(rows["max_year"]) == {era.years}, era.kanji
    months = japanese._lunar_table()
    assert months is not None
    for year in range(1596, 1873):
        first = months[year][0]
        assert first.number == 1 and not first.intercalary
        assert dt.date.fromordinal(first.first) == japanese._year_span(year).lo


def _era_years(year: int) -> list[tuple[Era, int]]:
    return [
        (era, year - era.first_year + 1)
        for era in ERAS
        if era.first_year <= year < era.first_year + era.years
    ]


def _written(era: Era, number: int, kanji: bool) -> str:
    return f"{era.kanji[0]}{number}年" if kanji else f"{era.romaji[0]} {number}"


@st.composite
def consecutive_era_years(draw: st.DrawFn) -> tuple[str, str]:
    """Two era years (romanized or kanji) of consecutive lunar years in 1600-1872."""
    year = draw(st.integers(1600, 1871))
    first = draw(st.sampled_from(_era_years(year)))
    second = draw(st.sampled_from(_era_years(year + 1)))
    return (_written(*first, draw(st.booleans())), _written(*second, draw(st.booleans())))


@settings(max_examples=100)
@given(consecutive_era_years())
def test_era_years_are_ordered_lunar_years_that_abut(pair: tuple[str, str]) -> None:
    first, second = (read(text) for text in pair)
    for end in (first, second):
        assert end.lo <= end.hi
        # 12 or 13 months of 29 or 30 days: 353 to 385 days (sanmiao's table has one year of
        # 353 days, Kanpō 4 = Enkyō 1, 1744); Meiji 5 was cut short by the Gregorian reform
        assert 353 <= (end.hi - end.lo).days + 1 <= 385 or end.hi == dt.date(1872, 12, 31)
    assert first.hi + dt.timedelta(days=1) == second.lo


def test_every_era_year_of_the_table_converts() -> None:
    for era in ERAS:
        for number in range(1, min(era.years, 1872 - era.first_year + 1) + 1):
            assert read(_written(era, number, kanji=True)) == read(_written(era, number, False))


@needs_routing
@needs_sanmiao
def test_fuzzy_date_parse_reads_an_era_date() -> None:
    date = FuzzyDate.parse("嘉永7年3月3日")
    assert (date.core_earliest, date.core_latest) == (dt.date(1854, 3, 31), dt.date(1854, 3, 31))
    assert date.precision is Precision.DAY


@needs_routing
def test_fuzzy_date_parse_reads_an_era_year() -> None:
    date = FuzzyDate.parse("Bunka 3")
    assert (date.core_earliest, date.core_latest) == BUNKA_3
    assert date.precision is Precision.YEAR


def test_the_romanized_names_do_not_collide() -> None:
    names = [japanese._romaji_key(n) for era in ERAS for n in era.romaji]
    assert len(names) == len(set(names))
    assert not any(a == b for a, b in itertools.combinations(ERAS, 2))


@pytest.mark.parametrize("text", ["文化3年13月1日", "文化3年9月31日", "Bunka 3, 14th month"])
def test_without_sanmiao_a_day_no_lunar_calendar_has_is_still_refused(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setattr(japanese, "_lunar_table", lambda: None)
    with pytest.raises(DateParseError, match="lunar month"):
        read(text)
