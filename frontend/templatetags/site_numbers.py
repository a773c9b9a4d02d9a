"""`{% site_number "platform_fee_percent" %}`: a number the rules set, rendered into the page shell.

The same values GET /api/v1/config/ serves under the same names, so copy such as "the platform
fee of 10%" is in the page from its first paint instead of a placeholder ("a small percentage")
that app.js swaps once the config arrives; the span keeps its data-config-value all the same.
"""

from collections.abc import Callable

from django import template
from django.conf import settings

from projects.closure_rules import CLOSE_AFTER
from projects.stipends.terms import AUTO_RELEASE_AFTER

register = template.Library()


def _percent(value: float) -> str:
    # As task_card.js's percent(): 10.0 → "10%", 7.5 → "7.5%".
    return f"{value:g}%"


_NUMBERS: dict[str, Callable[[], str]] = {
    "platform_fee_percent": lambda: _percent(float(settings.PLATFORM_FEE_PERCENT)),
    "application_close_days": lambda: str(CLOSE_AFTER.days),
    "auto_release_days": lambda: str(AUTO_RELEASE_AFTER.days),
}


@register.simple_tag
def site_number(name: str) -> str:
    """The number called `name` in /api/v1/config/ (an unknown name fails the page loudly)."""
    return _NUMBERS[name]()
