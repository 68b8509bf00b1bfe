"""The public surface: names do not shadow one another."""

from __future__ import annotations

import pkgutil
import types

import timeline


def test_no_public_name_hides_a_module_of_the_same_name() -> None:
    hidden = []
    for info in pkgutil.iter_modules(timeline.__path__):
        if info.name == "__main__":  # importing it runs the command line
            continue
        namespace: dict[str, object] = {}
        exec(f"import timeline.{info.name} as m", namespace)  # as a reader of the docs would
        if not isinstance(namespace["m"], types.ModuleType):
            hidden.append(info.name)
    assert hidden == []
