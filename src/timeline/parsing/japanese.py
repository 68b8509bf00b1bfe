"""Japanese dates of the Edo period: an era year (nengō), with a lunisolar month and day.

Until the end of 1872 Japan counted years by era names and months by the moon. A year of an era
(``Bunka 3``, ``文化3年``, ``文化三年``) is the whole lunisolar year: from the Gregorian day of its
New Year (1 January of the lunar calendar) to the day before the next New Year, 353 to 385 days,
at `Precision.YEAR` (``Bunka 3`` is 18 February 1806 to 6 February 1807). An era's first year
is written ``1``, ``元`` or ``gannen``. The year an era was proclaimed belongs to both eras
(``Kyōwa 4`` and ``Bunka 1`` are the same lunar year, 1804); each is read as the whole year.

A lunar month (``Bunka 3, 4th month``, ``文化3年4月``, ``正月`` for the first month) is the
Gregorian span of that month at `Precision.MONTH`, and a day (``Bunka 3, 4th month, 10th
day``, ``文化3年4月10日``) the Gregorian day at `Precision.DAY`. An intercalary month is
``intercalary 8th month`` (or ``leap 8th month``) and ``閏8月``. Days are 1 to 29 or 30 as the
month had; ``朔`` is the first day and ``晦`` the last. Commas in the romanized form are
optional.

Eras are those from Keichō (1596) to Meiji. Romanized names are read without regard to case,
macrons, apostrophes or hyphens, and with ``m`` or ``n`` before ``p``, ``b`` and ``m``:
``Tenpō``, ``Tenpo``, ``Tempo`` and ``Tenpou`` are one era; ``Kan'ei``, ``Kan-ei`` and
``Kanei`` another. Meiji 1 to 5 are lunisolar; Meiji 5 ended on its 12th month, 2nd day
(31 December 1872), and Meiji 6 is the Gregorian year 1873, with Gregorian months and days.

Sources: the New Year days of 1596-1872 are built in (taken from sanmiao's tables), so era
years need nothing else. Months and days come from the optional package sanmiao, whose tables
follow Uchida Masao, *Nihon rekijitsu genten* (1975). Without sanmiao a month or a day cannot be
converted exactly: the date is kept as its era year, and a `UserWarning` says so.

Refused with `DateParseError`: an era this module does not know (the message lists those it
does), a year past the era's last, a month or intercalary month the year did not have, a day
the month did not have. Text that is not an era date at all gives None, for other parsers.

>>> start, end = match_japanese("文化3年", "文化3年")
>>> start is not None and (start.lo.isoformat(), start.hi.isoformat(), str(start.precision))
('1806-02-18', '1807-02-06', 'year')
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
import warnings
from typing import Final, NamedTuple

from timeline.dates import Date, Precision
from timeline.errors import DateParseError
from timeline.parsing._spans import End, Span, day_end, make_date, month_end, year_end

__all__ = ["ERAS", "Era", "match_japanese"]


class Era(NamedTuple):
    """A Japanese era: its names, the Gregorian year its first year began in, its length."""

    kanji: tuple[str, ...]
    """The era's name in kanji, the common form first (then older or variant forms)."""
    romaji: tuple[str, ...]
    """The era's name romanized, the Hepburn form with macrons first (then other spellings)."""
    first_year: int
    years: int


ERAS: Final = (
    Era(("慶長",), ("Keichō",), 1596, 20),
    Era(("元和",), ("Genna", "Genwa"), 1615, 10),
    Era(("寛永",), ("Kan'ei",), 1624, 21),
    Era(("正保",), ("Shōhō",), 1644, 5),
    Era(("慶安",), ("Keian",), 1648, 5),
    Era(("承応", "承應"), ("Jōō", "Shōō"), 1652, 4),
    Era(("明暦", "明曆"), ("Meireki",), 1655, 4),
    Era(("万治", "萬治"), ("Manji",), 1658, 4),
    Era(("寛文",), ("Kanbun",), 1661, 13),
    Era(("延宝", "延寶"), ("Enpō",), 1673, 9),
    Era(("天和",), ("Tenna", "Tenwa"), 1681, 4),
    Era(("貞享",), ("Jōkyō",), 1684, 5),
    Era(("元禄", "元祿"), ("Genroku",), 1688, 17),
    Era(("宝永", "寶永"), ("Hōei",), 1704, 8),
    Era(("正徳", "正德"), ("Shōtoku",), 1711, 6),
    Era(("享保",), ("Kyōhō",), 1716, 21),
    Era(("元文",), ("Genbun",), 1736, 6),
    Era(("寛保",), ("Kanpō",), 1741, 4),
    Era(("延享",), ("Enkyō",), 1744, 5),
    Era(("寛延",), ("Kan'en",), 1748, 4),
    Era(("宝暦", "寶曆"), ("Hōreki",), 1751, 14),
    Era(("明和",), ("Meiwa",), 1764, 9),
    Era(("安永",), ("An'ei",), 1772, 10),
    Era(("天明",), ("Tenmei",), 1781, 9),
    Era(("寛政",), ("Kansei",), 1789, 13),
    Era(("享和",), ("Kyōwa",), 1801, 4),
    Era(("文化",), ("Bunka",), 1804, 15),
    Era(("文政",), ("Bunsei",), 1818, 13),
    Era(("天保",), ("Tenpō",), 1830, 15),
    Era(("弘化",), ("Kōka",), 1844, 5),
    Era(("嘉永",), ("Kaei",), 1848, 7),
    Era(("安政",), ("Ansei",), 1854, 7),
    Era(("万延", "萬延"), ("Man'en",), 1860, 2),
    Era(("文久",), ("Bunkyū",), 1861, 4),
    Era(("元治",), ("Genji",), 1864, 2),
    Era(("慶応", "慶應"), ("Keiō",), 1865, 4),
    Era(("明治",), ("Meiji",), 1868, 45),
)
"""The eras from Keichō to Meiji, in order (from sanmiao's era table, cross-checked in tests)."""

_FIRST_LUNAR: Final = 1596
_LAST_LUNAR: Final = 1872
_REFORM_DAY: Final = 2  # Meiji 5, 12th month, 3rd day became 1 January 1873
_MEIJI_LAST_DAY: Final = (1912, 7, 29)

# The Gregorian day of each lunar New Year 1596-1872, as days after 1 January: the first day
# of the first month in sanmiao's table (Uchida), so that era years need no library.
_NEW_YEAR: Final = (
    29, 47, 36, 26, 45, 33, 52, 41, 30, 48, 37, 27, 46, 35, 24, 43, 32, 50, 39, 28,  # 1596
    47, 36, 26, 45, 34, 52, 41, 30, 49, 37, 27, 46, 35, 24, 42, 31, 50, 39, 28, 48,  # 1616
    37, 25, 44, 33, 52, 40, 30, 49, 38, 27, 46, 35, 24, 42, 31, 50, 40, 28, 47, 37,  # 1636
    26, 43, 33, 52, 41, 30, 49, 38, 27, 45, 34, 23, 42, 31, 50, 40, 29, 47, 36, 25,  # 1656
    44, 32, 51, 41, 31, 49, 38, 27, 46, 34, 23, 42, 32, 20, 39, 28, 47, 35, 24, 43,  # 1676
    33, 22, 41, 30, 49, 38, 27, 46, 35, 24, 43, 33, 22, 40, 29, 47, 37, 25, 45, 34,  # 1696
    24, 41, 30, 49, 38, 27, 46, 35, 25, 43, 32, 21, 40, 28, 47, 37, 26, 44, 34, 23,  # 1716
    42, 30, 49, 38, 28, 46, 35, 25, 44, 31, 50, 40, 29, 47, 37, 26, 45, 33, 22, 41,  # 1736
    30, 48, 38, 28, 47, 35, 24, 43, 32, 50, 39, 29, 48, 37, 26, 45, 34, 22, 41, 30,  # 1756
    49, 38, 27, 46, 35, 23, 42, 32, 21, 39, 29, 48, 37, 25, 44, 33, 23, 41, 30, 49,  # 1776
    39, 27, 46, 35, 24, 43, 33, 22, 41, 30, 48, 37, 27, 44, 34, 24, 43, 31, 50, 39,  # 1796
    28, 46, 35, 25, 44, 33, 22, 41, 30, 48, 37, 26, 45, 34, 24, 43, 32, 50, 39, 28,  # 1816
    47, 35, 25, 44, 33, 22, 40, 29, 48, 37, 26, 45, 35, 23, 42, 31, 20, 38, 28, 47,  # 1836
    36, 25, 44, 33, 22, 40, 29, 48, 38, 26, 45, 35, 24, 41, 31, 49, 39,  # 1856
)  # fmt: skip

_ORDINAL_OF_JDN: Final = 1721424.5  # a Julian day number at midnight minus a date's ordinal


def _without_marks(text: str) -> str:
    """Text without its diacritics: ``tenpō`` becomes ``tenpo``."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _romaji_key(name: str) -> str:
    """A romanized name reduced to what every spelling of it shares."""
    plain = re.sub(r"['’\-\s]", "", _without_marks(name.lower()))
    plain = re.sub(r"m(?=[pbm])", "n", plain)
    return re.sub(r"ou|oo", "o", plain).replace("uu", "u")


_BY_KANJI: Final = {kanji: era for era in ERAS for kanji in era.kanji}
_BY_ROMAJI: Final = {_romaji_key(name): era for era in ERAS for name in era.romaji}
_EXPECTED: Final = (
    "an era year such as 'Bunka 3' or '文化3年', with a lunar month and day such as "
    "'Bunka 3, 4th month, 10th day' or '文化3年4月10日', of an era from Keichō (1596) to "
    "Meiji: " + ", ".join(f"{era.romaji[0]} ({era.kanji[0]})" for era in ERAS)
)

_NUMBER: Final = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_KANJI: Final = re.compile(
    rf"""
    (?P<era>[\u3400-\u9fff]{{2,4}}?)\s*(?P<year>元|{_NUMBER})\s*年
    (?:\s*(?P<leap>閏)?\s*(?P<month>正|{_NUMBER})\s*月
        (?:\s*(?P<day>朔|晦|{_NUMBER})\s*日?)?
    )?
    """,
    re.VERBOSE,
)
_ROMAJI: Final = re.compile(
    r"""
    (?P<era>[a-z]+(?:['’\-][a-z]+)?)\s+(?P<year>\d{1,2}|gannen)
    (?:,?\s+(?P<leap>(?:intercalary|leap)\s+)?(?P<month>\d{1,2})(?:st|nd|rd|th)\s+month
        (?:,?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)\s+day)?
    )?
    """,
    re.VERBOSE,
)
_DIGITS: Final = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}


def _number(written: str) -> int:
    """A number written in digits or in kanji numerals up to 99 (十, 二十, 二十九, 元 is 1)."""
    if written.isdigit():
        return int(written)
    if written in ("元", "正", "朔"):
        return 1
    tens, _, units = written.rpartition("十")
    if "十" not in written:
        return _DIGITS[written] if len(written) == 1 else -1
    value = (_DIGITS.get(tens, -1) if tens else 1) * 10 + (_DIGITS.get(units, -1) if units else 0)
    return value if value > 0 else -1


class _Month(NamedTuple):
    number: int
    intercalary: bool
    first: int  # the ordinal of its first day
    days: int


def match_japanese(phrase: str, text: str) -> Span | None:
    """The Gregorian span of a Japanese era date (see the module docstring), or None if the
    phrase is not one; raises `DateParseError` for an era date that does not exist."""
    plain = unicodedata.normalize("NFKC", phrase).strip()
    found = _KANJI.fullmatch(plain)
    if found is not None:
        era = _BY_KANJI.get(found["era"])
        if era is None:
            raise DateParseError(text, f"{found['era']!r} is not an era this library knows; "
                                       f"expected {_EXPECTED}")  # fmt: skip
    else:
        found = _ROMAJI.fullmatch(_without_marks(plain.lower()))
        if found is None:
            return None
        era = _BY_ROMAJI.get(_romaji_key(found["era"]))
        if era is None:
            return _unknown_romaji(found, text)
    year = 1 if found["year"] == "gannen" else _number(found["year"])
    if not 1 <= year <= era.years:
        last = era.first_year + era.years - 1
        raise DateParseError(
            text,
            f"{era.romaji[0]} ({era.kanji[0]}) had {era.years} years, the last in {last}; "
            f"expected a year from 1 to {era.years}",
        )
    gregorian_year = era.first_year + year - 1
    month_text, day_text = found["month"], found["day"]
    leap = found["leap"] is not None
    if gregorian_year > _LAST_LUNAR:
        return _gregorian_meiji(text, gregorian_year, month_text, day_text, leap)
    if month_text is None:
        end = _year_span(gregorian_year)
        return end, end
    months = _lunar_months(gregorian_year)
    name = f"{era.romaji[0]} {year} ({era.kanji[0]}{year}年)"
    if months is None:
        # no tables, but some days no lunar calendar has: a 13th month, a 31st day
        if not 1 <= _number(month_text) <= 12:
            raise DateParseError(text, f"a lunar month is 1 to 12, not {_number(month_text)}")
        if day_text is not None and day_text != "晦" and not 1 <= _number(day_text) <= 30:
            raise DateParseError(text, f"a lunar month has 29 or 30 days, not {day_text}")
        warnings.warn(
            f"{text!r}: converting a lunar month or day needs the optional package sanmiao "
            f"(pip install sanmiao); kept as the whole year {name}",
            UserWarning,
            stacklevel=2,
        )
        end = _year_span(gregorian_year)
        return end, end
    month = _find_month(text, name, months, _number(month_text), leap)
    if day_text is None:
        lo, hi = Date.fromordinal(month.first), Date.fromordinal(month.first + month.days - 1)
        end = End(lo, hi, Precision.MONTH)
        return end, end
    day = month.days if day_text == "晦" else _number(day_text)
    if not 1 <= day <= month.days:
        kind = "intercalary " if month.intercalary else ""
        raise DateParseError(
            text,
            f"the {kind}month {month.number} of {name} had {month.days} days; "
            f"expected a day from 1 to {month.days}",
        )
    if gregorian_year == _LAST_LUNAR and month.number == 12 and day > _REFORM_DAY:
        raise DateParseError(
            text,
            "the lunar calendar ended on Meiji 5, 12th month, 2nd day (31 December 1872); the "
            "next day was 1 January 1873 (Meiji 6) of the Gregorian calendar",
        )
    day_of = Date.fromordinal(month.first + day - 1)
    end = End(day_of, day_of, Precision.DAY)
    return end, end


def _unknown_romaji(found: re.Match[str], text: str) -> Span | None:
    """An unknown word before a number: an error if it looks like a misspelled era or is
    followed by a lunar month, otherwise None (``may 3`` is not a Japanese date)."""
    word = found["era"]
    close = difflib.get_close_matches(_romaji_key(word), list(_BY_ROMAJI), n=3, cutoff=0.75)
    if found["month"] is None and not close:
        return None
    hint = (
        f" (did you mean {', '.join(_BY_ROMAJI[key].romaji[0] for key in close)}?)" if close else ""
    )
    raise DateParseError(
        text, f"{word!r} is not an era this library knows{hint}; expected {_EXPECTED}"
    )


def _year_span(year: int) -> End:
    """The lunisolar year that began in the Gregorian year ``year``, from the built-in table."""
    lo = Date(year, 1, 1).add(days=_NEW_YEAR[year - _FIRST_LUNAR])
    if year == _LAST_LUNAR:
        hi = Date(year, 12, 31)
    else:
        hi = Date(year + 1, 1, 1).add(days=_NEW_YEAR[year + 1 - _FIRST_LUNAR] - 1)
    return End(lo, hi, Precision.YEAR)


def _find_month(
    text: str, name: str, months: tuple[_Month, ...], number: int, leap: bool
) -> _Month:
    for month in months:
        if month.number == number and month.intercalary == leap:
            return month
    extra = [m.number for m in months if m.intercalary]
    had = f"its intercalary month followed the {extra[0]}th" if extra else "no intercalary month"
    kind = "intercalary month" if leap else "month"
    raise DateParseError(text, f"{name} had no {kind} {number} (it had months 1 to 12 and {had})")


def _gregorian_meiji(text: str, year: int, month: str | None, day: str | None, leap: bool) -> Span:
    """Meiji 6 (1873) and later: Gregorian years, months and days."""
    if leap:
        raise DateParseError(
            text, "from Meiji 6 (1873) Japan used the Gregorian calendar, without intercalary "
            "months",
        )  # fmt: skip
    if month is None:
        end = year_end(text, year)
        if year == _MEIJI_LAST_DAY[0]:
            end = end.moved(end.lo, Date(*_MEIJI_LAST_DAY))
        return end, end
    if day is None:
        end = month_end(text, year, _number(month))
    else:
        end = day_end(text, year, _number(month), _number(day))
    if end.lo > make_date(text, *_MEIJI_LAST_DAY):
        raise DateParseError(
            text, "the Meiji era ended on 29 July 1912 (Taishō 1 began on 30 July)"
        )
    return end, end


@functools.cache
def _lunar_table() -> dict[int, tuple[_Month, ...]] | None:
    """The months of each lunar year 1596-1872 from sanmiao, or None if it is not installed."""
    try:
        from sanmiao.loaders import load_csv
    except ImportError:
        return None
    table = load_csv("lunar_table_dump.csv")
    japan = table[
        (table["cal_stream"] == 4)
        & (table["ind_year"] >= _FIRST_LUNAR)
        & (table["ind_year"] <= _LAST_LUNAR)
    ]
    years: dict[int, list[_Month]] = {}
    for year, number, intercalary, jdn, days in zip(
        japan["ind_year"], japan["month"], japan["intercalary"], japan["nmd_jdn"],
        japan["max_day"], strict=True,
    ):  # fmt: skip
        first = int(float(jdn) - _ORDINAL_OF_JDN)
        years.setdefault(int(year), []).append(
            _Month(int(number), bool(intercalary), first, int(days))
        )
    return {year: tuple(sorted(months, key=lambda m: m.first)) for year, months in years.items()}


def _lunar_months(year: int) -> tuple[_Month, ...] | None:
    """The months of the lunar year that began in ``year``, or None without sanmiao."""
    table = _lunar_table()
    return None if table is None else table[year]
