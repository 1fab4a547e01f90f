"""What a target can be set on: SIPAS, a pillar, an element or an item (criterion) of any
method, with the names people know them by."""

from __future__ import annotations

from sipas.i18n import t
from sipas.questionnaire import Method, load_methods

SIPAS = "sipas"
PILLAR = "pillar"
ELEMENT = "element"
ITEM = "item"


def measure_labels() -> dict[str, str]:
    """Every measure code with a Vietnamese label, SIPAS first, then pillars, elements and
    items of every method (a code shared by two methods is listed once)."""
    labels = {SIPAS: t("gaps.measure_sipas")}
    methods = list(load_methods().values())
    for method in methods:
        for pillar in method.pillars:
            labels.setdefault(pillar.code, t("gaps.measure_pillar", name=pillar.short_name))
    for method in methods:
        for element in method.elements:
            labels.setdefault(
                element.code, t("gaps.measure_element", code=element.code, name=element.short_name)
            )
    for method in methods:
        for item in method.items:
            labels.setdefault(item.code, t("gaps.measure_item", code=item.code, text=item.text))
    return labels


def measure_kind(code: str, method: Method) -> str | None:
    """SIPAS, PILLAR, ELEMENT or ITEM for a measure of `method`; None when the method lacks it."""
    if code == SIPAS:
        return SIPAS
    if any(pillar.code == code for pillar in method.pillars):
        return PILLAR
    if any(element.code == code for element in method.elements):
        return ELEMENT
    if code in method.item_codes:
        return ITEM
    return None


def measure_items(code: str, method: Method) -> tuple[str, ...]:
    """The item codes a measure is computed from (all of them for SIPAS)."""
    kind = measure_kind(code, method)
    if kind == SIPAS:
        return method.item_codes
    if kind == PILLAR:
        pillar = next(p for p in method.pillars if p.code == code)
        return tuple(item.code for element in pillar.elements for item in element.items)
    if kind == ELEMENT:
        element = next(e for e in method.elements if e.code == code)
        return tuple(item.code for item in element.items)
    return (code,) if kind == ITEM else ()
