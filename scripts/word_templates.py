"""Rebuild the letterhead templates data/word/bao_cao.docx and data/word/cong_van.docx from
code (sipas.export.word.layout). A province edits them in Word or replaces them; this script is
only for going back to the layout the program ships."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sipas.core.config import WORD_DIR  # noqa: E402
from sipas.export.word.layout import save_templates  # noqa: E402

if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else WORD_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for path in save_templates(folder):
        print(path)
