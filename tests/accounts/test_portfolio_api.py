"""Portfolio items: files checked by content, stored under random names, served safely,
quotas, reorder, and nobody can touch another person's items."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import PortfolioItem
from accounts.services.portfolio import PORTFOLIO_MAX_BYTES, PORTFOLIO_MAX_ITEMS
from tests.accounts.conftest import PDF_BYTES, image_bytes, stored_files
from tests.factories import PortfolioItemFactory, SkillFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/portfolio/"


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def post_item(client, **fields):
    data = {"title": "Annual report redesign", **fields}
    return client.post(URL, data, format="multipart")


def test_create_with_a_link_and_skills(auth_client, user):
    skill = SkillFactory(name="Risograph zines", slug="risograph-zines")
    response = auth_client.post(
        URL,
        {"title": "Zine layout", "link": "https://example.org/zine", "skill_ids": [skill.pk]},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["link"] == "https://example.org/zine"
    assert [s["name"] for s in body["skills"]] == ["Risograph zines"]
    assert body["file"] is None
    assert body["visibility"] == "public"


def test_create_with_a_pdf_stores_it_under_a_random_name(auth_client, media_root):
    response = post_item(auth_client, file=upload("My CV (final).pdf", PDF_BYTES))
    assert response.status_code == 201, response.content
    item = PortfolioItem.objects.get()
    assert item.file_kind == "pdf"
    assert item.file_size == len(PDF_BYTES)
    assert "CV" not in item.file.name and item.file.name.startswith("portfolio/")
    assert item.file_name == "My_CV_final.pdf"
    assert [p.name for p in stored_files(media_root)] == [item.file.name.split("/")[-1]]


def test_pdf_downloads_as_an_attachment_with_nosniff(auth_client):
    item_id = post_item(auth_client, file=upload("cv.pdf", PDF_BYTES)).json()["id"]
    response = APIClient().get(f"/api/v1/portfolio/{item_id}/file/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_image_is_shown_inline_with_nosniff(auth_client):
    body = post_item(auth_client, file=upload("shot.png", image_bytes(), "image/png")).json()
    assert body["file"]["is_image"] is True
    response = APIClient().get(body["file"]["url"])
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"


def _zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("a.txt", "hello")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "content_type", "code", "rule"),
    [
        (
            "huge.pdf",
            b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024),
            "application/pdf",
            "file_too_large",
            "10 MB",
        ),
        (
            "report.pdf",
            b"<html><script>alert(1)</script></html>",
            "application/pdf",
            "file_type_not_allowed",
            "PDF, PNG, JPEG, WEBP",
        ),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
            "file_type_not_allowed",
            "checked by content",
        ),
        ("work.zip", _zip_bytes(), "application/zip", "file_type_not_allowed", "PDF"),
        ("empty.pdf", b"", "application/pdf", "invalid", "empty"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(
    auth_client, media_root, name, content, content_type, code, rule
):
    response = post_item(auth_client, file=upload(name, content, content_type))
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == code
    assert "file" in error["fields"]
    assert rule.lower() in (error["message"] + " ".join(error["fields"]["file"])).lower()
    assert PortfolioItem.objects.count() == 0
    assert stored_files(media_root) == []


def test_image_over_the_pixel_cap_is_refused(auth_client, media_root):
    # 7000 x 6000 = 42 million pixels: over the 40 million cap, yet a tiny PNG file.
    big = image_bytes(size=(7000, 6000), mode="1")
    response = post_item(auth_client, file=upload("big.png", big, "image/png"))
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "image_too_large"
    assert "pixels" in error["fields"]["file"][0]
    assert PortfolioItem.objects.count() == 0
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://example.org/x", "vbscript:msgbox"],
)
def test_links_must_be_http_or_https(auth_client, link):
    response = post_item(auth_client, link=link)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["fields"]["link"] == ["Only http:// and https:// links are allowed."]
    assert PortfolioItem.objects.count() == 0


def test_an_item_needs_a_link_or_a_file(auth_client):
    response = post_item(auth_client, description="Trust me")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "portfolio_link_or_file_required"
    assert PortfolioItem.objects.count() == 0


def test_html_in_text_is_kept_as_text(auth_client):
    title = '<img src=x onerror="alert(1)">'
    response = post_item(auth_client, title=title, link="https://example.org")
    assert response.status_code == 201
    assert PortfolioItem.objects.get().title == title  # stored verbatim; pages render it escaped


def test_item_quota(auth_client, user):
    PortfolioItemFactory.create_batch(PORTFOLIO_MAX_ITEMS, owner=user)
    response = post_item(auth_client, link="https://example.org/one-more")
    assert response.status_code == 409  # a full portfolio, not a bad item
    error = response.json()["error"]
    assert error["code"] == "portfolio_item_limit_reached"
    assert "50" in error["message"]
    assert PortfolioItem.objects.filter(owner=user).count() == PORTFOLIO_MAX_ITEMS


def test_storage_quota(auth_client, user, media_root):
    PortfolioItemFactory(owner=user, file_size=PORTFOLIO_MAX_BYTES - 10)
    response = post_item(auth_client, file=upload("cv.pdf", PDF_BYTES))
    assert response.status_code == 409  # the storage left, not the file, says no
    error = response.json()["error"]
    assert error["code"] == "portfolio_storage_limit_reached"
    assert "200 MB" in error["message"]
    assert "file" in error["fields"]
    assert PortfolioItem.objects.filter(owner=user).count() == 1
    assert stored_files(media_root) == []


def test_another_users_item_is_not_found(auth_client):
    other = PortfolioItemFactory(owner=UserFactory(), title="Theirs")
    detail = f"{URL}{other.pk}/"
    assert auth_client.get(detail).status_code == 404
    assert auth_client.patch(detail, {"title": "Mine now"}).status_code == 404
    assert auth_client.delete(detail).status_code == 404
    other.refresh_from_db()
    assert other.title == "Theirs"
    assert auth_client.get(URL).json()["results"] == []


def test_application_only_files_are_served_to_their_owner_alone(auth_client, user):
    item_id = post_item(
        auth_client, file=upload("cv.pdf", PDF_BYTES), visibility="applications"
    ).json()["id"]
    url = f"/api/v1/portfolio/{item_id}/file/"
    owner = APIClient()
    owner.force_login(user)  # a plain Django view: it sees the session, not force_authenticate
    assert owner.get(url).status_code == 200
    assert APIClient().get(url).status_code == 404
    stranger = APIClient()
    stranger.force_login(UserFactory())
    assert stranger.get(url).status_code == 404


def test_list_is_in_position_order_and_reorder_takes_the_full_list(auth_client, user):
    a, b, c = (PortfolioItemFactory(owner=user, position=i) for i in range(3))
    response = auth_client.post(f"{URL}reorder/", {"item_ids": [c.pk, a.pk, b.pk]})
    assert response.status_code == 200
    assert [i["id"] for i in response.json()] == [c.pk, a.pk, b.pk]
    assert [i["id"] for i in auth_client.get(URL).json()["results"]] == [c.pk, a.pk, b.pk]


@pytest.mark.parametrize("case", ["missing_one", "duplicate", "someone_elses"])
def test_reorder_refuses_anything_but_the_full_list(auth_client, user, case):
    a, b = (
        PortfolioItemFactory(owner=user, position=0),
        PortfolioItemFactory(owner=user, position=1),
    )
    ids = {
        "missing_one": [b.pk],
        "duplicate": [b.pk, a.pk, a.pk],
        "someone_elses": [b.pk, a.pk, PortfolioItemFactory().pk],
    }[case]
    response = auth_client.post(f"{URL}reorder/", {"item_ids": ids})
    # A repeated id is a malformed list (400); a list that is not the stored items is 409.
    assert response.status_code == (400 if case == "duplicate" else 409)
    assert response.json()["error"]["code"] == "portfolio_reorder_mismatch"
    assert list(PortfolioItem.objects.filter(owner=user).values_list("position", flat=True)) == [
        0,
        1,
    ]


def test_replacing_and_removing_a_file_cleans_up_storage(
    auth_client, media_root, django_capture_on_commit_callbacks
):
    item_id = post_item(auth_client, file=upload("a.pdf", PDF_BYTES)).json()["id"]
    first = stored_files(media_root)
    with django_capture_on_commit_callbacks(execute=True):
        replaced = auth_client.patch(
            f"{URL}{item_id}/",
            {"file": upload("b.png", image_bytes(), "image/png")},
            format="multipart",
        )
    assert replaced.status_code == 200, replaced.content
    assert replaced.json()["file"]["kind"] == "png"
    after = stored_files(media_root)
    assert len(after) == 1 and after != first

    # Removing the only evidence is refused; with a link it is fine.
    refused = auth_client.patch(f"{URL}{item_id}/", {"remove_file": True})
    assert refused.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        removed = auth_client.patch(
            f"{URL}{item_id}/", {"remove_file": True, "link": "https://example.org"}
        )
    assert removed.status_code == 200
    assert removed.json()["file"] is None
    assert stored_files(media_root) == []


def test_delete_removes_the_row_and_the_file(
    auth_client, media_root, django_capture_on_commit_callbacks
):
    item_id = post_item(auth_client, file=upload("a.pdf", PDF_BYTES)).json()["id"]
    with django_capture_on_commit_callbacks(execute=True):
        assert auth_client.delete(f"{URL}{item_id}/").status_code == 204
    assert PortfolioItem.objects.count() == 0
    assert stored_files(media_root) == []
