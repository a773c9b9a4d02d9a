"""`{% confirm_link_already_done key as done %}` for allauth's confirmation page, which has the
link's key but not whether its address is confirmed by now."""

from typing import Any

from django import template

from accounts.selectors.email_addresses import email_confirm_link_already_done

register = template.Library()


@register.simple_tag(takes_context=True)
def confirm_link_already_done(context: dict[str, Any], key: str) -> bool:
    request = context.get("request")
    if request is None or not key:
        return False
    return email_confirm_link_already_done(key=key, user=request.user)
