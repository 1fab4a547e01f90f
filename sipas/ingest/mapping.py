"""The column mapping staff confirm: what each column of the file was taken to be."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sipas.core.i18n import t
from sipas.ingest.columns import Targets, auto_mapping
from sipas.ingest.header import Header, header_keys
from sipas.ingest.table import DataBlock, column_letter
from sipas.ingest.values import cell_text
from sipas.ingest.vocabulary import IGNORE

LETTER, LABEL, KEY, TARGET, SAMPLE = "letter", "label", "key", "target", "sample"


@dataclass(frozen=True)
class ColumnMapping:
    """Column index → target, and the header key of every column (for profiles)."""

    targets: dict[int, str]
    keys: tuple[str, ...]

    def by_key(self) -> dict[str, str]:
        """Header key → target for every column, IGNORE where it is not used."""
        return {key: self.targets.get(i, IGNORE) for i, key in enumerate(self.keys) if key}


def build_mapping(
    header: Header, targets: Targets, corrections: Mapping[str, str]
) -> ColumnMapping:
    """The automatic mapping with staff corrections applied (header key → target, IGNORE to
    leave a column out); a corrected target is taken away from any other column."""
    keys = tuple(header_keys(header))
    mapping = auto_mapping(header.labels, targets)
    allowed = set(targets.all)
    for column, key in enumerate(keys):
        wanted = corrections.get(key)
        if wanted is None or wanted not in allowed:
            continue
        if wanted != IGNORE:
            for other in [c for c, target in mapping.items() if target == wanted and c != column]:
                del mapping[other]
        mapping[column] = wanted
    return ColumnMapping({c: x for c, x in mapping.items() if x != IGNORE}, keys)


def mapping_table(header: Header, mapping: ColumnMapping, block: DataBlock) -> pd.DataFrame:
    """One row per non-empty column: letter, header label, key, target ("" when unused) and
    the first filled value as an example."""
    rows = []
    for column, key in enumerate(mapping.keys):
        sample = _first_value(block.column(column)) if column < len(block.columns) else ""
        if not key and not sample:
            continue
        rows.append(
            {
                LETTER: column_letter(column),
                LABEL: header.label(column) or t("import.mapping.no_header"),
                KEY: key,
                TARGET: mapping.targets.get(column, ""),
                SAMPLE: sample,
            }
        )
    return pd.DataFrame(rows, columns=[LETTER, LABEL, KEY, TARGET, SAMPLE])


def _first_value(values: np.ndarray) -> str:
    for value in values[:50]:
        text = cell_text(value)
        if text:
            return text[:60]
    return ""


def target_label(target: str, targets: Targets) -> str:
    """How a target is named to staff: "Đơn vị", "Câu 1 (TC01)", "Không dùng"."""
    if not target or target == IGNORE:
        return t("import.columns.ignore")
    if target in targets.items:
        item = next(i for i in targets.method.items if i.code == target)
        return t("import.columns.item", number=item.number, code=item.code)
    if target in targets.pillars:
        pillar = next(p for p in targets.method.pillars if p.code == target)
        return t("statistics.published.pillar_column", name=pillar.short_name)
    return t(f"import.columns.{target}")
