"""Body blocks drawn into a filled template at its body's place: headings in Word's heading
styles, justified paragraphs, real tables (a header row that repeats on each page, lines,
numbers right-aligned) and charts as PNG images the width of the text."""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Mm, Pt
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph

from sipas.export.word import styles
from sipas.export.word.blocks import Block, Figure, Heading, PageBreak, Paragraph, Quote, Table
from sipas.export.word.template import plain

FIGURE_WIDTH_MM = styles.TEXT_WIDTH_MM


class _Writer:
    """Adds blocks to the end of the body, then moves each before the body's place."""

    def __init__(self, document: Document, place: WordParagraph) -> None:
        self.document = document
        self.place = place

    def put(self, item: WordParagraph | WordTable) -> None:
        element = item._p if isinstance(item, WordParagraph) else item._tbl
        self.place._p.addprevious(element)

    def paragraph(self, style: str | None = None) -> WordParagraph:
        paragraph = self.document.add_paragraph()
        if style and style in self.document.styles:
            paragraph.style = self.document.styles[style]
        self.put(paragraph)
        return paragraph


def render(document: Document, place: WordParagraph, blocks: Sequence[Block]) -> None:
    """Draw `blocks` where `place` stands, then remove `place`."""
    writer = _Writer(document, place)
    for block in blocks:
        if isinstance(block, Heading):
            _heading(writer, block)
        elif isinstance(block, Paragraph):
            _paragraph(writer, block)
        elif isinstance(block, Quote):
            _quote(writer, block)
        elif isinstance(block, Table):
            _table(writer, block)
        elif isinstance(block, Figure):
            _figure(writer, block)
        elif isinstance(block, PageBreak):
            writer.paragraph().add_run().add_break(WD_BREAK.PAGE)
    place._p.getparent().remove(place._p)


def _heading(writer: _Writer, block: Heading) -> None:
    name = styles.HEADINGS.get(block.level, styles.HEADINGS[3])
    paragraph = writer.paragraph(name)
    run = paragraph.add_run(plain(block.text))
    if name not in writer.document.styles:  # a template without Word's heading styles
        run.bold = True


def _paragraph(writer: _Writer, block: Paragraph) -> None:
    paragraph = writer.paragraph()
    if block.lead:
        paragraph.add_run(plain(block.lead)).bold = True
    paragraph.add_run(plain(block.text)).italic = block.italic or None


def _quote(writer: _Writer, block: Quote) -> None:
    paragraph = writer.paragraph()
    paragraph.paragraph_format.left_indent = Cm(1)
    paragraph.add_run(f"“{plain(block.text)}”").italic = True
    paragraph.add_run(f" ({plain(block.source)})")


def _figure(writer: _Writer, block: Figure) -> None:
    paragraph = writer.paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Cm(0)
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run().add_picture(io.BytesIO(block.png), width=Mm(FIGURE_WIDTH_MM))
    _caption(writer, block.caption)


def _caption(writer: _Writer, text: str) -> None:
    caption = writer.paragraph(styles.CAPTION)
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.first_line_indent = Cm(0)
    caption.add_run(plain(text)).italic = True


def _table(writer: _Writer, block: Table) -> None:
    if block.title:
        title = writer.paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.first_line_indent = Cm(0)
        title.paragraph_format.keep_with_next = True
        title.add_run(plain(block.title)).bold = True
    table = writer.document.add_table(rows=1 + len(block.rows), cols=len(block.header))
    writer.put(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    styles.table_borders(table)
    styles.repeat_header(table)
    styles.rows_whole(table)
    widths = _widths(block)
    size = block.size_pt or styles.TABLE_PT
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)  # the grid, which LibreOffice reads; cells carry it for Word
    for row_index, values in enumerate((block.header, *block.rows)):
        bold = row_index == 0 or (row_index - 1) in block.bold_rows
        for column, (cell, value) in enumerate(
            zip(table.rows[row_index].cells, values, strict=True)
        ):
            cell.width = Mm(widths[column])
            right = row_index > 0 and column in block.numeric
            _cell_text(cell.paragraphs[0], str(value), bold, right, row_index == 0, size)
    if block.note:
        note = writer.paragraph()
        note.paragraph_format.first_line_indent = Cm(0)
        note.add_run(plain(block.note)).italic = True
        note.runs[0].font.size = Pt(styles.TABLE_PT)


def _widths(block: Table) -> tuple[float, ...]:
    """Column widths in mm, scaled to the text's width."""
    count = len(block.header)
    wanted = block.widths if block.widths and len(block.widths) == count else (1.0,) * count
    total = sum(wanted)
    return tuple(styles.TEXT_WIDTH_MM * width / total for width in wanted)


def _cell_text(
    paragraph: WordParagraph, text: str, bold: bool, right: bool, header: bool, size: float
) -> None:
    layout = paragraph.paragraph_format
    layout.first_line_indent = Cm(0)
    layout.space_before, layout.space_after = Pt(2), Pt(2)
    layout.line_spacing = 1.0
    if header:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT
    run = paragraph.add_run(plain(text))
    run.bold = bold or None
    run.font.size = Pt(size)
