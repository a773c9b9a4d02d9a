"""`{% limit "task.title" %}`: a text field's most characters, as its input serializer says.

The same numbers GET /api/v1/config/ serves as `limits`, rendered into the page shell so a
`maxlength` or a "up to 1,500 characters" is never a copy typed into a template.
"""

from django import template

from marketplace.api.limits import text_limits

register = template.Library()


@register.simple_tag
def limit(name: str, *, grouped: bool = False) -> int | str:
    """The limit of "form.field" (an unknown name fails the page loudly, never silently);
    `grouped=True` writes it for people (1,500)."""
    form, field = name.split(".")
    value = text_limits()[form][field]
    return f"{value:,}" if grouped else value
