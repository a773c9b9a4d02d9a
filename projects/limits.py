"""Text limits reach the services from the model fields, never as re-typed numbers.

The input serializers refuse too-long input first, with a clear 400; a service still refuses
(never truncates) text that would not fit its field, so no caller — a job, the admin, a future
endpoint — can lose the end of what a person wrote without being told.
"""

from django.db.models import Model

from marketplace.errors import field_error
from projects import error_codes as codes


def text_limit(model: type[Model], field: str) -> int:
    """The `max_length` of `model.field`: the one number every check of that text uses."""
    limit = getattr(model._meta.get_field(field), "max_length", None)
    if limit is None:
        raise ValueError(f"{model.__name__}.{field} has no max_length")
    return int(limit)


def text_within_limit(
    text: str,
    *,
    model: type[Model],
    field: str,
    input_field: str | None = None,
    code: str = codes.TEXT_TOO_LONG,
) -> str:
    """`text` unchanged when it fits `model.field`; else a 400 on `input_field` naming the limit."""
    limit = text_limit(model, field)
    if len(text) > limit:
        raise field_error(
            f"Keep this to {limit:,} characters (it has {len(text):,}).",
            code=code,
            field=input_field or field,
        )
    return text
