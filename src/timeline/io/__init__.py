"""Reading and writing timelines: `load`/`dump` choose the format by suffix
(`timeline.io.formats`); `loads`/`dumps` are the TOML text format (`timeline.io.toml`)."""

from timeline.io.formats import dump, load
from timeline.io.toml import dumps, loads

__all__ = ["dump", "dumps", "load", "loads"]
