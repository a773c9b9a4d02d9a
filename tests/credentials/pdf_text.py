"""Read back the text a PDF shows, the way a reader's copy-paste does: each text run's glyph
codes mapped through its font's ToUnicode map. Enough for the certificates fpdf2 writes (Type0
fonts, literal strings in Tj/TJ), so the tests need no PDF library."""

import re
import zlib

_OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_STREAM_START = re.compile(rb"stream\r?\n")
_LENGTH = re.compile(rb"/Length (\d+)")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _stream(body: bytes) -> bytes:
    # Exactly /Length bytes: compressed data may itself end in "\r", which a pattern for the
    # line ending before "endstream" would take away (a truncated stream, one run in many).
    start, length = _STREAM_START.search(body), _LENGTH.search(body)
    if start is None or length is None:
        return b""
    raw = body[start.end() : start.end() + int(length.group(1))]
    return zlib.decompress(raw) if b"/FlateDecode" in body else raw


def _literal(data: bytes, start: int) -> tuple[bytes, int]:
    """The bytes of the literal string opening at data[start] ("("), and the index after it."""
    out, depth, i = bytearray(), 1, start + 1
    while True:
        char = data[i : i + 1]
        if char == b"\\":
            nxt = data[i + 1 : i + 2]
            octal = re.match(rb"[0-7]{1,3}", data[i + 1 : i + 4])
            if octal:
                out.append(int(octal.group(), 8) & 0xFF)
                i += 1 + len(octal.group())
                continue
            out += _ESCAPES.get(nxt, nxt)
            i += 2
            continue
        if char == b"(":
            depth += 1
        elif char == b")":
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
        out += char
        i += 1


def pdf_text(pdf: bytes) -> str:
    objects = {int(num): body for num, body in _OBJECT.findall(pdf)}
    maps: dict[bytes, dict[int, str]] = {}
    for body in objects.values():
        for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", body):
            font = objects.get(int(ref), b"")
            unicode_ref = re.search(rb"/ToUnicode (\d+) 0 R", font)
            if unicode_ref is None:
                continue
            cmap = _stream(objects[int(unicode_ref.group(1))])
            maps[name] = {
                int(src, 16): bytes.fromhex(dst.decode()).decode("utf-16-be")
                for src, dst in re.findall(rb"<([0-9A-Fa-f]{4})> <([0-9A-Fa-f]+)>", cmap)
            }
    runs: list[str] = []
    for body in objects.values():
        if b"/Length" not in body or b"BT" not in _stream(body)[:4096]:
            continue
        content, font, i = _stream(body), b"", 0
        while i < len(content):
            tf = re.match(rb"/(F\d+) [\d.]+ Tf", content[i:])
            if tf:
                font, i = tf.group(1), i + tf.end()
                continue
            if content[i : i + 1] == b"(":
                codes, i = _literal(content, i)
                glyphs = maps.get(font, {})
                runs.append(
                    "".join(
                        glyphs.get(int.from_bytes(codes[k : k + 2], "big"), "?")
                        for k in range(0, len(codes), 2)
                    )
                )
                continue
            if content[i : i + 2] in (b"Tj", b"ET"):
                runs.append("\n")
            i += 1
    return re.sub(r" *\n[\n ]*", "\n", "".join(runs))
