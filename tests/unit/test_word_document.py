"""The Word layer on its own: the letterhead templates (A4, the decree's margins, Times New
Roman, the motto block, every placeholder), filling them as plain text, the body's blocks as
real tables and images, and the decree's way of writing numbers and dates."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document as open_document
from docx.shared import Mm

from sipas.core.config import WORD_DIR
from sipas.export.official.letterhead import (
    addressees,
    load_letterhead,
    place_and_date,
    recipient_lines,
)
from sipas.export.word import styles
from sipas.export.word.blocks import Figure, Heading, Paragraph, Table
from sipas.export.word.layout import build_template
from sipas.export.word.render import render
from sipas.export.word.template import (
    DIRECTIVE,
    KINDS,
    REPORT,
    REQUIRED,
    TEMPLATE_FILES,
    TemplateError,
    body_place,
    fill,
    load_template,
    placeholders,
    slot,
)


def png_size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def assert_page(section: object) -> None:
    """A4 with the decree's margins (Word stores twips: compare to a tenth of a mm)."""

    def mm(name: str) -> float:
        return round(getattr(section, name).mm, 1)

    assert (mm("page_width"), mm("page_height")) == (210.0, 297.0)
    assert 20 <= mm("top_margin") <= 25 and 20 <= mm("bottom_margin") <= 25
    assert 30 <= mm("left_margin") <= 35 and 15 <= mm("right_margin") <= 20
    assert (mm("top_margin"), mm("left_margin"), mm("right_margin")) == (20.0, 30.0, 15.0)


def text_of(document: object) -> str:
    xml = document.element.xml  # type: ignore[attr-defined]
    return str(xml)


@pytest.mark.parametrize("kind", KINDS)
def test_the_shipped_templates_have_the_decrees_page_and_every_placeholder(kind: str) -> None:
    document = load_template(WORD_DIR / TEMPLATE_FILES[kind])
    section = document.sections[0]
    assert_page(section)
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
    texts = [p.text for table in document.tables for cell in table._cells for p in cell.paragraphs]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    assert "Độc lập - Tự do - Hạnh phúc" in texts
    assert set(REQUIRED) <= placeholders(document)


def test_the_report_template_says_bao_cao_and_the_letter_puts_its_subject_under_the_number() -> (
    None
):
    report = build_template(REPORT)
    assert "BÁO CÁO" in [p.text for p in report.paragraphs]
    letter = build_template(DIRECTIVE)
    assert "BÁO CÁO" not in [p.text for p in letter.paragraphs]
    assert letter.tables[0].rows[2].cells[0].text == slot("trich_yeu")


def test_a_template_without_a_required_placeholder_is_refused_naming_it(tmp_path: Path) -> None:
    document = build_template(REPORT)
    for paragraph in document.paragraphs:
        if slot("kinh_gui") in paragraph.text:
            paragraph.runs[0].text = "Kính gửi: Bộ Nội vụ."
    path = tmp_path / "bao_cao.docx"
    document.save(str(path))
    with pytest.raises(TemplateError) as raised:
        load_template(path)
    message = str(raised.value)
    assert "thiếu trường bắt buộc {{kinh_gui}}" in message and str(path) in message


def test_an_unreadable_template_gets_a_vietnamese_message(tmp_path: Path) -> None:
    path = tmp_path / "bao_cao.docx"
    path.write_bytes(b"not a docx")
    with pytest.raises(TemplateError, match="Không mở được mẫu văn bản"):
        load_template(path)


def test_values_go_in_as_text_never_as_placeholders_fields_or_control_characters() -> None:
    document = build_template(REPORT)
    place = body_place(document)
    sneaky = "Bác Ái {{noi_dung}} {{nguoi_ky}} DDEAUTO c:\\cmd.exe \x07\x1b=1+1"
    fill(document, {name: sneaky for name in REQUIRED if name != "noi_dung"})
    xml = text_of(document)
    assert "Bác Ái {{noi_dung}} {{nguoi_ky}} DDEAUTO c:\\cmd.exe =1+1" in xml
    assert "\x07" not in xml and "\x1b" not in xml
    assert "instrText" not in xml and "fldSimple" not in xml  # the body has no field at all
    assert place.text == slot("noi_dung")  # untouched: fill leaves the body's place


def test_an_empty_value_removes_its_line_but_not_a_cells_last() -> None:
    document = build_template(REPORT)
    fill(document, {"co_quan_chu_quan": "", "co_quan_ban_hanh": "ỦY BAN NHÂN DÂN"})
    cell = document.tables[0].rows[0].cells[0]
    assert [p.text for p in cell.paragraphs if p.text] == ["ỦY BAN NHÂN DÂN"]


def test_a_body_place_sharing_its_paragraph_is_refused() -> None:
    document = build_template(REPORT)
    place = body_place(document)
    place.runs[0].text = "Nội dung: {{noi_dung}}"
    with pytest.raises(TemplateError, match="phải đứng riêng một đoạn"):
        body_place(document)


def test_blocks_become_headings_paragraphs_real_tables_and_images(chart_png: bytes) -> None:
    document = build_template(REPORT)
    table = Table(
        "Bảng 1. Xếp hạng",
        ("STT", "Đơn vị", "Chỉ số (%)"),
        (("1", "Bác Ái", "85,48%"),),
        numeric=(2,),
    )
    blocks = [
        Heading("I. KẾT QUẢ"),
        Paragraph("Chỉ số đạt 85,48%.", lead="Kết quả: "),
        table,
        Figure(chart_png, "Hình 1. Xếp hạng"),
    ]
    render(document, body_place(document), blocks)
    saved = io.BytesIO()
    document.save(saved)
    reopened = open_document(io.BytesIO(saved.getvalue()))
    texts = [p.text for p in reopened.paragraphs]
    assert "I. KẾT QUẢ" in texts and "Kết quả: Chỉ số đạt 85,48%." in texts
    assert slot("noi_dung") not in texts
    heading = next(p for p in reopened.paragraphs if p.text == "I. KẾT QUẢ")
    assert heading.style.name == "Heading 1"
    body_table = reopened.tables[1]  # after the letterhead
    assert [c.text for c in body_table.rows[1].cells] == ["1", "Bác Ái", "85,48%"]
    assert len(reopened.inline_shapes) == 1
    width_px, _ = png_size(chart_png)
    assert reopened.inline_shapes[0].width == Mm(styles.TEXT_WIDTH_MM)
    assert width_px / (styles.TEXT_WIDTH_MM / 25.4) >= 300  # print resolution


@pytest.fixture(scope="module")
def chart_png() -> bytes:
    from sipas.export.official.results import chart_png as make

    spec = {
        "data": {"values": [{"đơn_vị": "Bác Ái", "giá_trị": 85.48}]},
        "mark": "bar",
        "encoding": {
            "y": {"field": "đơn_vị", "type": "nominal"},
            "x": {"field": "giá_trị", "type": "quantitative"},
        },
    }
    return make(spec)


def test_dates_and_lists_as_the_decree_writes_them() -> None:
    assert (
        place_and_date("Ninh Thuận", dt.date(2026, 2, 5)) == "Ninh Thuận, ngày 05 tháng 02 năm 2026"
    )
    assert (
        place_and_date("Khánh Hòa", dt.date(2026, 11, 12)) == "Khánh Hòa, ngày 12 tháng 11 năm 2026"
    )
    assert place_and_date("Khánh Hòa", dt.date(2026, 3, 9)) == "Khánh Hòa, ngày 09 tháng 3 năm 2026"
    assert recipient_lines(("Như trên", "Lưu: VT, NC")) == "- Như trên;\n- Lưu: VT, NC."
    assert addressees(("Bộ Nội vụ",)) == "Kính gửi: Bộ Nội vụ."
    assert addressees(("A", "B")) == "Kính gửi:\n- A;\n- B."


def test_the_letterhead_fills_in_the_province() -> None:
    head = load_letterhead("Khánh Hòa", WORD_DIR)
    assert head.co_quan_ban_hanh == "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA"
    assert head.dia_danh == "Khánh Hòa" and head.ky_hieu_bao_cao == "BC-UBND"


def test_the_overview_sees_a_broken_template_and_its_repair(tmp_path: Path) -> None:
    from sipas.export.official.documents import template_problems

    for kind, name in TEMPLATE_FILES.items():
        build_template(kind).save(str(tmp_path / name))
    assert template_problems(tmp_path) == []
    broken = build_template(DIRECTIVE)
    for paragraph in broken.tables[-1].rows[0].cells[0].paragraphs:
        if slot("noi_nhan") in paragraph.text:
            paragraph.runs[0].text = "- Như trên."
    broken.save(str(tmp_path / TEMPLATE_FILES[DIRECTIVE]))
    (problem,) = template_problems(tmp_path)
    assert "cong_van.docx thiếu trường bắt buộc {{noi_nhan}}" in problem
    build_template(DIRECTIVE).save(str(tmp_path / TEMPLATE_FILES[DIRECTIVE]))
    assert template_problems(tmp_path) == []
