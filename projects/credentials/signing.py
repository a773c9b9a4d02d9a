"""VC-JWT (W3C VC-JOSE-COSE): the credential is the JWT's payload, signed with the issuer's
current key; the protected header names the key (`kid`) and the media type (`vc+jwt`)."""

import json
from typing import Any

from jwcrypto import jws
from jwcrypto.common import JWException

from projects.credentials.keys import keyset_get

MEDIA_TYPE = "application/vc+jwt"


class SignatureInvalid(Exception):
    """Not a JWS, or not one any of our keys signed unchanged."""


class UnknownKey(Exception):
    """Signed with a key this issuer never published."""


def vc_jwt_sign(document: dict[str, Any]) -> str:
    keys = keyset_get()
    token = jws.JWS(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode())
    token.add_signature(
        keys.signing,
        protected=json.dumps({"alg": keys.alg, "kid": keys.kid, "typ": "vc+jwt", "cty": "vc"}),
    )
    return token.serialize(compact=True)


def vc_jwt_verify(token: str) -> dict[str, Any]:
    """The payload of a VC-JWT one of our keys (current or retired) signed, unchanged."""
    parsed = jws.JWS()
    try:
        parsed.deserialize(token.strip())
        header = parsed.jose_header
    except (JWException, ValueError, TypeError) as error:
        raise SignatureInvalid(str(error)) from error
    if not isinstance(header, dict) or header.get("alg") not in ("EdDSA", "RS256"):
        raise SignatureInvalid("unsupported algorithm")
    key = keyset_get().verifying.get(str(header.get("kid", "")))
    if key is None:
        raise UnknownKey(str(header.get("kid", "")))
    try:
        parsed.verify(key, alg=header["alg"])
        payload = json.loads(parsed.payload)
    except (JWException, ValueError, TypeError) as error:
        raise SignatureInvalid(str(error)) from error
    if not isinstance(payload, dict):
        raise SignatureInvalid("the payload is not a credential")
    return payload
