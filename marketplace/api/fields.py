from typing import Any

from rest_framework import serializers

# Primary keys are 64-bit; anything larger is refused as input, not sent to the database.
MAX_OBJECT_ID = 2**63 - 1


class ObjectIdField(serializers.IntegerField):
    """The id of one of our rows, as input."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_OBJECT_ID)
        super().__init__(**kwargs)
