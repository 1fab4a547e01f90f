"""What a unit can be ranked or compared by (SIPAS, a pillar, an element or one field's SIPAS),
and what a target can be set on (SIPAS, a pillar, an element or an item of any method).

Every measure gives the same columns per unit (UNIT, VALUE, LOW, HIGH, N; percent 0–100), so
ranking, target status and charts do not care which one was chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.reference.fields import field_names
from sipas.reference.questionnaires import Method, load_methods

SIPAS = "sipas"
PILLAR = "pillar"
ELEMENT = "element"
FIELD = "field"
ITEM = "item"
_SEPARATOR = ":"


@dataclass(frozen=True)
class Measure:
    """One way to score units; `key` is what the URL carries ("sipas", "element:YT3" …)."""

    kind: str
    code: str
    label: str

    @property
    def key(self) -> str:
        return SIPAS if self.kind == SIPAS else f"{self.kind}{_SEPARATOR}{self.code}"

    @property
    def target_measure(self) -> str:
        """The measure a threshold target is looked up for (targets.ThresholdTarget.measure)."""
        return self.code if self.kind in (ELEMENT, PILLAR) else s.SIPAS

    @property
    def field(self) -> str | None:
        return self.code if self.kind == FIELD else None

    @property
    def axis_title(self) -> str:
        """The value axis of a chart of this measure: "Yếu tố 3: Công chức (%)"."""
        return f"{self.label} (%)"


def field_key(field_code: str) -> str:
    """The URL key of ranking by one field (what a click on a field opens)."""
    return Measure(FIELD, field_code, "").key


SIPAS_INDEX = Measure(SIPAS, SIPAS, "SIPAS")


def measures_for(method: Method, fields: dict[str, str]) -> list[Measure]:
    """SIPAS, then the method's pillars (when it has several), elements and the given fields."""
    found = [Measure(SIPAS, SIPAS, t("measures.sipas"))]
    if len(method.pillars) > 1:
        found += [
            Measure(PILLAR, p.code, t("measures.pillar", name=p.short_name)) for p in method.pillars
        ]
    several = len(method.pillars) > 1
    found += [
        Measure(
            ELEMENT,
            e.code,
            t("measures.element", number=e.number, name=e.short_name)
            + (f" ({p.short_name})" if several else ""),
        )
        for p in method.pillars
        for e in p.elements
    ]
    found += [Measure(FIELD, code, t("measures.field", name=name)) for code, name in fields.items()]
    return found


def measures_by_key(method: Method, fields: dict[str, str]) -> dict[str, Measure]:
    """measures_for by their URL key, in the same order (the choices of a measure box)."""
    return {measure.key: measure for measure in measures_for(method, fields)}


def measure_from_key(key: str, method: Method) -> Measure | None:
    """The measure a key names in `method` (fields are always valid), None when it has none."""
    return next((m for m in measures_for(method, field_names()) if m.key == key), None)


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
