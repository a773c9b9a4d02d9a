"""Reads for university single sign-on: who may manage it, what an office shows its IdP
administrator (our service-provider URLs), which addresses a university sign-in proves."""

from typing import Any

from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.urls import reverse

from accounts import error_codes
from accounts.models import Institution, InstitutionMembership, User
from marketplace.errors import Forbidden, NotFound

SAML_PROVIDER = "saml"
_AFFILIATION = ("urn:oid:1.3.6.1.4.1.5923.1.1.1.1", "eduPersonAffiliation")
_SCOPED_AFFILIATION = ("urn:oid:1.3.6.1.4.1.5923.1.1.1.9", "eduPersonScopedAffiliation")
# eduPerson's vocabulary: "faculty" and "employee" are staff of the university too.
_STAFF_AFFILIATIONS = {"staff", "faculty", "employee"}


def institution_for_sso_admin(*, user: User, institution_slug: str) -> Institution:
    """The institution, if `user` is one of its admin staff (404 for anyone else who is not
    its staff at all, 403 for its viewers); only a live institution has sign-in."""
    institution = Institution.objects.filter(slug=institution_slug).first()
    staff = (
        InstitutionMembership.objects.filter(
            user=user,
            institution=institution,
            role=InstitutionMembership.Role.STAFF,
            ended_at__isnull=True,
        ).first()
        if institution
        else None
    )
    if institution is None or staff is None:
        raise NotFound("No such institution.")
    if staff.staff_role != InstitutionMembership.StaffRole.ADMIN:
        raise Forbidden(
            "Only the office's admin staff manage single sign-on.",
            code=error_codes.NOT_INSTITUTION_ADMIN,
        )
    if institution.status != Institution.Status.APPROVED:
        raise Forbidden(
            "Single sign-on opens once Slipstream has approved your institution.",
            code=error_codes.INSTITUTION_NOT_LIVE,
        )
    return institution


def institution_sso_get(*, user: User, institution_slug: str) -> dict[str, Any]:
    """What the office's IdP administrator needs (our metadata, ACS and sign-in URLs) and
    what is registered now."""
    institution = institution_for_sso_admin(user=user, institution_slug=institution_slug)
    app = SocialApp.objects.filter(provider=SAML_PROVIDER, client_id=institution.slug).first()
    idp = (app.settings.get("idp") or {}) if app else {}
    slug = institution.slug
    return {
        "configured": app is not None,
        "idp_entity_id": idp.get("entity_id", ""),
        "idp_sso_url": idp.get("sso_url", ""),
        "metadata_url": idp.get("metadata_url", ""),
        "staff_from_affiliation": bool(app and app.settings.get("staff_from_affiliation")),
        "sp_entity_id": settings.SITE_URL + reverse("saml_metadata", args=[slug]),
        "sp_metadata_url": settings.SITE_URL + reverse("saml_metadata", args=[slug]),
        "sp_acs_url": settings.SITE_URL + reverse("saml_acs", args=[slug]),
        "sign_in_url": settings.SITE_URL + reverse("saml_login", args=[slug]),
    }


def email_on_domains(email: str, institution: Institution) -> bool:
    host = email.rsplit("@", 1)[-1].lower()
    domains = {d.lower().strip().lstrip("@") for d in institution.email_domains}
    return any(host == d or host.endswith(f".{d}") for d in domains)


def sso_email_is_trusted(*, institution_slug: str, email: str) -> bool:
    """A university sign-in proves an address only on that university's own domains (and
    only once Slipstream has approved it): an identity provider can never vouch for, and so
    take over, an account on anyone else's address."""
    institution = Institution.objects.filter(
        slug=institution_slug, status=Institution.Status.APPROVED
    ).first()
    return institution is not None and email_on_domains(email, institution)


def sso_affiliations(*, attributes: dict[str, list[str]], institution: Institution) -> set[str]:
    """`student` and/or `staff` from eduPersonAffiliation, and from eduPersonScopedAffiliation
    when its scope is one of the institution's domains."""
    found: set[str] = set()
    for name in _AFFILIATION:
        found |= {str(v).strip().lower() for v in attributes.get(name) or []}
    for name in _SCOPED_AFFILIATION:
        for value in attributes.get(name) or []:
            role, _, scope = str(value).strip().lower().partition("@")
            if scope and email_on_domains(f"x@{scope}", institution):
                found.add(role)
    return {"student"} & found | ({"staff"} if found & _STAFF_AFFILIATIONS else set())


def sso_sign_in_options() -> list[dict[str, str]]:
    """Universities whose members can sign in with their own account, for the login page."""
    live = dict(
        Institution.objects.filter(status=Institution.Status.APPROVED).values_list("slug", "name")
    )
    return [
        {"name": live[slug], "url": reverse("saml_login", args=[slug])}
        for slug in SocialApp.objects.filter(provider=SAML_PROVIDER)
        .order_by("name")
        .values_list("client_id", flat=True)
        if slug in live
    ]


def sso_login_fields(sociallogin: Any) -> dict[str, str]:
    """The first value of each mapped attribute (uid, email, names) of a social sign-in."""
    provider = sociallogin.account.get_provider()
    mapping = provider.app.settings.get("attribute_mapping", {}) if provider.app else {}
    raw = sociallogin.account.extra_data or {}
    found = {}
    for key, names in mapping.items():
        for name in [names] if isinstance(names, str) else names:
            values = raw.get(name)
            if values:
                found[key] = str(values[0])
                break
    return found
