"""The two documents as .docx bytes: the letterhead template of their kind (checked, filled),
the body blocks rendered where it says {{noi_dung}}, the document's properties set."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from sipas.core.config import word_dir
from sipas.export.official import directive, report
from sipas.export.official.letterhead import (
    Letterhead,
    addressees,
    load_letterhead,
    number_line,
    place_and_date,
    province_of,
    recipient_lines,
)
from sipas.export.official.sources import Sources
from sipas.export.word.blocks import Block
from sipas.export.word.render import render
from sipas.export.word.template import (
    DIRECTIVE,
    REPORT,
    TEMPLATE_FILES,
    TemplateError,
    body_place,
    fill,
    load_template,
)


def report_docx(sources: Sources, day: dt.date, folder: Path | None = None) -> bytes:
    """The survey report of `sources` dated `day`; raises TemplateError (Vietnamese message)
    for a template without a required placeholder."""
    folder = folder or word_dir()
    head = _letterhead(sources, folder)
    values = {
        "so_ky_hieu": number_line(head.ky_hieu_bao_cao),
        "trich_yeu": report.subject(sources),
        "kinh_gui": addressees(head.kinh_gui_bao_cao),
        "noi_nhan": recipient_lines(head.noi_nhan_bao_cao),
    }
    return _document(REPORT, head, values, day, report.report_body(sources, head), folder)


def directive_docx(sources: Sources, day: dt.date, folder: Path | None = None) -> bytes:
    """The directive draft to the units below their targets, dated `day`."""
    folder = folder or word_dir()
    head = _letterhead(sources, folder)
    units = directive.addressed_units(sources)
    values = {
        "so_ky_hieu": number_line(head.ky_hieu_cong_van),
        "trich_yeu": directive.subject(sources),
        "kinh_gui": addressees(units or (directive.nobody(),)),
        "noi_nhan": recipient_lines(head.noi_nhan_cong_van),
    }
    return _document(DIRECTIVE, head, values, day, directive.directive_body(sources, head), folder)


def template_problems(folder: Path | None = None) -> list[str]:
    """What is wrong with the letterhead templates, in Vietnamese ([] when both are usable).
    Checked again only when a file changes: the overview asks on every run, and opening the
    two files takes about 90 ms."""
    problems = []
    for name in TEMPLATE_FILES.values():
        path = (folder or word_dir()) / name
        stamp = (path.stat().st_mtime_ns, path.stat().st_size) if path.exists() else (0, 0)
        problem = _problem(str(path), *stamp)
        if problem:
            problems.append(problem)
    return problems


@lru_cache(maxsize=16)
def _problem(path: str, _mtime_ns: int, _size: int) -> str:
    try:
        load_template(Path(path))
    except TemplateError as error:
        return str(error)
    return ""


def _letterhead(sources: Sources, folder: Path) -> Letterhead:
    peers = sources.inputs.scope.peers if sources.inputs else ()
    day = sources.wave.reference_date
    return load_letterhead(province_of(sources.units, peers, day), folder)


def _document(
    kind: str,
    head: Letterhead,
    values: dict[str, str],
    day: dt.date,
    blocks: Sequence[Block],
    folder: Path,
) -> bytes:
    document = load_template(folder / TEMPLATE_FILES[kind])
    place = body_place(document)
    fill(
        document,
        {
            "co_quan_chu_quan": head.co_quan_chu_quan,
            "co_quan_ban_hanh": head.co_quan_ban_hanh,
            "dia_danh_ngay": place_and_date(head.dia_danh, day),
            "quyen_han_ky": head.quyen_han_ky,
            "chuc_vu_ky": head.chuc_vu_ky,
            "nguoi_ky": head.nguoi_ky,
            **values,
        },
    )
    render(document, place, blocks)
    properties = document.core_properties
    properties.title = values["trich_yeu"]
    properties.author = properties.last_modified_by = "SIPAS Dashboard"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
