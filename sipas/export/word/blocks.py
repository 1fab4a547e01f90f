"""What a document's body is made of, independent of Word: headings, paragraphs, tables of
text and images. The report modules build lists of these; sipas.export.word.render draws them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    """A numbered part ("I. MỤC ĐÍCH, CĂN CỨ"): level 1 for parts, 2 for sections, 3 below."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """Body text, justified with a first-line indent; `lead` is set in bold before the text."""

    text: str
    lead: str = ""
    italic: bool = False


@dataclass(frozen=True)
class Quote:
    """A citizen's words, in italics and quotation marks, with where they came from."""

    text: str
    source: str


@dataclass(frozen=True)
class Table:
    """A real Word table: a header row and rows of text, column widths in millimetres
    (None: equal), numbers right-aligned in the columns listed in `numeric`."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] | None = None
    numeric: tuple[int, ...] = ()
    bold_rows: tuple[int, ...] = ()
    note: str = ""
    size_pt: float | None = None  # None: the house's table size; smaller for wide annexes


@dataclass(frozen=True)
class Figure:
    """A chart as a PNG image with its caption ("Hình 1. …") under it."""

    png: bytes
    caption: str


@dataclass(frozen=True)
class PageBreak:
    """The next block starts a new page (the annexes)."""


Block = Heading | Paragraph | Quote | Table | Figure | PageBreak


@dataclass
class Body:
    """Blocks in reading order, with figure and table numbers handed out as they are added."""

    blocks: list[Block] = field(default_factory=list)
    figures: int = 0
    tables: int = 0

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def next_figure(self) -> int:
        self.figures += 1
        return self.figures

    def next_table(self) -> int:
        self.tables += 1
        return self.tables
