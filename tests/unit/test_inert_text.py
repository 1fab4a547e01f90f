"""User text is inert: every Markdown-rendering call of the pages and of sipas.ui gets text
that is a constant, a catalogue text without parameters, or text escaped by sipas.ui.safe.

Streamlit reads the text of these calls (and of every widget's label and help) as Markdown,
so a unit name or a target's source put there unescaped could show an image fetched from
anywhere, a link or HTML in another user's browser. A call whose text is already escaped
upstream says so with a comment `# inert: <why>` on its line or the line above.
"""

from __future__ import annotations

import ast
from pathlib import Path

from sipas.ui.safe import JOINER, escape_markdown, md

ROOT = Path(__file__).resolve().parents[2]
RENDERING = {
    "markdown", "caption", "info", "success", "warning", "error", "write", "toast", "title",
    "header", "subheader", "expander", "popover", "tabs", "metric", "button", "download_button",
    "link_button", "page_link", "checkbox", "toggle", "radio", "text_input", "text_area",
    "number_input", "date_input", "selectbox", "multiselect", "file_uploader", "slider",
    "form_submit_button", "select_slider", "status", "dialog", "pills", "segmented_control",
    "download", "choice", "page_picker",
}  # fmt: skip
ESCAPING = {"escape_markdown", "md", "t"}  # t(...) without parameters is a catalogue constant


def _safe(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.JoinedStr):
        return all(_safe(part) for part in node.values)
    if isinstance(node, ast.FormattedValue):
        return _safe(node.value)
    if isinstance(node, ast.BinOp):
        return _safe(node.left) and _safe(node.right)
    if isinstance(node, ast.IfExp):
        return _safe(node.body) and _safe(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple)):
        return all(_safe(element) for element in node.elts)
    if isinstance(node, ast.ListComp):
        return _safe(node.elt)
    if isinstance(node, ast.Call):
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        if name == "t":
            return not node.keywords
        return name in ESCAPING
    return False


def _texts(call: ast.Call) -> list[ast.expr]:
    texts = [k.value for k in call.keywords if k.arg in ("label", "help")]
    first = call.args[:1] if getattr(call.func, "attr", "") != "page_link" else []  # a page
    return [*first, *texts]


def unescaped_calls() -> list[str]:
    found = []
    sources = [*ROOT.glob("pages/*.py"), *ROOT.glob("sipas/ui/**/*.py"), ROOT / "app.py"]
    for path in sources:
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            if node.func.attr not in RENDERING:
                continue
            span = range(node.lineno - 1, (node.end_lineno or node.lineno) + 1)
            marked = any("# inert:" in lines[n - 1] for n in span)
            if not marked and not all(_safe(text) for text in _texts(node)):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_markdown_call_gets_constant_or_escaped_text() -> None:
    assert unescaped_calls() == []


def test_escaping_leaves_no_markdown_html_math_or_directive() -> None:
    hostile = "<img src=http://127.0.0.1:9/x.png> [x](javascript:alert(1)) **b** $x$ :red[x]"
    escaped = escape_markdown(f"- {hostile}\n# heading\r\n* item www.x.vn a@b.vn :smile:")
    assert "\n" not in escaped and "\r" not in escaped
    j = JOINER
    assert escaped.startswith(rf"\- \<img src=http:{j}//127.0.0.1:9/x.png\> \[x\](javascript:{j}")
    assert (
        rf"\*\*b\*\* \$x\$ :{j}red\[x\] \# heading \* item www{j}.x.vn a{j}@b.vn :{j}smile:"
        in escaped
    )
    # removing the backslashes and joiners gives the text back, with line breaks as spaces
    shown = escaped.replace("\\", "").replace(j, "")
    assert shown == f"- {hostile} # heading * item www.x.vn a@b.vn :smile:"
    assert escape_markdown("1. Ninh Sơn") == r"1\. Ninh Sơn"
    assert escape_markdown(r"a\*b") == r"a\\\*b"  # a typed backslash stays a backslash


def test_ordinary_sentences_come_back_unchanged() -> None:
    sentence = "Ninh Sơn đạt 87,22% (n = 500), thấp hơn mục tiêu 2,78 điểm %; lúc 09:30."
    assert escape_markdown(sentence) == sentence


def test_catalogue_markdown_stays_and_parameters_are_escaped() -> None:
    text = md("gaps.page.threshold_applied", target="90%", source="[KH](http://x)")
    assert text.startswith("**Ngưỡng áp dụng:** 90% – theo")
    assert rf"\[KH\](http:{JOINER}//x)" in text
