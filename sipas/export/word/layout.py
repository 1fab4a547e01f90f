"""The two letterhead templates under data/word/ built from code (scripts/word_templates.py
runs this): the report (Báo cáo) and the official letter (Công văn), laid out as Nghị định
30/2020/NĐ-CP, Phụ lục I sets them. A province may edit the files in Word instead: what the
program needs from them is only their placeholders (sipas.export.word.template)."""

from __future__ import annotations

from pathlib import Path

from docx import Document as new_document
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from sipas.core.i18n import t
from sipas.export.word import styles
from sipas.export.word.template import DIRECTIVE, REPORT, TEMPLATE_FILES, slot

HEAD_MM = (62.0, 103.0)  # the letterhead's columns: issuing body, motto
SIGN_MM = (75.0, 90.0)  # the closing's columns: recipients, signature
CENTER = WD_ALIGN_PARAGRAPH.CENTER


def build_template(kind: str) -> Document:
    """A new template of `kind` (REPORT or DIRECTIVE) with page, styles and placeholders."""
    document = new_document()
    styles.page_setup(document)
    styles.body_styles(document)
    _page_numbers(document)
    body = document.paragraphs[0]._p if document.paragraphs else None
    _letterhead(document, kind)
    if kind == REPORT:
        _line(document.add_paragraph(), t("word.layout.report_kind"), bold=True, before=12)
        _line(document.add_paragraph(), slot("trich_yeu"), bold=True, after=0)
        styles.rule(document.add_paragraph(), 50, styles.TEXT_WIDTH_MM)
    _line(document.add_paragraph(), slot("kinh_gui"), before=12, after=12)
    marker = document.add_paragraph(slot("noi_dung"))
    marker.paragraph_format.first_line_indent = Cm(0)
    _closing(document)
    if body is not None:  # python-docx's template starts with no paragraph; be sure
        body.getparent().remove(body)
    return document


def save_templates(folder: Path) -> list[Path]:
    """Write bao_cao.docx and cong_van.docx into `folder`; returns their paths."""
    paths = []
    for kind, name in TEMPLATE_FILES.items():
        path = folder / name
        build_template(kind).save(str(path))
        paths.append(path)
    return paths


def _layout_table(document: Document, rows: int, widths: tuple[float, float]) -> Table:
    table: Table = document.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    styles.no_borders(table)
    styles.rows_whole(table)  # the signature's blank lines never run onto a page of their own
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)  # the grid, which LibreOffice reads
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)
    return table


def _letterhead(document: Document, kind: str) -> None:
    """Issuing body and motto side by side, each with its rule; number and date under them;
    a letter's subject ("V/v …") under its number."""
    table = _layout_table(document, 3 if kind == DIRECTIVE else 2, HEAD_MM)
    left, right = table.rows[0].cells
    _cell_line(left, slot("co_quan_chu_quan"), size=13)
    _line(left.add_paragraph(), slot("co_quan_ban_hanh"), bold=True, size=13, after=0)
    styles.rule(left.add_paragraph(), 25, HEAD_MM[0])
    _cell_line(right, t("word.layout.nation"), bold=True, size=13)
    _line(right.add_paragraph(), t("word.layout.motto"), bold=True, size=14, after=0)
    styles.rule(right.add_paragraph(), 62, HEAD_MM[1])
    number, date = table.rows[1].cells
    _cell_line(number, slot("so_ky_hieu"), size=13, before=6)
    _cell_line(date, slot("dia_danh_ngay"), italic=True, size=14, before=6)
    if kind == DIRECTIVE:
        _cell_line(table.rows[2].cells[0], slot("trich_yeu"), size=12, before=3)


def _closing(document: Document) -> None:
    """ "Nơi nhận" on the left, the signature on the right, as the decree places them."""
    document.add_paragraph().paragraph_format.space_after = Pt(6)
    recipients, signature = _layout_table(document, 1, SIGN_MM).rows[0].cells
    first = recipients.paragraphs[0]
    _line(first, t("word.layout.recipients"), bold=True, italic=True, size=12, after=0)
    first.alignment = WD_ALIGN_PARAGRAPH.LEFT
    rest = recipients.add_paragraph()
    _line(rest, slot("noi_nhan"), size=11, after=0)
    rest.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _cell_line(signature, slot("quyen_han_ky"), bold=True, size=14)
    _line(signature.add_paragraph(), slot("chuc_vu_ky"), bold=True, size=14, after=0)
    for _ in range(4):  # room for the signature and the seal
        _line(signature.add_paragraph(), "", size=14, after=0)
    _line(signature.add_paragraph(), slot("nguoi_ky"), bold=True, size=14, after=0)
    # A document cannot end with a table: Word and LibreOffice add a paragraph after it, which
    # in the body's size could start a page of its own. This one takes no room.
    last = document.add_paragraph()
    _line(last, "", size=1)
    last.paragraph_format.line_spacing = Pt(1)
    mark = OxmlElement("w:rPr")  # the paragraph mark's own size
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    mark.append(size)
    last._p.get_or_add_pPr().append(mark)


def _cell_line(cell: _Cell, text: str, **options: object) -> None:
    _line(cell.paragraphs[0], text, **options)  # type: ignore[arg-type]


def _line(
    paragraph: Paragraph,
    text: str,
    bold: bool = False,
    italic: bool = False,
    size: float = styles.BODY_PT,
    before: float = 0,
    after: float = 0,
) -> None:
    """A centred line without the body's indent, in direct formatting (the letterhead keeps
    its look whatever the body styles say)."""
    layout = paragraph.paragraph_format
    layout.alignment = CENTER
    layout.first_line_indent = Cm(0)
    layout.space_before, layout.space_after = Pt(before), Pt(after)
    layout.line_spacing = 1.0
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)


def _page_numbers(document: Document) -> None:
    """The page number centred at the top from the second page on (the decree's place)."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    paragraph.paragraph_format.first_line_indent = Cm(0)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
