"""English dual dating: ``1675/6``, ``1675/76``, ``10 February 1675/6``, ``Feb. 10, 1675/6``.

Until 1752 the English civil year began on 25 March (Lady Day), while many already counted
from 1 January. A day between 1 January and 24 March was therefore written with both year
numbers: ``10 February 1675/6`` is 10 February of the year that began on 1 January 1676, in
the Julian calendar England kept, and so the Gregorian 20 February 1676. A bare ``1675/6``
is that whole stretch: 1 January to 24 March 1676 (Julian), the Gregorian 11 January to
3 April 1676. A day outside that stretch (``10 June 1675/6``) or two
years that do not follow each other (``1675/7``) is refused with a clear error.
"""

from __future__ import annotations

import re
from typing import Final

from timeline.dates import Precision
from timeline.errors import AmbiguousDateError, DateParseError
from timeline.parsing._spans import End, Span
from timeline.parsing.calendars import julian_days_in_month, julian_to_gregorian
from timeline.parsing.phrases import MONTHS

__all__ = ["match_dual"]

_LAST_DUAL_YEAR: Final = 1751
"""The last civil year that began on 25 March in England (1752 began on 1 January)."""

_DUAL: Final = re.compile(
    r"""
    (?:
        (?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>[a-z]+)\.?,?\s+
      | (?P<month2>[a-z]+)\.?\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?,?\s+
    )?
    (?P<year>\d{4})/(?P<next>\d{1,2}|\d{4})
    """,
    re.VERBOSE,
)


def match_dual(phrase: str, text: str, form: str) -> Span | None:
    """The Gregorian span of a dual-dated phrase (lower case), or None if it is not one.

    A bare ``1699/1700`` is also an EDTF interval (the two years): in the ``"mixed"`` form it
    raises `AmbiguousDateError`, in ``"english"`` it is the dual year; with a day
    (``29 February 1699/1700``) it can only be a dual date.
    """
    m = _DUAL.fullmatch(phrase)
    if m is None:
        return None
    year, written = int(m["year"]), m["next"]
    following = year + 1

    bare = m["month"] is None and m["month2"] is None
    if len(written) == 4:
        if int(written) != following:
            return None  # an interval of years, for EDTF to read
        if bare and year > _LAST_DUAL_YEAR:
            return None  # "2019/2020": an EDTF interval, the only reading after 1752
        if bare and form != "english":
            raise AmbiguousDateError(
                text,
                (
                    f"the years {year}–{following} (an EDTF interval)",
                    f"1 January – 24 March {following}, Julian (an English dual year)",
                ),
                f"write '{year}–{following}' or '{year}/{str(following)[-1]}', or choose a "
                "form: 'english' (the dual year) or 'edtf' (the interval)",
            )
    short_next = len(written) < 4 and int(written) == following % 10 ** len(written)
    if year > _LAST_DUAL_YEAR and (short_next or (len(written) == 4 and int(written) == following)):
        if len(written) == 4 and bare:
            return None  # "2019/2020": an EDTF interval, the only reading after 1752
        # Britain counted years from 1 January from 1752: "2019/20" is an academic or fiscal
        # year, not a dual date
        raise DateParseError(
            text,
            f"English dual dating ended in 1752; for the years {year} and {following} write "
            f"'{year}–{following}'",
        )
    if len(written) < 4 and int(written) != following % 10 ** len(written):
        raise DateParseError(
            text,
            f"'{m['year']}/{written}' is not a dual year: the second number must be the next "
            f"year ({m['year']}/{str(following)[-1]} or {m['year']}/{str(following)[-2:]})",
        )
    name = m["month"] or m["month2"]
    day_text = m["day"] or m["day2"]
    if name is None:
        first = julian_to_gregorian(following, 1, 1)
        last = julian_to_gregorian(following, 3, 24)
        end = End(first, last, Precision.MONTH)
        return end, end
    month = MONTHS.get(name)
    if month is None:
        raise DateParseError(text, f"{name!r} is not a month name")
    day = int(day_text)
    if not 1 <= day <= julian_days_in_month(following, month):
        raise DateParseError(text, f"day {day} does not exist in Julian {following}-{month:02d}")
    if month > 3 or (month == 3 and day > 24):
        raise DateParseError(
            text,
            "a dual year (1675/6) is written only for 1 January to 24 March, when the "
            "years counted from 1 January and from 25 March differ; write the single year",
        )
    gregorian = julian_to_gregorian(following, month, day)
    end = End(gregorian, gregorian, Precision.DAY)
    return end, end
