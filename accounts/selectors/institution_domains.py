"""Which e-mail domains an institution may claim: the one who creates it must hold a verified
address on one of them, and a domain belongs to one institution only (pending ones included).
The create service enforces both; the page asks first, so the expected answer is no refusal."""

from allauth.account.models import EmailAddress

from accounts.models import Institution, User


def address_on_domains(address: str, domains: list[str]) -> bool:
    """alice@cs.uni.edu is on uni.edu."""
    host = address.rsplit("@", 1)[-1].lower()
    return any(host == d or host.endswith(f".{d}") for d in domains)


def domains_claimed() -> set[str]:
    """Every domain of an institution that is live or waiting for approval."""
    claimed: set[str] = set()
    for domains in Institution.objects.exclude(status=Institution.Status.REJECTED).values_list(
        "email_domains", flat=True
    ):
        claimed |= {d.lower().strip().lstrip("@") for d in domains}
    return claimed


def institution_domains_check(*, user: User, email_domains: list[str]) -> dict[str, object]:
    """Whether `user` may create an institution on these (already cleaned) domains: one of
    their verified addresses is on them, and which of them an institution already has."""
    verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return {
        "email_domains": email_domains,
        "verified_by_you": any(address_on_domains(a, email_domains) for a in verified),
        "already_claimed": sorted(set(email_domains) & domains_claimed()),
    }
