"""What /verify/ (POST /api/v1/credentials/verify/) answers for text that is not a credential
at all versus a real credential someone changed: only a readable credential whose signature
fails is "tampered"; random text, a truncated credential or non-base64/JSON is unreadable."""

import base64
import json

import pytest

from tests.credentials.test_credentials import _download, _verify

pytestmark = pytest.mark.django_db


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _token(api, approved) -> str:
    return _download(api, approved).content.decode()


@pytest.mark.parametrize(
    "text",
    [
        "hello",
        "Dear recruiter, please find my credential attached.",
        "a.b.c",
        "eyJ!!!.not base64.at all",
        f"{_b64(b'not json')}.{_b64(b'{}')}.{_b64(bytes(64))}",
        f"{_b64(b'[1, 2]')}.{_b64(b'{}')}.{_b64(bytes(64))}",
        f"{_b64(b'{}')}.{_b64(b'{}')}.{_b64(bytes(64))}",
    ],
    ids=["a word", "a sentence", "three letters", "not base64", "not json", "a list", "no alg"],
)
def test_text_that_is_not_a_credential_is_not_readable(api, text):
    answer = _verify(api, text)

    assert (answer["result"], answer["valid"], answer["certifies"]) == ("malformed", False, None)
    assert answer["message"].startswith("This is not a readable credential.")
    assert ".jwt file" in answer["message"]  # says what to paste instead


@pytest.mark.parametrize(
    "keep", [0.3, 0.6, 0.95], ids=["in the header", "in the payload", "in the signature"]
)
def test_a_truncated_credential_is_not_readable_rather_than_tampered(api, approved, keep):
    token = _token(api, approved)

    answer = _verify(api, token[: int(len(token) * keep)])

    assert answer["result"] == "malformed"


def test_a_credential_with_surrounding_whitespace_still_verifies(api, approved):
    assert _verify(api, f"\n  {_token(api, approved)}  \n")["result"] == "valid"


def test_a_readable_credential_with_changed_content_is_tampered(api, approved):
    header, payload, signature = _token(api, approved).split(".")
    document = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    document["credentialSubject"]["achievement"]["name"] = "Something grander"

    answer = _verify(api, f"{header}.{_b64(json.dumps(document).encode())}.{signature}")

    assert (answer["result"], answer["valid"]) == ("tampered", False)
    assert answer["message"].startswith("Tampered")


def test_a_readable_credential_with_another_signature_of_the_right_size_is_tampered(api, approved):
    header, payload, _signature = _token(api, approved).split(".")

    answer = _verify(api, f"{header}.{payload}.{_b64(bytes(64))}")

    assert answer["result"] == "tampered"


def test_a_jwt_in_an_algorithm_this_issuer_never_uses_has_an_unknown_issuer(api):
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())

    answer = _verify(api, f"{header}.{_b64(b'{}')}.{_b64(bytes(32))}")

    assert answer["result"] == "unknown_issuer"
