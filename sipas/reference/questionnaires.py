"""Survey methods (QĐ 2640, QĐ 1001, …) as data: pillars → elements → items, loaded from YAML."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from sipas.core.config import QUESTIONNAIRE_DIR
from sipas.core.i18n import t

PILLAR_WEIGHTINGS = ("equal", "item_count")
_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


class MethodError(ValueError):
    """A method definition that cannot be used; the message is Vietnamese and names the place."""


@dataclass(frozen=True)
class Item:
    code: str
    number: int
    text: str


@dataclass(frozen=True)
class Element:
    code: str
    number: int
    name: str
    short_name: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Pillar:
    code: str
    name: str
    short_name: str
    elements: tuple[Element, ...]

    @property
    def item_count(self) -> int:
        return sum(len(element.items) for element in self.elements)


@dataclass(frozen=True)
class Method:
    """A questionnaire: how its answers roll up into element, pillar and SIPAS indices."""

    code: str
    name: str
    short_name: str
    version: int
    pillar_weighting: str
    pillars: tuple[Pillar, ...]

    @property
    def elements(self) -> tuple[Element, ...]:
        return tuple(element for pillar in self.pillars for element in pillar.elements)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for element in self.elements for item in element.items)

    @property
    def item_codes(self) -> tuple[str, ...]:
        return tuple(item.code for item in self.items)

    def element_of(self, item_code: str) -> Element:
        """The element an item belongs to; raises KeyError for an unknown item."""
        for element in self.elements:
            if any(item.code == item_code for item in element.items):
                return element
        raise KeyError(item_code)

    def pillar_weights(self, weighting: str | None = None) -> dict[str, float]:
        """Weight of each pillar in SIPAS, summing to 1.

        "equal" gives every pillar the same weight; "item_count" weighs by the number of items.
        Raises MethodError for an unknown weighting.
        """
        weighting = weighting or self.pillar_weighting
        if weighting not in PILLAR_WEIGHTINGS:
            raw = explicit_weights(weighting, [p.code for p in self.pillars])
        else:
            raw = {
                p.code: 1.0 if weighting == "equal" else float(p.item_count) for p in self.pillars
            }
        total = sum(raw.values())
        return {code: weight / total for code, weight in raw.items()}

    def walk(self) -> Iterator[tuple[Pillar, Element, Item]]:
        for pillar in self.pillars:
            for element in pillar.elements:
                for item in element.items:
                    yield pillar, element, item


def explicit_weights(text: str, pillars: list[str]) -> dict[str, float]:
    """Weights written as "CS:23,DV:16" (pillar code: a positive number, for every pillar),
    e.g. the national 2024 form's item counts, which this questionnaire need not share.
    Raises MethodError for anything else."""
    weights: dict[str, float] = {}
    for part in str(text).split(","):
        code, _, number = part.partition(":")
        try:
            weights[code.strip()] = float(number)
        except ValueError:
            weights = {}
            break
    if sorted(weights) != sorted(pillars) or any(not w > 0 for w in weights.values()):
        raise MethodError(
            t("errors.method.bad_weighting", value=repr(text), pillars=",".join(pillars))
        )
    return weights


def parse_method(raw: Any, source: str = "") -> Method:
    """A Method from its parsed YAML; raises MethodError with a Vietnamese message when invalid."""
    where = f" ({source})" if source else ""
    if not isinstance(raw, dict):
        raise MethodError(t("errors.method.not_mapping", where=where))
    code = _required_code(raw, "code", f"{t('terms.method')}{where}")
    weighting = str(raw.get("pillar_weighting", "equal"))
    pillars = tuple(
        _parse_pillar(p, f"{code}{where}") for p in _required_list(raw, "pillars", code)
    )
    if weighting not in PILLAR_WEIGHTINGS:
        explicit_weights(weighting, [p.code for p in pillars])
    method = Method(
        code=code,
        name=_required_text(raw, "name", code),
        short_name=str(raw.get("short_name") or raw["name"]),
        version=int(raw.get("version", 1)),
        pillar_weighting=weighting,
        pillars=pillars,
    )
    _check_unique(method, where)
    return method


def _parse_pillar(raw: Any, where: str) -> Pillar:
    if not isinstance(raw, dict):
        raise MethodError(t("errors.method.part_not_mapping", where=where, part=t("terms.pillar")))
    code = _required_code(raw, "code", f"{t('terms.pillar')} ({where})")
    part = f"{t('terms.pillar')} {code}"
    elements = tuple(
        _parse_element(e, f"{where}, {part}") for e in _required_list(raw, "elements", part)
    )
    name = _required_text(raw, "name", part)
    return Pillar(code, name, str(raw.get("short_name") or name), elements)


def _parse_element(raw: Any, where: str) -> Element:
    if not isinstance(raw, dict):
        raise MethodError(t("errors.method.part_not_mapping", where=where, part=t("terms.element")))
    code = _required_code(raw, "code", f"{t('terms.element')} ({where})")
    part = f"{t('terms.element')} {code}"
    items = tuple(_parse_item(i, f"{where}, {part}") for i in _required_list(raw, "items", part))
    name = _required_text(raw, "name", part)
    number = _required_number(raw, part)
    return Element(code, number, name, str(raw.get("short_name") or name), items)


def _parse_item(raw: Any, where: str) -> Item:
    if not isinstance(raw, dict):
        raise MethodError(t("errors.method.part_not_mapping", where=where, part=t("terms.item")))
    code = _required_code(raw, "code", f"{t('terms.item')} ({where})")
    part = f"{t('terms.item')} {code}"
    return Item(code, _required_number(raw, part), _required_text(raw, "text", part))


def _required_code(raw: dict[str, Any], key: str, what: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not _CODE.match(value):
        raise MethodError(t("errors.method.bad_code", part=what, value=repr(value)))
    return value


def _required_text(raw: dict[str, Any], key: str, what: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise MethodError(t("errors.method.missing_text", key=key, part=what))
    return value.strip()


def _required_number(raw: dict[str, Any], what: str) -> int:
    value = raw.get("number")
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise MethodError(t("errors.method.bad_number", part=what, value=repr(value)))
    return value


def _required_list(raw: dict[str, Any], key: str, what: str) -> list[Any]:
    value = raw.get(key)
    if not isinstance(value, list) or not value:
        raise MethodError(t("errors.method.empty_list", part=what, key=key))
    return value


def _check_unique(method: Method, where: str) -> None:
    for part, codes in (
        ("terms.pillar", [p.code for p in method.pillars]),
        ("terms.element", [e.code for e in method.elements]),
        ("terms.item", [i.code for i in method.items]),
        ("terms.item_number", [str(i.number) for i in method.items]),
    ):
        seen: set[str] = set()
        for code in codes:
            if code in seen:
                raise MethodError(
                    t(
                        "errors.method.duplicate",
                        code=method.code,
                        where=where,
                        part=t(part),
                        value=code,
                    )
                )
            seen.add(code)


def load_method_file(path: Path) -> Method:
    """Read and validate one method definition; raises MethodError on a missing or bad file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise MethodError(t("errors.method.unreadable", file=path.name, error=error)) from error
    except yaml.YAMLError as error:
        raise MethodError(t("errors.method.bad_yaml", file=path.name, error=error)) from error
    return parse_method(raw, path.name)


@cache
def load_methods(directory: Path = QUESTIONNAIRE_DIR) -> dict[str, Method]:
    """Every method under data/questionnaires, by code; raises MethodError on any bad file."""
    methods: dict[str, Method] = {}
    for path in sorted(directory.glob("*.yaml")):
        method = load_method_file(path)
        if method.code in methods:
            raise MethodError(t("errors.method.duplicate_file", code=method.code))
        methods[method.code] = method
    return methods


def get_method(code: str) -> Method:
    """The method with this code; raises MethodError naming the known codes."""
    methods = load_methods()
    if code not in methods:
        known = ", ".join(sorted(methods))
        raise MethodError(t("errors.method.unknown", code=code, known=known))
    return methods[code]
