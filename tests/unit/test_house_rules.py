"""Rules of the code base that hold by themselves: layering and the texts catalogue."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import yaml

import sipas
from sipas.core.i18n import catalogue

ROOT = Path(__file__).resolve().parents[2]


def domain_modules() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(sipas.__path__, "sipas.")]
    skip = ("sipas.ui", "sipas.__main__")
    return [n for n in names if not n.startswith(skip) and ".migrations" not in n]


def test_domain_layer_imports_without_streamlit() -> None:
    """Every module outside sipas.ui imports with Streamlit made unimportable."""
    program = (
        "import sys, importlib\n"
        "sys.modules['streamlit'] = None\n"
        f"for name in {domain_modules()!r}:\n"
        "    importlib.import_module(name)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_every_text_key_used_in_code_exists_in_vietnamese() -> None:
    texts = catalogue("vi")
    pattern = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")
    sources = [*ROOT.glob("sipas/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]
    missing = {
        (path.name, key)
        for path in sources
        for key in pattern.findall(path.read_text(encoding="utf-8"))
        if key not in texts
    }
    assert not missing


def test_texts_are_nfc_and_other_languages_only_use_known_keys() -> None:
    vietnamese = catalogue("vi")
    for path in (ROOT / "sipas/core/locales").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), path
        assert isinstance(yaml.safe_load(text) or {}, dict), path
    assert set(catalogue("en")) <= set(vietnamese)


def test_modules_stay_small() -> None:
    for path in [*ROOT.glob("sipas/**/*.py")]:
        if "migrations" in path.parts:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 400, f"{path} has {lines} lines"
