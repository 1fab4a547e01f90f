"""The Word report and the directive draft on the demo database, made by the `report`
command: the decree's page and type, the motto block, a ranking table equal to the `indices`
command's numbers, a gap table equal to the `gaps` command's, the charts at print resolution,
the directive naming every unit below target with its task from the registry, the "Chưa có …"
sentences for a wave without data and a scope without targets, and LibreOffice's PDF of it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document as open_document
from docx.document import Document

from sipas.core import clock
from sipas.core.config import WORD_DIR
from sipas.core.formatting import format_date, format_int, format_percent
from sipas.core.permissions import STAFF, User
from sipas.export.word import styles
from sipas.gaps.texts import gap_cell
from sipas.storage.engine import make_engine, transaction
from sipas.storage.tasks import TaskSpec
from sipas.tasks.workflow import create_task
from tests.storage.test_cli import sipas
from tests.unit.test_word_document import assert_page, png_size

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "word"


def make(url: str, tmp_path: Path, *args: str) -> Document:
    """The document the `report` command writes for `args`, opened with python-docx."""
    path = tmp_path / f"{'-'.join(a.strip('-') for a in args) or 'report'}.docx"
    done = sipas(url, "report", *args, "-o", str(path))
    assert done.returncode == 0, done.stderr
    return open_document(str(path))


def cli_rows(url: str, *args: str) -> list[dict[str, str]]:
    done = sipas(url, *args)
    assert done.returncode == 0, done.stderr
    return list(csv.DictReader(io.StringIO(done.stdout)))


def all_text(document: Document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [p.text for table in document.tables for cell in table._cells for p in cell.paragraphs]
    return "\n".join(parts)


def table_with(document: Document, *headers: str) -> list[list[str]]:
    """The rows (header first) of the body table whose header row holds `headers`."""
    for table in document.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if all(header in rows[0] for header in headers):
            return rows
    raise AssertionError(f"no table with {headers}")


def records(rows: list[list[str]]) -> list[dict[str, str]]:
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, demo_file: Path) -> str:
    """A copy of the demo with one remediation task in the registry (and a text that looks
    like a placeholder and a field)."""
    copy = tmp_path_factory.mktemp("word") / "demo.db"
    shutil.copy(demo_file, copy)
    url = f"sqlite:///{copy}"
    engine = make_engine(url)
    spec = TaskSpec(
        finding="Tiêu chí 22 đạt thấp tại Bác Ái {{nguoi_ky}}",
        lead_unit_code="bac-ai",
        deadline=dt.date(2026, 6, 30),
        solution='Niêm yết kết quả xử lý phản ánh =HYPERLINK("x")',
        supporting_units=("ninh-son",),
        measure="sipas",
        unit_code="bac-ai",
        wave_code="2024",
    )
    with transaction(engine) as session:
        create_task(session, spec, User("chuyenvien", "Chuyên viên", STAFF))
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def report(demo: str, tmp_path_factory: pytest.TempPathFactory) -> Document:
    return make(demo, tmp_path_factory.mktemp("report"), "--wave", "2024")


def test_the_report_has_the_decrees_page_type_and_letterhead(report: Document) -> None:
    assert_page(report.sections[0])
    assert report.styles["Normal"].font.name == "Times New Roman"
    assert 13 <= report.styles["Normal"].font.size.pt <= 14
    body_fonts = {run.font.name for p in report.paragraphs for run in p.runs}
    assert body_fonts <= {None, "Times New Roman"}  # nothing overrides the body's font
    text = all_text(report)
    for line in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN\nTỈNH NINH THUẬN",
        "/BC-UBND",
        "Kính gửi: Bộ Nội vụ.",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        "BÁO CÁO",
        "I. MỤC ĐÍCH, CĂN CỨ",
        "IV. KẾT QUẢ KHẢO SÁT",
        "IX. ĐỀ XUẤT, KIẾN NGHỊ",
        "PHỤ LỤC 1. CHỈ SỐ THEO YẾU TỐ CỦA TỪNG ĐƠN VỊ",
    ):
        assert line in text, line
    assert f"Ninh Thuận, ngày {clock.today():%d}" in text  # Vietnam's day
    assert "{{" not in text.replace("{{nguoi_ky}}", "")  # only the task's own text has one


def test_the_ranking_table_equals_the_indices_command(demo: str, report: Document) -> None:
    expected = {
        row["unit"]: float(row["sipas"])
        for row in cli_rows(demo, "indices", "--wave", "2024", "--by", "unit")
    }
    shown = records(table_with(report, "Đơn vị", "Chỉ số (%)", "Xếp hạng", "Tăng/giảm bậc"))
    assert {row["Đơn vị"] for row in shown} == set(expected)
    rounded = {unit: round(value, 2) for unit, value in expected.items()}
    for row in shown:
        value = float(row["Chỉ số (%)"].rstrip("%").replace(",", "."))
        assert abs(value - expected[row["Đơn vị"]]) <= 0.005 + 1e-9
        rank = 1 + sum(other > rounded[row["Đơn vị"]] for other in rounded.values())
        assert row["Xếp hạng"] == f"{rank}/{len(expected)}"
    assert [row["STT"] for row in shown] == [str(i) for i in range(1, len(shown) + 1)]


def test_the_gap_table_equals_the_gaps_command(demo: str, report: Document) -> None:
    expected = {
        row["unit"]: row for row in cli_rows(demo, "gaps", "--wave", "2024", "--level", "district")
    }
    shown = records(table_with(report, "Số người hài lòng cần thêm"))
    assert {row["Đơn vị"] for row in shown} == set(expected)
    for row in shown:
        cli = expected[row["Đơn vị"]]
        assert row["Giá trị"] == format_percent(float(cli["value"]))
        assert row["Số người hài lòng cần thêm"] == format_int(float(cli["gap_people"]))
        numbers = {
            key: float(cli[key]) if cli[key] else float("nan")
            for key in ("value", "target", "gap_pp")
        }
        assert row["Khoảng cách"] == gap_cell({**numbers, "status": cli["status"]})


def test_the_charts_are_embedded_at_print_resolution(report: Document) -> None:
    shapes = report.inline_shapes
    assert len(shapes) >= 2  # the ranking and the fields against their targets
    for shape in shapes:
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        png = report.part.related_parts[blip.embed].blob
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width_px, _ = png_size(png)
        assert width_px / shape.width.inches >= 300
        assert round(shape.width.mm) == round(styles.TEXT_WIDTH_MM)


def test_the_report_lists_the_registrys_task_as_text(report: Document) -> None:
    rows = records(table_with(report, "Tồn tại, hạn chế", "Hiệu quả"))
    task = rows[0]
    assert task["Tồn tại, hạn chế"] == "Tiêu chí 22 đạt thấp tại Bác Ái {{nguoi_ky}}"
    assert task["Nhiệm vụ, giải pháp"] == 'Niêm yết kết quả xử lý phản ánh =HYPERLINK("x")'
    assert task["Đơn vị chủ trì"] == "Bác Ái" and task["Thời hạn"] == "30/06/2026"
    assert "fldSimple" not in report.element.xml and "instrText" not in report.element.xml


def test_the_directive_names_every_unit_below_target_with_its_task(
    demo: str, tmp_path: Path
) -> None:
    directive = make(demo, tmp_path, "--wave", "2024", "--kind", "directive")
    assert_page(directive.sections[0])
    gaps = cli_rows(demo, "gaps", "--wave", "2024", "--level", "district")
    below = [
        row["unit"]
        for row in gaps
        if (row["target"] and row["status"] != "meets")
        or (row["rank_target"] and row["rank"] and float(row["rank"]) > float(row["rank_target"]))
    ]
    meeting = [row["unit"] for row in gaps if row["unit"] not in below]
    assert below and meeting  # the demo has both
    to = next(p.text for p in directive.paragraphs if p.text.startswith("Kính gửi:"))
    for unit in below:
        assert f"Ủy ban nhân dân huyện {unit}" in to or f"Ủy ban nhân dân thành phố {unit}" in to
    assert not any(unit in to for unit in meeting)
    headings = [p.text for p in directive.paragraphs if p.style.name == "Heading 2"]
    gap = {row["unit"]: float(row["gap_pp"] or "nan") for row in gaps}
    largest_first = sorted(below, key=lambda unit: -gap[unit])  # as the gap page sorts
    assert [h.split(". ", 1)[1] for h in headings] == largest_first
    text = all_text(directive)
    assert "V/v triển khai khắc phục hạn chế theo kết quả khảo sát sự hài lòng đợt 2024" in text
    assert "/UBND-NC" in text
    assert (
        'Niêm yết kết quả xử lý phản ánh =HYPERLINK("x"); chủ trì: Bác Ái; phối hợp: Ninh Sơn; '
        f"thời hạn: {format_date(dt.date(2026, 6, 30))}."
    ) in text
    rows = records(table_with(directive, "Đơn vị chủ trì", "Thời hạn"))
    assert {row["Đơn vị"] for row in rows} == set(below)


def test_a_wave_without_data_for_the_scope_says_so(demo: str, tmp_path: Path) -> None:
    for kind in ("report", "directive"):
        document = make(demo, tmp_path, "--wave", "2025", "--level", "district", "--kind", kind)
        text = all_text(document)
        assert "Chưa có dữ liệu khảo sát của đợt 2025 cho các đơn vị cấp huyện" in text
        assert len(document.tables) == 2  # the letterhead and the signature, no empty table
        assert "TỈNH KHÁNH HÒA" in text  # the province of the wave's map


def test_a_scope_without_targets_says_so(demo_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "demo.db"
    shutil.copy(demo_file, copy)
    with sqlite3.connect(copy) as connection:
        connection.execute("DELETE FROM target_changes")
        connection.execute("DELETE FROM targets")
    url = f"sqlite:///{copy}"
    report = make(url, tmp_path, "--wave", "2024")
    text = all_text(report)
    assert "Chưa có mục tiêu áp dụng cho các đơn vị được báo cáo trong năm 2024" in text
    assert "Chưa có mục tiêu theo lĩnh vực cho năm 2024." in text
    table_with(report, "Xếp hạng", "Tăng/giảm bậc")  # the results are still there
    directive = make(url, tmp_path, "--wave", "2024", "--kind", "directive")
    assert "Chưa có mục tiêu áp dụng" in all_text(directive)


def test_bad_arguments_get_vietnamese_messages(demo: str, tmp_path: Path) -> None:
    done = sipas(demo, "report", "--wave", "2030", "-o", str(tmp_path / "x.docx"))
    assert done.returncode == 1 and "Không có đợt khảo sát '2030'" in done.stderr
    done = sipas(demo, "report", "--wave", "2024", "-o", str(tmp_path / "x.pdf"))
    assert done.returncode == 1 and "phải có đuôi .docx" in done.stderr


@pytest.mark.skipif(not shutil.which("soffice"), reason="libreoffice-writer missing")
def test_libreoffice_prints_it_with_every_vietnamese_letter(demo: str, tmp_path: Path) -> None:
    path = tmp_path / "bao_cao.docx"
    assert sipas(demo, "report", "--wave", "2024", "-o", str(path)).returncode == 0
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp_path / "bao_cao.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))[6:])
    assert pages >= 6
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for line in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Kính gửi: Bộ Nội vụ.",
        "Nơi nhận:",
        "VI. Ý KIẾN CỦA NGƯỜI DÂN, TỔ CHỨC",
    ):
        assert line in text, line
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert "LiberationSerif" in fonts  # Times New Roman's metric twin, with every Vietnamese letter
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "80",
            "-png",
            "-f",
            "1",
            "-l",
            "3",
            str(pdf),
            str(ARTIFACTS / "bao-cao"),
        ],
        check=True,
    )
    assert len(list(ARTIFACTS.glob("bao-cao-*.png"))) >= 3


def test_a_provinces_own_letterhead_is_used_and_a_broken_one_refused(
    demo: str, tmp_path: Path
) -> None:
    folder = tmp_path / "word"
    shutil.copytree(WORD_DIR, folder)
    template = open_document(str(folder / "bao_cao.docx"))
    for paragraph in template.tables[0].rows[0].cells[0].paragraphs:
        if "{{co_quan_ban_hanh}}" in paragraph.text:
            paragraph.runs[0].text = "SỞ NỘI VỤ TỈNH KHÁNH HÒA"  # typed in, no placeholder
    template.save(str(folder / "bao_cao.docx"))
    env = {**os.environ, "SIPAS_DATABASE_URL": demo, "SIPAS_WORD_DIR": str(folder)}
    path = tmp_path / "bao_cao.docx"
    command = [sys.executable, "-m", "sipas", "report", "--wave", "2024", "-o", str(path)]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "SỞ NỘI VỤ TỈNH KHÁNH HÒA" in all_text(open_document(str(path)))
    for paragraph in template.paragraphs:
        if "{{trich_yeu}}" in paragraph.text:
            paragraph.runs[0].text = "Báo cáo"
    template.save(str(folder / "bao_cao.docx"))
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert "thiếu trường bắt buộc {{trich_yeu}}" in done.stderr
