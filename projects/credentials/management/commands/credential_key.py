"""Keys for signing credentials.

`credential_key new` prints a fresh Ed25519 private key (JWK JSON) for CREDENTIAL_SIGNING_KEY.
`credential_key retire` prints the public part of the current key, to add to
CREDENTIAL_SIGNING_KEYS_RETIRED before the next key replaces it (old credentials stay valid).
`credential_key show` prints the published JWK Set (with DEBUG on, it makes the local key)."""

import json

from django.core.management.base import BaseCommand, CommandParser
from jwcrypto import jwk

from projects.credentials.keys import jwks_public, keyset_get


class Command(BaseCommand):
    help = "Make, retire or show the keys that sign Open Badges credentials."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["new", "retire", "show"])

    def handle(self, *args, action: str, **options) -> None:
        if action == "new":
            self.stdout.write(jwk.JWK.generate(kty="OKP", crv="Ed25519").export_private())
        elif action == "retire":
            self.stdout.write(keyset_get().signing.export_public())
        else:
            self.stdout.write(json.dumps(jwks_public(), indent=2))
