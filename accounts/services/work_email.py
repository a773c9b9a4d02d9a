"""A mentor's verified work domain: the credibility a self-typed headline cannot give."""

from allauth.account.models import EmailAddress

from accounts.mail_domains import domain_counts_as_work, email_domain
from accounts.models import Profile, User


def profile_work_domain_refresh(*, user: User) -> str:
    """Set the profile's `verified_work_domain` from the person's verified addresses: the newest
    one on a domain that says where they work, not free webmail ("" when there is none).
    Called whenever an address is confirmed, removed or changed (accounts.signals)."""
    domain = ""
    verified = EmailAddress.objects.filter(user=user, verified=True).order_by("-pk")
    for address in verified.values_list("email", flat=True):
        candidate = email_domain(address)
        if domain_counts_as_work(candidate):
            domain = candidate
            break
    Profile.objects.filter(user=user).exclude(verified_work_domain=domain).update(
        verified_work_domain=domain
    )
    return domain
