"""Word documents (.docx, python-docx): the administrative layout of Nghị định 30/2020/NĐ-CP
(page, styles, letterhead from a template under data/word/), and content blocks – headings,
paragraphs, real tables, images – rendered into it."""
