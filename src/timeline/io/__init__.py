"""Reading and writing timelines: the TOML data format."""

from timeline.io.toml import dump, dumps, load, loads

__all__ = ["dump", "dumps", "load", "loads"]
