"""Page and type of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I): A4,
margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman 14 pt in the body,
justified, a first-line indent of 1,27 cm, at least 6 pt between paragraphs; and the few XML
settings python-docx has no property for (east-Asian font slots, borders, rules)."""

from __future__ import annotations

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
CAPTION_PT = 13
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
FIRST_LINE = Cm(1.27)
BLACK = RGBColor(0, 0, 0)
# Word's built-in names: a template made in Word has them too, so Word's navigation pane and
# table of contents see the parts.
HEADINGS = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3"}
CAPTION = "Caption"


def set_font(element_rpr_owner: object, name: str = FONT) -> None:
    """Set `name` in every font slot (ASCII, high ANSI, complex script, east Asian) of a style
    or run: Word picks the slot by character, and Vietnamese letters fall in several."""
    rpr = element_rpr_owner._element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), name)


def page_setup(document: Document) -> None:
    """A4 portrait with the decree's margins on every section."""
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.header_distance, section.footer_distance = Mm(10), Mm(10)


def body_styles(document: Document) -> None:
    """Normal, the headings and the caption in Times New Roman, black, as the decree sets them."""
    normal = document.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    set_font(normal)
    layout = normal.paragraph_format
    layout.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    layout.first_line_indent = FIRST_LINE
    layout.space_before, layout.space_after = Pt(0), Pt(6)
    layout.line_spacing = 1.15
    for level, name in HEADINGS.items():
        _heading_style(document, name, level)
    caption = document.styles[CAPTION]
    assert isinstance(caption, ParagraphStyle)
    _plain_style(caption, CAPTION_PT, bold=False, italic=True)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.first_line_indent = Cm(0)


def _heading_style(document: Document, name: str, level: int) -> None:
    style = document.styles[name]
    assert isinstance(style, ParagraphStyle)
    _plain_style(style, BODY_PT, bold=True, italic=level == 3)
    layout = style.paragraph_format
    layout.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    layout.first_line_indent = FIRST_LINE
    layout.space_before, layout.space_after = Pt(6), Pt(6)
    layout.keep_with_next = True


def _plain_style(style: ParagraphStyle, size: int, bold: bool, italic: bool) -> None:
    style.font.name, style.font.size = FONT, Pt(size)
    style.font.bold, style.font.italic = bold, italic
    style.font.color.rgb = BLACK
    set_font(style)
    # python-docx's heading styles carry a theme font, which would win over the name.
    fonts = style.element.rPr.find(qn("w:rFonts")) if style.element.rPr is not None else None
    if fonts is not None:
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(theme), None)


def table_borders(table: Table, size: int = 4) -> None:
    """Single black lines around and inside `table` (in eighths of a point), without relying on
    a table style the province's template may not have."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), str(size))
        line.set(qn("w:color"), "000000")
        borders.append(line)
    _put(table._tbl.tblPr, borders, _TABLE_ORDER)


def no_borders(table: Table) -> None:
    """A layout table (the letterhead, the signature block): no lines at all."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "nil")
        borders.append(line)
    _put(table._tbl.tblPr, borders, _TABLE_ORDER)


def rule(paragraph: Paragraph, width_mm: float, column_mm: float) -> None:
    """A centred horizontal line `width_mm` long (under the issuing body, the motto, the
    title): the paragraph's bottom border, indented from both sides of its column."""
    indent = Mm(max(0.0, (column_mm - width_mm) / 2))
    layout = paragraph.paragraph_format
    layout.left_indent, layout.right_indent = indent, indent
    layout.first_line_indent = Cm(0)
    layout.space_before, layout.space_after = Pt(3), Pt(0)
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    border.append(top)
    _put(ppr, border, _PARAGRAPH_ORDER)
    paragraph.add_run().font.size = Pt(2)


# The schema's order of table and paragraph properties (ECMA-376, CT_TblPr and CT_PPr).
_TABLE_ORDER = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
    "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
)  # fmt: skip
_PARAGRAPH_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
    "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
    "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _put(parent: BaseOxmlElement, child: BaseOxmlElement, order: tuple[str, ...]) -> None:
    """Insert `child` where the schema orders it among `parent`'s children (Word refuses a
    file whose property elements are out of order), replacing one of the same kind."""
    tag = child.tag
    for old in parent.findall(tag):
        parent.remove(old)
    names = [qn(name) for name in order]
    later = names[names.index(tag) + 1 :]
    for index, existing in enumerate(parent):
        if existing.tag in later:
            parent.insert(index, child)
            return
    parent.append(child)


def repeat_header(table: Table) -> None:
    """The table's first row repeats at the top of every page it runs onto."""
    trpr = table.rows[0]._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    trpr.append(flag)


def rows_whole(table: Table) -> None:
    """No row of `table` is split across two pages."""
    for row in table.rows:
        trpr = row._tr.get_or_add_trPr()
        flag = OxmlElement("w:cantSplit")
        trpr.insert(0, flag)
