"""The printable certificate of one verified experience: an A4 PDF a drafter can attach to an
application or print, next to the signed Open Badges file badge wallets read.

A plain function from facts to bytes. The text is real PDF text (DejaVu Sans, subset in
./fonts), so it can be searched and copied; a character the font cannot draw (an emoji, a
script that would need shaping) is left out rather than drawn as an empty box, and a name left
empty by that falls back to the person's handle."""

import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import qrcode  # type: ignore[import-untyped]
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR = FONTS / "DejaVuSans.ttf"
BOLD = FONTS / "DejaVuSans-Bold.ttf"

ACCENT = (37, 99, 235)
TEXT = (17, 24, 39)
MUTED = (75, 85, 99)
RULE = (209, 213, 219)


@dataclass(frozen=True)
class CertificateFacts:
    drafter_name: str
    drafter_handle: str
    title: str
    mentor_name: str
    mentor_role: str  # "Head of Research at Acme" or "" when the mentor gave neither
    started: str  # dates already written for people ("3 March 2026")
    completed: str
    hours: int | None
    skills: list[str]
    issuer_name: str
    issued_on: str
    verify_url: str
    credential_id: str
    revoked: bool = False


@lru_cache(maxsize=1)
def _drawable() -> frozenset[int]:
    """The code points both certificate fonts can draw."""
    points: set[int] | None = None
    for path in (REGULAR, BOLD):
        cmap = set(TTFont(path, lazy=True).getBestCmap())
        points = cmap if points is None else points & cmap
    return frozenset(points or ())


def printable(text: str, *, fallback: str = "") -> str:
    """`text` with only what the fonts draw: composed first (so "e" + accent becomes one
    glyph), control and unknown characters dropped, runs of spaces folded. Empty -> fallback."""
    drawable = _drawable()
    composed = unicodedata.normalize("NFC", text)
    kept = "".join(
        char if ord(char) in drawable else " "
        for char in composed
        if unicodedata.category(char)[0] != "C"
    )
    cleaned = " ".join(kept.split())
    return cleaned or fallback


def _qr_png(url: str) -> io.BytesIO:
    code = qrcode.QRCode(border=1, box_size=10, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(url)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white")
    out = io.BytesIO()
    image.save(out)
    out.seek(0)
    return out


def _hours_text(hours: int | None) -> str:
    if not hours:
        return "Real work, confirmed by the mentor"
    return f"About {hours} hour{'s' if hours != 1 else ''}"


def certificate_pdf(facts: CertificateFacts, *, compress: bool = True) -> bytes:
    """The certificate as PDF bytes (`compress=False` keeps the page text readable in the file,
    which is what the tests read)."""
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_compression(compress)
    pdf.set_title(printable(f"Certificate of verified work: {facts.title}"))
    pdf.set_author(printable(facts.issuer_name, fallback="Slipstream"))
    pdf.set_creator("Slipstream")
    pdf.add_font("Cert", "", REGULAR)
    pdf.add_font("Cert", "B", BOLD)
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(22, 22, 22)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    # A thin frame: it reads as a certificate when printed.
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.6)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)

    pdf.set_text_color(*ACCENT)
    pdf.set_font("Cert", "B", 16)
    pdf.cell(width, 8, printable(facts.issuer_name, fallback="Slipstream"), **_next_line())
    pdf.set_text_color(*MUTED)
    pdf.set_font("Cert", "", 10)
    pdf.cell(width, 6, "CERTIFICATE OF VERIFIED WORK", **_next_line())
    if facts.revoked:
        pdf.set_text_color(185, 28, 28)
        pdf.set_font("Cert", "B", 11)
        pdf.cell(width, 7, "Withdrawn: its holder revoked this credential.", **_next_line())
    pdf.ln(14)

    pdf.set_text_color(*MUTED)
    pdf.set_font("Cert", "", 12)
    pdf.cell(width, 7, "This certifies that", **_next_line())
    pdf.ln(2)
    pdf.set_text_color(*TEXT)
    pdf.set_font("Cert", "B", 26)
    name = printable(facts.drafter_name, fallback=f"@{facts.drafter_handle}")
    pdf.multi_cell(width, 12, name, **_next_line())
    pdf.ln(2)
    pdf.set_text_color(*MUTED)
    pdf.set_font("Cert", "", 12)
    pdf.multi_cell(
        width,
        7,
        "did this piece of real work for a professional, who reviewed and approved it:",
        **_next_line(),
    )
    pdf.ln(3)
    pdf.set_text_color(*TEXT)
    pdf.set_font("Cert", "B", 18)
    pdf.multi_cell(width, 9, printable(facts.title, fallback="Verified work"), **_next_line())
    pdf.ln(8)

    mentor = printable(facts.mentor_name, fallback="The mentor")
    role = printable(facts.mentor_role)
    rows = [
        ("Mentor", f"{mentor}, {role}" if role else mentor),
        ("Dates", f"{facts.started} to {facts.completed}" if facts.started else facts.completed),
        ("Time", _hours_text(facts.hours)),
        ("Verified skills", printable(", ".join(facts.skills)) or "Not listed"),
    ]
    label_width = 42
    for label, value in rows:
        pdf.set_text_color(*MUTED)
        pdf.set_font("Cert", "", 11)
        y = pdf.get_y()
        pdf.cell(label_width, 7, label)
        pdf.set_xy(pdf.l_margin + label_width, y)
        pdf.set_text_color(*TEXT)
        pdf.multi_cell(width - label_width, 7, value, **_next_line())
        pdf.ln(1.5)

    pdf.ln(6)
    pdf.set_draw_color(*RULE)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
    pdf.ln(6)
    pdf.set_text_color(*TEXT)
    pdf.set_font("Cert", "", 11)
    issuer = printable(facts.issuer_name, fallback="Slipstream")
    pdf.multi_cell(width, 6, f"Issued by {issuer} on {facts.issued_on}.", **_next_line())

    # The check: the address in full (typed by hand from paper) and the same as a QR code.
    qr_size = 42
    top = pdf.h - 22 - qr_size - 4
    if pdf.get_y() > top - 4:  # a very long title or skill list: the check goes overleaf
        pdf.add_page()
    pdf.image(_qr_png(facts.verify_url), x=pdf.w - 22 - qr_size, y=top, w=qr_size, h=qr_size)
    text_width = width - qr_size - 8
    pdf.set_xy(pdf.l_margin, top)
    pdf.set_font("Cert", "B", 11)
    pdf.multi_cell(text_width, 6, "Check this certificate", **_next_line())
    pdf.set_font("Cert", "", 10)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(
        text_width,
        5,
        "Open this address (or scan the code) to see the record live on the site, "
        "with its signature checked and whether it was withdrawn:",
        **_next_line(),
    )
    pdf.ln(1)
    pdf.set_text_color(*ACCENT)
    pdf.set_font("Cert", "", 10)
    pdf.multi_cell(text_width, 5, facts.verify_url, link=facts.verify_url, **_next_line())
    pdf.ln(2)
    pdf.set_text_color(*MUTED)
    pdf.set_font("Cert", "", 8)
    pdf.multi_cell(text_width, 4, f"Credential id: {facts.credential_id}", **_next_line())
    return bytes(pdf.output())


def _next_line() -> dict:
    return {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT, "align": "L"}
