"""Uploaded files: checked by their content, never by their name or declared type, and
removed from storage only once the transaction that dropped them has committed.

Used for portfolio files, avatars and engagement deliverables alike.
"""

import uuid
from dataclasses import dataclass
from typing import IO

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.text import get_valid_filename
from PIL import Image, UnidentifiedImageError

from accounts import error_codes
from marketplace.errors import DomainError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # about 8000 x 5000: enough for any screenshot or photo


@dataclass(frozen=True)
class UploadKind:
    name: str
    extension: str
    content_type: str
    is_image: bool


PDF = UploadKind("pdf", "pdf", "application/pdf", is_image=False)
PNG = UploadKind("png", "png", "image/png", is_image=True)
JPEG = UploadKind("jpeg", "jpg", "image/jpeg", is_image=True)
WEBP = UploadKind("webp", "webp", "image/webp", is_image=True)
DOCUMENT_KINDS = (PDF, PNG, JPEG, WEBP)
IMAGE_KINDS = (PNG, JPEG, WEBP)
_IMAGE_KIND_NAMES = frozenset(kind.name for kind in IMAGE_KINDS)


def upload_stored_name(*, folder: str, kind: UploadKind) -> str:
    """A generated storage name with the detected kind's extension: never the client's name,
    so "photo.png.html" cannot be stored, or later served, as HTML."""
    return f"{folder.rstrip('/')}/{uuid.uuid4().hex}.{kind.extension}"


def upload_display_name(*, original: str, kind: UploadKind) -> str:
    """The name shown on downloads: the client's stem, safe, with the detected extension."""
    stem = get_valid_filename(original.rsplit("/", 1)[-1] or "file").rsplit(".", 1)[0][:100]
    return f"{stem or 'file'}.{kind.extension}"


def upload_kind_of_stored(name: str) -> UploadKind | None:
    """The kind of a file stored under a generated name (by its extension, which we chose)."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return next((kind for kind in DOCUMENT_KINDS if kind.extension == extension), None)


def upload_kind_is_image(kind_name: str) -> bool:
    """Whether a stored file's kind (`PortfolioItem.file_kind`, ...) is one we show inline."""
    return kind_name in _IMAGE_KIND_NAMES


def stored_file_name(file: FieldFile) -> str:
    """The storage name of a file field that holds a file: the selectors that serve files find
    only rows with one (the stub types every FieldFile's name as optional)."""
    assert file.name is not None
    return file.name


def stored_file_delete_on_commit(name: str | None) -> None:
    """Delete a stored file once the rows that pointed at it are gone for good."""
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def _sniff(head: bytes) -> UploadKind | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    return None


def upload_validate(
    *,
    file: IO[bytes] | File,
    field: str,
    allowed: tuple[UploadKind, ...] = DOCUMENT_KINDS,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_pixels: int = MAX_IMAGE_PIXELS,
) -> UploadKind:
    """Return the file's real kind, or raise a 400 naming `field` and the rule it broke."""
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
    if size > max_bytes:
        raise DomainError(
            f"The file is too large: the limit is {max_bytes // (1024 * 1024)} MB.",
            code=error_codes.FILE_TOO_LARGE,
            fields={field: [f"Files may be at most {max_bytes // (1024 * 1024)} MB."]},
        )
    if size == 0:
        raise DomainError(
            "The file is empty.", code=error_codes.FILE_EMPTY, fields={field: ["Empty file."]}
        )
    file.seek(0)
    kind = _sniff(file.read(16))
    file.seek(0)
    names = ", ".join(k.name.upper() for k in allowed)
    if kind not in allowed:
        raise DomainError(
            f"This file type is not allowed. Upload one of: {names}.",
            code=error_codes.FILE_TYPE_NOT_ALLOWED,
            fields={field: [f"Only {names} files are accepted (checked by content)."]},
        )
    if kind.is_image:
        _check_image(file=file, field=field, max_pixels=max_pixels)
    return kind


def _check_image(*, file: IO[bytes], field: str, max_pixels: int) -> None:
    try:
        with Image.open(file) as image:
            width, height = image.size
            if width * height > max_pixels:
                raise DomainError(
                    f"The image is {width} x {height} pixels; the limit is {max_pixels:,} pixels.",
                    code=error_codes.IMAGE_TOO_LARGE,
                    fields={field: [f"Images may have at most {max_pixels:,} pixels."]},
                )
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise DomainError(
            "The image is damaged or not really an image.",
            code=error_codes.IMAGE_INVALID,
            fields={field: ["The image could not be read."]},
        ) from error
    finally:
        file.seek(0)
