"""The printable PDF certificate of a verified experience: what it says, who may download it,
and names no font can fully draw."""

import pytest

from projects.credentials.certificate import printable
from projects.credentials.models import IssuedCredential
from projects.credentials.selectors.certificates import credential_certificate_pdf
from tests.credentials.pdf_text import pdf_text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _url(engagement) -> str:
    return f"/api/v1/experience/{engagement.pk}/credential/certificate/"


def test_the_drafter_downloads_a_pdf_certificate_naming_them_the_work_and_the_check(
    api, approved, settings
):
    approved.drafter.profile.display_name = "Sam Ortiz"
    approved.drafter.profile.save()

    response = api(approved.drafter).get(_url(approved))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="slipstream-credential-{approved.pk}.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    issued = IssuedCredential.objects.get(engagement=approved)
    assert "Sam Ortiz" in text
    assert "Survey redesign" in text
    assert f"{settings.SITE_URL}/experience/{approved.pk}/" in text
    assert f"urn:uuid:{issued.public_id}" in text
    assert "Python, Survey design" in text
    assert "About 8 hours" in text
    assert "/Subtype /Image" in response.content.decode("latin-1")  # the QR code


def test_the_certificate_and_the_signed_file_carry_the_same_credential_id(api, approved):
    pdf = api(approved.drafter).get(_url(approved)).content
    document = (
        api(approved.drafter)
        .get(f"/api/v1/experience/{approved.pk}/credential/", {"format": "json"})
        .json()
    )

    assert document["id"] in pdf_text(pdf)


def test_uncompressed_the_verify_address_is_in_the_file_as_text(approved, api, settings):
    api(approved.drafter).get(_url(approved))
    issued = IssuedCredential.objects.get(engagement=approved)

    pdf = credential_certificate_pdf(issued=issued, compress=False)

    assert pdf.startswith(b"%PDF")
    assert f"/URI ({settings.SITE_URL}/experience/{approved.pk}/)".encode() in pdf


@pytest.mark.parametrize(
    "name",
    [
        "Zoë Łukasiewicz-Dvořák",
        "Sam 🚀🎉 Ortiz",
        "שרה כהן",
        "محمد علي",
        "李小龍",
        # No NUL: the API refuses it and PostgreSQL cannot store it; other control characters
        # can reach a stored name through the admin or an import.
        "\u202eevil\u202c name\x07\x1b",
        "",
    ],
)
def test_any_name_makes_a_certificate(api, approved, name):
    approved.drafter.profile.display_name = name
    approved.drafter.profile.save()
    approved.task.title = f"{name} 📊 dashboard"
    approved.task.save()

    response = api(approved.drafter).get(_url(approved))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    # What the font cannot draw is left out; a name left empty falls back to the handle.
    assert (printable(name) or approved.drafter.profile.handle) in text


def test_latin_names_keep_their_accents_and_emoji_are_left_out():
    assert printable("Zoë Łukasiewicz-Dvořák") == "Zoë Łukasiewicz-Dvořák"
    assert printable("Sam 🚀 Ortiz") == "Sam Ortiz"
    assert printable("李小龍", fallback="@li") == "@li"


@pytest.mark.parametrize("who", ["mentor", "stranger", "staff"])
def test_only_the_drafter_downloads_the_certificate(api, approved, who):
    user = {
        "mentor": approved.mentor,
        "stranger": UserFactory(),
        "staff": UserFactory(is_staff=True),
    }[who]

    assert api(user).get(_url(approved)).status_code == 404
    assert api().get(_url(approved)).status_code == 401
    assert not IssuedCredential.objects.filter(engagement=approved).exists()


def test_a_revoked_credential_has_no_certificate(api, approved):
    drafter = api(approved.drafter)
    drafter.get(_url(approved))
    drafter.post(f"/api/v1/experience/{approved.pk}/credential/revoke/")

    response = drafter.get(_url(approved))

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "credential_revoked"


def test_the_experience_page_offers_the_pdf_first_and_the_signed_file_second(approved, client):
    client.force_login(approved.drafter)

    page = client.get(f"/experience/{approved.pk}/").content.decode()

    pdf = page.index(f"/api/v1/experience/{approved.pk}/credential/certificate/")
    jwt = page.index(f'/api/v1/experience/{approved.pk}/credential/" download')
    assert pdf < jwt
    assert "Download certificate (PDF)" in page
    assert "Download credential (for badge wallets)" in page
    # The format is said on the link's title, not in its words (a drafter asks for a credential).
    assert 'title="The signed Open Badges 3.0 file (.jwt)"' in page
