"""pyproject's [project] dependencies and the pinned requirements files say the same."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := re.fullmatch(r"([A-Za-z0-9_.-]+)(\[[^]]+\])?==(\S+)", line.strip()):
            pins[match[1].lower().replace("_", "-")] = match[3]
    return pins


def test_every_declared_dependency_is_pinned_at_the_same_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pinned = _pins(ROOT / "requirements.txt") | _pins(ROOT / "requirements-dev.txt")
    declared = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    for requirement in declared:
        name, version = re.fullmatch(
            r"([A-Za-z0-9_.-]+)(?:\[[^]]+\])?==(\S+)", requirement
        ).groups()  # type: ignore[union-attr]
        assert pinned.get(name.lower().replace("_", "-")) == version, requirement
