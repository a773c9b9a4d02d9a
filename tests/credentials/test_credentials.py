"""Open Badges 3.0 credentials: download, independent verification against the published keys,
tampering, revocation through the status list, key rotation, and who may do what."""

import base64
import json

import pytest
from jwcrypto import jwk, jws

from projects.credentials.documents import index_is_set
from projects.credentials.models import IssuedCredential
from projects.models import Engagement
from tests.factories import EngagementFactory, UserFactory

pytestmark = pytest.mark.django_db


def _download(api, engagement, **params):
    return api(engagement.drafter).get(
        f"/api/v1/experience/{engagement.pk}/credential/", params or None
    )


def _verify(api, token: str) -> dict:
    response = api().post("/api/v1/credentials/verify/", {"credential": token}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def _independently_verified(api, token: str) -> dict:
    """What an outside verifier does: fetch the JWK Set over HTTP, pick the key named by the
    header's kid, check the signature with jwcrypto, and read the payload."""
    keys = jwk.JWKSet.from_json(api().get("/.well-known/jwks.json").content)
    parsed = jws.JWS()
    parsed.deserialize(token)
    key = keys.get_key(parsed.jose_header["kid"])
    parsed.verify(key, alg=parsed.jose_header["alg"])
    return json.loads(parsed.payload)


def test_the_drafter_downloads_a_vc_jwt_that_verifies_independently(api, approved):
    response = _download(api, approved)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    assert "attachment" in response["Content-Disposition"]
    token = response.content.decode()
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert (header["alg"], header["typ"], bool(header["kid"])) == ("EdDSA", "vc+jwt", True)
    credential = _independently_verified(api, token)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["@context"][:2] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]


def test_the_credential_names_the_work_and_identifies_the_drafter(api, approved):
    credential = _download(api, approved, format="json").json()

    subject = credential["credentialSubject"]
    achievement = subject["achievement"]
    assert achievement["name"] == "Survey redesign"
    assert sorted(achievement["tag"]) == ["Python", "Survey design"]
    assert "about 8 hours" in achievement["description"]
    assert subject["id"].endswith(f"/u/{approved.drafter.profile.handle}/")
    identity = subject["identifier"][0]
    assert (identity["type"], identity["identityType"], identity["hashed"]) == (
        "IdentityObject",
        "emailAddress",
        True,
    )
    assert identity["identityHash"].startswith("sha256$")
    assert approved.drafter.email not in json.dumps(credential)
    assert credential["evidence"][0]["id"] == "https://example.org/survey"


@pytest.mark.parametrize(
    ("clause", "evidence_name"),
    [
        ({"showable": "full"}, "The delivered work"),
        (
            {"showable": "case_study", "case_study": "What I did.", "case_study_state": "approved"},
            "Case study approved by the mentor",
        ),
        ({"showable": "private"}, "The mentor's confirmation"),
    ],
)
def test_evidence_follows_the_showable_work_clause(api, approved, clause, evidence_name):
    Engagement.objects.filter(pk=approved.pk).update(**clause)

    evidence = _download(api, approved, format="json").json()["evidence"]

    assert [item["name"] for item in evidence] == [evidence_name]
    if clause["showable"] == "private":
        assert "example.org/survey" not in json.dumps(evidence)
        assert evidence[0]["narrative"] == "Sharp, careful work."


def test_verify_says_valid_and_what_the_work_is(api, approved):
    token = _download(api, approved).content.decode()

    answer = _verify(api, token)

    assert (answer["result"], answer["valid"]) == ("valid", True)
    assert answer["certifies"]["title"] == "Survey redesign"
    assert answer["certifies"]["drafter"]["handle"] == approved.drafter.profile.handle
    assert answer["certifies"]["hours"] == 8


def _flip_one_character(token: str, part: int) -> str:
    pieces = token.split(".")
    text = pieces[part]
    middle = len(text) // 2
    pieces[part] = text[:middle] + ("A" if text[middle] != "A" else "B") + text[middle + 1 :]
    return ".".join(pieces)


@pytest.mark.parametrize("part", [0, 1, 2], ids=["header", "payload", "signature"])
def test_changing_one_character_fails_verification(api, approved, part):
    token = _download(api, approved).content.decode()
    tampered = _flip_one_character(token, part)

    answer = _verify(api, tampered)

    # A changed header may no longer decode at all (which character the flip hits depends on
    # the key's id): that is "not a readable credential", refused all the same.
    refusals = {"tampered", "unknown_issuer"} | ({"malformed"} if part == 0 else set())
    assert answer["result"] in refusals
    assert answer["valid"] is False
    with pytest.raises(Exception):  # noqa: B017 - any failure of the outside verifier will do
        _independently_verified(api, tampered)


def test_a_credential_signed_by_another_key_has_an_unknown_issuer(api, approved):
    credential = _download(api, approved, format="json").json()
    stranger = jwk.JWK.generate(kty="OKP", crv="Ed25519")
    forged = jws.JWS(json.dumps(credential).encode())
    forged.add_signature(
        stranger, protected=json.dumps({"alg": "EdDSA", "kid": stranger.thumbprint()})
    )

    answer = _verify(api, forged.serialize(compact=True))

    assert answer["result"] == "unknown_issuer"


def test_garbage_is_not_a_credential(api):
    assert _verify(api, "hello")["result"] == "malformed"
    empty = api().post("/api/v1/credentials/verify/", {"credential": "  "}, format="json")
    assert empty.status_code == 400


def test_after_revocation_verify_says_revoked_and_the_status_list_has_the_bit(api, approved):
    token = _download(api, approved).content.decode()

    revoked = api(approved.drafter).post(f"/api/v1/experience/{approved.pk}/credential/revoke/")

    assert revoked.status_code == 200
    assert _verify(api, token)["result"] == "revoked"
    payload = token.split(".")[1]
    status = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))[
        "credentialStatus"
    ]
    listed = api().get("/credentials/status/revocation", {"format": "json"}).json()
    assert listed["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert index_is_set(listed["credentialSubject"]["encodedList"], int(status["statusListIndex"]))
    signed_list = api().get("/credentials/status/revocation")
    assert signed_list["Content-Type"] == "application/vc+jwt"
    assert _independently_verified(api, signed_list.content.decode())["id"] == listed["id"]
    assert _download(api, approved).status_code == 409


def test_verify_page_shows_revoked_for_a_revoked_credential(api, approved, client):
    token = _download(api, approved).content.decode()
    api(approved.drafter).post(f"/api/v1/experience/{approved.pk}/credential/revoke/")

    page = client.get("/verify/")
    answer = client.post(
        "/api/v1/credentials/verify/", {"credential": token}, content_type="application/json"
    )

    assert page.status_code == 200
    assert answer.json()["result"] == "revoked"


def test_key_rotation_keeps_old_credentials_verifiable(api, approved, settings):
    old_key = settings.CREDENTIAL_SIGNING_KEY
    old_token = _download(api, approved).content.decode()
    new_key = jwk.JWK.generate(kty="OKP", crv="Ed25519")
    retired_public = jwk.JWK.from_json(old_key).export_public()

    settings.CREDENTIAL_SIGNING_KEY = new_key.export()
    settings.CREDENTIAL_SIGNING_KEYS_RETIRED = f"[{retired_public}]"

    published = [key["kid"] for key in api().get("/.well-known/jwks.json").json()["keys"]]
    assert published == [new_key.thumbprint(), jwk.JWK.from_json(old_key).thumbprint()]
    assert _verify(api, old_token)["result"] == "valid"
    assert (
        _independently_verified(api, old_token)["id"]
        == (_download(api, approved, format="json").json()["id"])
    )
    new_token = _download(api, approved).content.decode()
    assert json.loads(base64.urlsafe_b64decode(new_token.split(".")[0] + "=="))["kid"] == (
        new_key.thumbprint()
    )


def test_a_dropped_key_no_longer_verifies(api, approved, settings):
    old_token = _download(api, approved).content.decode()

    settings.CREDENTIAL_SIGNING_KEY = jwk.JWK.generate(kty="OKP", crv="Ed25519").export()
    settings.CREDENTIAL_SIGNING_KEYS_RETIRED = ""

    assert _verify(api, old_token)["result"] == "unknown_issuer"


def test_an_rsa_key_from_pem_signs_with_rs256(api, approved, settings):
    rsa = jwk.JWK.generate(kty="RSA", size=2048)
    settings.CREDENTIAL_SIGNING_KEY = rsa.export_to_pem(private_key=True, password=None).decode()

    token = _download(api, approved).content.decode()

    assert json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))["alg"] == "RS256"
    assert _verify(api, token)["result"] == "valid"


def test_the_same_credential_is_downloaded_again_with_the_same_id(api, approved):
    first = _download(api, approved, format="json").json()
    second = _download(api, approved, format="json").json()

    assert first["id"] == second["id"]
    assert first["credentialStatus"] == second["credentialStatus"]
    assert IssuedCredential.objects.count() == 1


@pytest.mark.parametrize("who", ["mentor", "stranger", "staff"])
def test_only_the_drafter_downloads(api, approved, who):
    user = {
        "mentor": approved.mentor,
        "stranger": UserFactory(),
        "staff": UserFactory(is_staff=True),
    }[who]

    response = api(user).get(f"/api/v1/experience/{approved.pk}/credential/")

    assert response.status_code == 404
    assert api().get(f"/api/v1/experience/{approved.pk}/credential/").status_code == 401


def test_no_credential_for_work_not_yet_approved(api):
    engagement = EngagementFactory(state=Engagement.State.DELIVERED)

    assert _download(api, engagement).status_code == 404


@pytest.mark.parametrize(("who", "status"), [("mentor", 404), ("stranger", 404), ("staff", 200)])
def test_revocation_by_the_drafter_or_staff_only(api, approved, who, status):
    _download(api, approved)
    user = {
        "mentor": approved.mentor,
        "stranger": UserFactory(),
        "staff": UserFactory(is_staff=True),
    }[who]

    response = api(user).post(f"/api/v1/experience/{approved.pk}/credential/revoke/")

    assert response.status_code == status
    state = IssuedCredential.objects.get(engagement=approved).state
    assert state == ("revoked" if status == 200 else "active")


def test_revoking_twice_is_a_conflict(api, approved):
    _download(api, approved)
    url = f"/api/v1/experience/{approved.pk}/credential/revoke/"
    api(approved.drafter).post(url)

    again = api(approved.drafter).post(url)

    assert again.status_code == 409
    assert again.json()["error"]["code"] == "credential_revoked"


def test_issuer_profile_and_keys_are_public_json(api):
    issuer = api().get("/issuer/")
    keys = api().get("/.well-known/jwks.json")

    assert issuer.status_code == 200
    assert issuer.json()["type"] == ["Profile"]
    assert issuer.json()["id"].endswith("/issuer/")
    assert keys.status_code == 200
    assert {key["kty"] for key in keys.json()["keys"]} == {"OKP"}
    assert all("d" not in key for key in keys.json()["keys"])  # never the private part


def test_without_a_key_in_production_credentials_answer_503(api, approved, settings):
    settings.CREDENTIAL_SIGNING_KEY = ""
    settings.DEBUG = False

    assert _download(api, approved).status_code == 503
    assert api().get("/.well-known/jwks.json").status_code == 503


def test_in_debug_a_local_key_is_made_once_and_kept(api, approved, settings, tmp_path):
    settings.CREDENTIAL_SIGNING_KEY = ""
    settings.DEBUG = True
    settings.CREDENTIAL_LOCAL_KEY_FILE = tmp_path / "var" / "key.jwk"

    first = api().get("/.well-known/jwks.json").json()
    second = api().get("/.well-known/jwks.json").json()

    assert first == second
    assert settings.CREDENTIAL_LOCAL_KEY_FILE.exists()
    assert _verify(api, _download(api, approved).content.decode())["result"] == "valid"


def test_the_experience_page_offers_credential_links_to_the_drafter_only(approved, client):
    url = f"/experience/{approved.pk}/"

    client.force_login(approved.drafter)
    as_drafter = client.get(url).content.decode()
    client.force_login(approved.mentor)
    as_mentor = client.get(url).content.decode()
    client.logout()
    as_visitor = client.get(url).content.decode()

    link = f"/api/v1/experience/{approved.pk}/credential/"
    assert link in as_drafter and "/verify/" in as_drafter
    assert link not in as_mentor and link not in as_visitor


def _experience_page(client, engagement, user=None) -> str:
    if user is not None:
        client.force_login(user)
    return client.get(f"/experience/{engagement.pk}/").content.decode()


def test_a_visitor_sees_the_page_check_its_own_credential(api, approved, client):
    _download(api, approved)

    page = _experience_page(client, approved)

    assert 'data-credential-check="valid"' in page
    assert "✓ Signature checked</strong> — issued by Slipstream, not revoked" in page


def test_the_page_says_so_when_its_credential_was_revoked(api, approved, client):
    _download(api, approved)
    api(approved.drafter).post(f"/api/v1/experience/{approved.pk}/credential/revoke/")

    page = _experience_page(client, approved)

    assert 'data-credential-check="revoked"' in page
    assert "Signature checked" not in page


def test_without_a_downloaded_credential_the_page_claims_no_signature(approved, client):
    page = _experience_page(client, approved)

    assert 'data-credential-check="not_issued"' in page
    assert "Signature checked" not in page
    assert "Recorded on Slipstream" in page


def test_the_confirming_mentor_shows_their_verified_work_domain(approved, client):
    profile = approved.mentor.profile
    profile.verified_work_domain = "acme.com"
    profile.wants_to_mentor = True
    profile.save()

    assert "✓ Verified at acme.com" in _experience_page(client, approved)


def test_visitors_read_about_this_record_and_the_owner_a_clear_label(approved, client):
    assert "About this record" in _experience_page(client, approved)
    as_owner = _experience_page(client, approved, approved.drafter)
    assert "What you let visitors see" in as_owner and "About this record" not in as_owner


def test_the_experience_page_has_an_image_for_link_previews(approved, client):
    page = _experience_page(client, approved)

    assert '<meta property="og:image" content="http' in page
    # The experience's own card (tests/projects/test_experience_card.py draws and serves it).
    assert f"/experience/{approved.pk}/card-" in page


def test_the_verify_page_speaks_plainly_and_names_the_standard_for_developers(client):
    page = client.get("/verify/").content.decode()

    assert '<p class="eyebrow">Check a Slipstream credential</p>' in page
    developers = page[page.index("For developers") :]
    assert "Open Badges 3.0" in developers
