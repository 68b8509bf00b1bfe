"""The TOML data format of ``data/events.toml``: `loads` reads and validates it (every problem
of a file at once, `timeline.io.toml.reader`), `dumps` writes it canonically
(`timeline.io.toml.writer`). Files are read and written by `timeline.load` and `timeline.dump`
(`timeline.io.formats`), which choose the format by suffix.

A file has ``[[sources]]`` and ``[[events]]`` tables (see README.md for every field). A date
is a string read by `FuzzyDate.parse`, or a table ``{text = "...", calendar = "julian"}``,
``{text = "...", reference = "..."}`` or ``{text = "...", edtf = "..."}`` when the wording
alone does not give the value.
"""

from timeline.io.toml.reader import loads, read_date
from timeline.io.toml.writer import date_value, dumps

__all__ = ["date_value", "dumps", "loads", "read_date"]
