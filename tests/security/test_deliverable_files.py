"""A delivered file is stored under a generated name with the kind its content shows, and
served like a portfolio file: checked type, nosniff, sandbox (issue 14, item 8)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from projects.models import Deliverable
from tests.accounts.conftest import PDF_BYTES, image_bytes
from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _deliver(engagement, name: str, content: bytes, declared: str):
    return _client(engagement.drafter).post(
        f"/api/v1/engagements/{engagement.pk}/deliverables/",
        {"note": "Here it is", "file": SimpleUploadedFile(name, content, content_type=declared)},
        format="multipart",
    )


@pytest.mark.parametrize(
    ("name", "content", "stored_ext", "content_type", "inline"),
    [
        ("photo.png.html", image_bytes("PNG"), ".png", "image/png", True),
        ("report.html", PDF_BYTES, ".pdf", "application/pdf", False),
        ("<script>.svg", image_bytes("JPEG"), ".jpg", "image/jpeg", True),
    ],
)
def test_a_delivered_file_is_stored_and_served_by_its_checked_kind(
    name, content, stored_ext, content_type, inline
):
    engagement = EngagementFactory()

    response = _deliver(engagement, name, content, declared="text/html")

    assert response.status_code == 201, response.content
    deliverable = Deliverable.objects.get(engagement=engagement)
    stored = deliverable.file.name.rsplit("/", 1)[-1]
    assert stored.endswith(stored_ext)
    assert "html" not in stored and "svg" not in stored and "script" not in stored
    assert deliverable.file_name.endswith(stored_ext)

    download = _client(engagement.mentor).get(f"/api/v1/deliverables/{deliverable.pk}/file/")

    assert download.status_code == 200
    assert download["Content-Type"] == content_type
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert download["Content-Disposition"].startswith("inline" if inline else "attachment")
    assert b"".join(download.streaming_content) == content


def test_html_content_is_refused_whatever_its_name():
    engagement = EngagementFactory()

    response = _deliver(engagement, "photo.png", b"<html><script>alert(1)</script>", "image/png")

    assert response.status_code == 400
    assert not Deliverable.objects.exists()
