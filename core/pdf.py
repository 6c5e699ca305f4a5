"""Printable papers as PDF (a delivery receipt, an invoice): a title, the parties, a table of
lines, totals, notes and signature boxes, on A4. Built with fpdf2's core fonts, which cover
Latin-1: characters beyond it (a dash, curly quotes) are replaced by their plain forms."""

from dataclasses import dataclass, field

from fpdf import FPDF

PLAIN = str.maketrans(
    {"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "•": "-", "·": "-"}
)
MARGIN = 15
WIDTH = 210 - 2 * MARGIN


def plain(text) -> str:
    """Text the core fonts can print."""
    return str(text).translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


@dataclass
class Paper:
    """What one printed paper says. ``table`` is (headings, rows, column widths in %,
    alignments "L"/"R"); ``parties`` is a list of (heading, lines)."""

    title: str
    number: str
    parties: list[tuple[str, list[str]]] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    table: tuple[list[str], list[list[str]], list[int], list[str]] | None = None
    totals: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    signatures: list[str] = field(default_factory=list)


def _parties(pdf: FPDF, parties) -> None:
    if not parties:
        return
    column = WIDTH / len(parties)
    top = pdf.get_y()
    bottom = top
    for index, (heading, lines) in enumerate(parties):
        pdf.set_xy(MARGIN + index * column, top)
        pdf.set_font("Helvetica", "B", 10)
        pdf.multi_cell(column - 4, 5, plain(heading), new_x="LEFT", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        for line in lines:
            pdf.multi_cell(column - 4, 5, plain(line), new_x="LEFT", new_y="NEXT")
        bottom = max(bottom, pdf.get_y())
    pdf.set_xy(MARGIN, bottom + 4)


def _table(pdf: FPDF, table) -> None:
    headings, rows, widths, aligns = table
    widths = [WIDTH * share / 100 for share in widths]
    pdf.set_font("Helvetica", "B", 9)
    for heading, width, align in zip(headings, widths, aligns, strict=True):
        pdf.cell(width, 7, plain(heading), border=1, align=align)
    pdf.ln()
    pdf.set_font("Helvetica", "", 9)
    for row in rows:
        for value, width, align in zip(row, widths, aligns, strict=True):
            pdf.cell(width, 7, plain(value), border=1, align=align)
        pdf.ln()
    pdf.ln(2)


def render(paper: Paper) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_margins(MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=MARGIN)
    pdf.add_page()
    pdf.set_title(plain(f"{paper.title} {paper.number}"))
    pdf.set_font("Helvetica", "B", 15)
    pdf.cell(WIDTH, 8, plain(paper.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(WIDTH, 6, plain(paper.number), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    _parties(pdf, paper.parties)
    for label, value in paper.facts:
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(WIDTH * 0.35, 6, plain(label))
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(WIDTH * 0.65, 6, plain(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    if paper.table:
        _table(pdf, paper.table)
    for label, value in paper.totals:
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(WIDTH * 0.7, 6, plain(label), align="R")
        pdf.cell(WIDTH * 0.3, 6, plain(value), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    for note in paper.notes:
        pdf.ln(2)
        pdf.multi_cell(WIDTH, 5, plain(note), new_x="LMARGIN", new_y="NEXT")
    if paper.signatures:
        pdf.ln(8)
        column = WIDTH / len(paper.signatures)
        pdf.set_font("Helvetica", "", 10)
        for label in paper.signatures:
            pdf.cell(column, 6, plain(label), align="C")
        pdf.ln(24)
        for _label in paper.signatures:
            pdf.cell(column, 6, "(................................)", align="C")
        pdf.ln()
    return bytes(pdf.output())
