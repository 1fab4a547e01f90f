"""A letterhead template (.docx under data/word/, replaceable by a province): checked for the
placeholders the program fills, filled in one pass, and the body's place found.

Placeholders are written {{name}} anywhere in the document's text (body, tables, headers);
Word may split one over several runs after an edit, so a paragraph is matched on its whole
text. Values are inserted as plain text: a value that looks like a placeholder or a field
stays text."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from docx import Document as open_document
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from sipas.core.i18n import t

REPORT = "report"
DIRECTIVE = "directive"
KINDS = (REPORT, DIRECTIVE)
TEMPLATE_FILES = {REPORT: "bao_cao.docx", DIRECTIVE: "cong_van.docx"}
BODY = "noi_dung"
# What the program writes per document; a template without one of them cannot be used.
REQUIRED = ("so_ky_hieu", "dia_danh_ngay", "trich_yeu", "kinh_gui", BODY, "noi_nhan")
# The letterhead's own values (data/word/letterhead.yaml); a province may type them into the
# template instead.
OPTIONAL = ("co_quan_chu_quan", "co_quan_ban_hanh", "quyen_han_ky", "chuc_vu_ky", "nguoi_ky")
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
# Characters XML 1.0 cannot hold (lxml refuses them): control characters other than tab and
# line breaks, and the two non-characters.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class TemplateError(ValueError):
    """A template that cannot be read or lacks a required placeholder; Vietnamese message."""


def slot(name: str) -> str:
    """The placeholder of `name` as written in a template: {{name}}."""
    return "{{" + name + "}}"


def plain(text: object) -> str:
    """`text` as a string Word stores as text: without the control characters XML forbids."""
    return _NOT_XML.sub("", str(text))


def load_template(path: Path) -> Document:
    """The template at `path`, checked; raises TemplateError naming what is missing."""
    try:
        document = open_document(str(path))
    except (FileNotFoundError, PackageNotFoundError, KeyError, ValueError) as error:
        raise TemplateError(t("word.template.unreadable", path=path, error=error)) from error
    found = placeholders(document)
    missing = [name for name in REQUIRED if name not in found]
    if missing:
        raise TemplateError(
            t("word.template.missing", path=path, names=", ".join(slot(n) for n in missing))
        )
    return document


def paragraphs(document: Document) -> Iterator[Paragraph]:
    """Every paragraph of the body (tables included, at any depth) and of the headers and
    footers."""
    yield from _in(document.paragraphs, document.tables)
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.footer):
            if not part.is_linked_to_previous:  # reading an undefined one would create it
                yield from _in(part.paragraphs, part.tables)


def _in(found: list[Paragraph], tables: list[Table]) -> Iterator[Paragraph]:
    yield from found
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                yield from _in(cell.paragraphs, cell.tables)


def placeholders(document: Document) -> set[str]:
    """The names of every placeholder in `document`."""
    return {match for p in paragraphs(document) for match in PLACEHOLDER.findall(p.text)}


def fill(document: Document, values: Mapping[str, str]) -> None:
    """Replace the placeholders named in `values` (the body's is left for `body_place`); a
    paragraph that held only a placeholder whose value is empty is removed, unless it is a
    table cell's last."""
    for paragraph in list(paragraphs(document)):
        text = paragraph.text
        if "{{" not in text:
            continue
        new = PLACEHOLDER.sub(lambda m: _value(m, values), text)
        if new == text:
            continue
        if not new.strip() and PLACEHOLDER.fullmatch(text.strip()) and _remove(paragraph):
            continue
        _set_text(paragraph, new)


def _value(match: re.Match[str], values: Mapping[str, str]) -> str:
    name = match.group(1)
    return plain(values[name]) if name in values and name != BODY else match.group(0)


def _set_text(paragraph: Paragraph, text: str) -> None:
    """`text` in the paragraph's first run (its formatting kept), the other runs emptied;
    line breaks in `text` become Word line breaks."""
    runs = paragraph.runs
    if not runs:
        paragraph.add_run(text)
        return
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def _remove(paragraph: Paragraph) -> bool:
    parent = paragraph._p.getparent()
    siblings = [child for child in parent if child.tag == paragraph._p.tag]
    if parent.tag.endswith("}tc") and len(siblings) == 1:
        return False
    parent.remove(paragraph._p)
    return True


def body_place(document: Document) -> Paragraph:
    """The paragraph that holds only {{noi_dung}}: the body goes before it, then it goes. Find
    it before `fill`, so a value that reads "{{noi_dung}}" is never taken for it. Raises
    TemplateError when the placeholder shares its paragraph with other text or sits in a
    table (the body is made of paragraphs and tables, which only the body can hold)."""
    shared = False
    for paragraph in document.paragraphs:
        if BODY in PLACEHOLDER.findall(paragraph.text):
            if PLACEHOLDER.fullmatch(paragraph.text.strip()):
                return paragraph
            shared = True
    key = "word.template.body_alone" if shared else "word.template.body_in_table"
    raise TemplateError(t(key, name=slot(BODY)))
