"""The real settings, with the environment a test run needs when the caller set none.

Only environment defaults live here: tests exercise marketplace.settings itself.
"""

import os

from jwcrypto import jwk

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-not-for-production-" + "x" * 20)
os.environ.setdefault("DJANGO_STATIC_MANIFEST", "0")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
# Each test run signs credentials with a key of its own (never a key from a file or the repo).
if "CREDENTIAL_SIGNING_KEY" not in os.environ:
    os.environ["CREDENTIAL_SIGNING_KEY"] = jwk.JWK.generate(kty="OKP", crv="Ed25519").export()

from marketplace.settings import *  # noqa: F403

# The production hasher costs ~0.3 s per password by design; tests create hundreds of users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file rather than :memory:, so each live-server thread gets its own connection (an
    # in-memory database is one connection shared by every thread, which breaks under the
    # parallel requests a real browser makes).
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}  # noqa: F405
    # Throwaway data: no need to wait for the disk.
    DATABASES["default"]["OPTIONS"]["init_command"] += "PRAGMA synchronous=OFF;"  # noqa: F405
