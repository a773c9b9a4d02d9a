"""The work-address rule said where an address is added (allauth's e-mail page): which addresses
show "verified at <domain>" on a mentor's profile, and why a free-webmail one does not. The rule
itself is accounts.mail_domains; these tags only show it."""

from allauth.account.models import EmailAddress
from django import template

from accounts.mail_domains import FREE_MAIL_DOMAINS, domain_counts_as_work, email_domain

register = template.Library()


@register.filter
def work_email_verdict(address: EmailAddress) -> str:
    """One plain sentence about an address: whether its domain shows (or would show, once
    confirmed) as "verified at"."""
    domain = email_domain(address.email)
    if domain_counts_as_work(domain):
        when = "your profile shows" if address.verified else "once confirmed, your profile shows"
        return f"Counts as a work address: {when} “verified at {domain}”."
    if domain in FREE_MAIL_DOMAINS:
        return (
            f"Does not count as a work address: {domain} is free webmail, which anyone can open, "
            "so it says nothing about where you work."
        )
    return (
        f"Does not count as a work address: {domain or 'this domain'} is reserved for examples, "
        "testing or a local network, not an employer."
    )


@register.simple_tag
def free_mail_domains() -> list[str]:
    """The free-webmail domains, for the add form's hint before the address is sent."""
    return sorted(FREE_MAIL_DOMAINS)
