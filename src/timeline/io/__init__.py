"""Reading and writing timelines: the TOML data format, and every format by suffix
(`timeline.io.formats`)."""

from timeline.io.toml import dump, dumps, load, loads

__all__ = ["dump", "dumps", "load", "loads"]
