from typing import Any

from django.core.validators import RegexValidator
from rest_framework import serializers

# Primary keys are 64-bit; anything larger is refused as input, not sent to the database.
MAX_OBJECT_ID = 2**63 - 1


class ObjectIdField(serializers.IntegerField):
    """The id of one of our rows, as input."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_OBJECT_ID)
        super().__init__(**kwargs)


# The e-mail addresses accepted, as the schema states them: a dot-atom local part and a host
# name with a top-level domain of letters. Every address it matches also passes Django's
# EmailValidator (which alone would take quoted local parts and IP literals, and which the
# schema's `format: email` does not describe: "0@0.a" passes the format, not Django).
EMAIL_PATTERN = (
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)


class EmailAddressField(serializers.EmailField):
    """An e-mail address as input: the schema's pattern is the rule, spaces included."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 254)
        kwargs.setdefault("trim_whitespace", False)
        validators = [*kwargs.pop("validators", []), RegexValidator(EMAIL_PATTERN)]
        super().__init__(validators=validators, **kwargs)
