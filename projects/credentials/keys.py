"""The issuer's keys: one private key signs, every public key (current and retired) verifies.

Keys are identified by their RFC 7638 thumbprint (`kid`), so a credential names the key that
signed it and keeps verifying after a rotation as long as the old public key stays listed in
CREDENTIAL_SIGNING_KEYS_RETIRED (and so in /.well-known/jwks.json)."""

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from jwcrypto import jwk

from marketplace.errors import DomainError
from projects.credentials import error_codes as codes

_PEM_BLOCK = re.compile(r"-----BEGIN [A-Z ]+-----.+?-----END [A-Z ]+-----", re.S)


@dataclass(frozen=True)
class KeySet:
    signing: jwk.JWK
    verifying: dict[str, jwk.JWK]  # kid -> public key, the signing key's first

    @property
    def kid(self) -> str:
        return self.signing.thumbprint()

    @property
    def alg(self) -> str:
        return "EdDSA" if self.signing.kty == "OKP" else "RS256"


def _parse(text: str) -> jwk.JWK:
    text = text.strip()
    if text.startswith("{"):
        return jwk.JWK.from_json(text)
    return jwk.JWK.from_pem(text.encode())


def _parse_many(text: str) -> list[jwk.JWK]:
    text = text.strip()
    if not text:
        return []
    if text.startswith("["):
        return [jwk.JWK(**entry) for entry in json.loads(text)]
    return [_parse(block) for block in _PEM_BLOCK.findall(text)]


def _public(key: jwk.JWK) -> jwk.JWK:
    return jwk.JWK(**key.export_public(as_dict=True))


@lru_cache(maxsize=4)
def _keyset(signing_text: str, retired_text: str) -> KeySet:
    signing = _parse(signing_text)
    if not signing.has_private or signing.kty not in ("OKP", "RSA"):
        raise ValueError("CREDENTIAL_SIGNING_KEY must be a private Ed25519 or RSA key")
    verifying = {signing.thumbprint(): _public(signing)}
    for key in _parse_many(retired_text):
        verifying.setdefault(key.thumbprint(), _public(key))
    return KeySet(signing=signing, verifying=verifying)


def local_key_ensure() -> str:
    """Development only: the key kept in CREDENTIAL_LOCAL_KEY_FILE, made on first use."""
    path = Path(str(settings.CREDENTIAL_LOCAL_KEY_FILE))
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = jwk.JWK.generate(kty="OKP", crv="Ed25519")
        path.write_text(key.export_private())
        path.chmod(0o600)
    return path.read_text()


def keyset_get() -> KeySet:
    """The configured keys; 503 when a production site has none (never a made-up key)."""
    signing_text = settings.CREDENTIAL_SIGNING_KEY
    if not signing_text and settings.DEBUG:
        signing_text = local_key_ensure()
    if not signing_text:
        raise DomainError(
            "Credentials are not available on this site yet.",
            code=codes.CREDENTIALS_UNAVAILABLE,
            status_code=503,
        )
    return _keyset(signing_text, settings.CREDENTIAL_SIGNING_KEYS_RETIRED)


def jwks_public() -> dict:
    """Every public key, current first, as a JWK Set."""
    keys = []
    for kid, key in keyset_get().verifying.items():
        entry = key.export_public(as_dict=True)
        alg = "EdDSA" if entry["kty"] == "OKP" else "RS256"
        keys.append({**entry, "kid": kid, "use": "sig", "alg": alg})
    return {"keys": keys}
