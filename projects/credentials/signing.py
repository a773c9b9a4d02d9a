"""VC-JWT (W3C VC-JOSE-COSE): the credential is the JWT's payload, signed with the issuer's
current key; the protected header names the key (`kid`) and the media type (`vc+jwt`)."""

import base64
import binascii
import json
import re
from typing import Any

from jwcrypto import jws
from jwcrypto.common import JWException

from projects.credentials.keys import keyset_get

MEDIA_TYPE = "application/vc+jwt"


class SignatureInvalid(Exception):
    """Not a JWS, or not one any of our keys signed unchanged."""


class UnknownKey(Exception):
    """Signed with a key (or an algorithm) this issuer never published."""


_SEGMENT = re.compile(r"[A-Za-z0-9_-]+")
# A whole signature has a fixed size: 64 bytes for Ed25519, the modulus (2048 bits or more)
# for RS256. A shorter one means the text was cut, not that someone changed the content.
_SIGNATURE_BYTES = {"EdDSA": (64, 64), "RS256": (256, 1024)}


def _segment_bytes(text: str) -> bytes | None:
    if not _SEGMENT.fullmatch(text) or len(text) % 4 == 1:
        return None
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None


def vc_jwt_readable(token: str) -> bool:
    """Whether the text is a whole compact JWS at all: three base64url parts, a JSON header
    that names an algorithm, and a signature of that algorithm's full size. Random text, a
    truncated credential or a paste of something else is unreadable; only a readable one whose
    signature fails is tampered."""
    parts = token.strip().split(".")
    if len(parts) != 3:
        return False
    decoded = [_segment_bytes(part) for part in parts]
    header_bytes, payload, signature = decoded
    if header_bytes is None or payload is None or signature is None:
        return False
    try:
        header = json.loads(header_bytes)
    except (ValueError, UnicodeDecodeError):
        return False
    if not isinstance(header, dict) or not isinstance(header.get("alg"), str):
        return False
    low, high = _SIGNATURE_BYTES.get(header["alg"], (1, 1 << 16))
    return low <= len(signature) <= high


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
    if not isinstance(header, dict):
        raise SignatureInvalid("no header")
    if header.get("alg") not in ("EdDSA", "RS256"):
        raise UnknownKey(f"an algorithm this issuer never uses: {header.get('alg')}")
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
