"""University single sign-on (SAML 2.0): an office's admin registers the university's identity
provider, kept as allauth's SAML `SocialApp` for that institution (provider `saml`,
`client_id` and `provider_id` = the institution's slug, so the service provider's URLs are
/accounts/saml/<slug>/...). A sign-in whose assertion says the person is a student (or, where
the office allows it, staff) makes the membership without an e-mail round trip."""

from typing import Any

from allauth.socialaccount.models import SocialApp
from django.db import transaction
from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser

from accounts import error_codes, locks
from accounts.locks import user_lock
from accounts.models import Institution, InstitutionMembership, User
from accounts.selectors.sso import (
    SAML_PROVIDER,
    email_on_domains,
    institution_for_sso_admin,
    sso_affiliations,
)
from accounts.services.institutions import (
    institution_membership_on_email_verified,
    student_membership_end_for_staff,
)
from marketplace.errors import field_error

METADATA_MAX_CHARS = 200_000
METADATA_TIMEOUT_SECONDS = 10

# SAML attribute names (the eduPerson / inetOrgPerson OIDs universities release, plus the
# friendly names some identity providers send instead).
ATTRIBUTE_MAPPING = {
    "uid": [
        "urn:oasis:names:tc:SAML:attribute:subject-id",
        "urn:oid:1.3.6.1.4.1.5923.1.1.1.6",  # eduPersonPrincipalName
        "eduPersonPrincipalName",
    ],
    "email": ["urn:oid:0.9.2342.19200300.100.1.3", "mail", "email"],
    "first_name": ["urn:oid:2.5.4.42", "givenName"],
    "last_name": ["urn:oid:2.5.4.4", "sn"],
    "name": ["urn:oid:2.16.840.1.113730.3.1.241", "displayName"],
}


def _idp_from_xml(xml: str, *, field: str) -> dict[str, Any]:
    """The identity provider's entity id, sign-in URL and signing certificate, or a 400."""
    try:
        parsed = OneLogin_Saml2_IdPMetadataParser.parse(xml)
    except Exception as exc:
        raise field_error(
            "This is not SAML identity-provider metadata (XML with an IDPSSODescriptor).",
            code=error_codes.SSO_METADATA_INVALID,
            field=field,
        ) from exc
    idp = parsed.get("idp") or {}
    sso_url = (idp.get("singleSignOnService") or {}).get("url")
    cert = idp.get("x509cert") or next(
        iter((idp.get("x509certMulti") or {}).get("signing") or []), None
    )
    if not (idp.get("entityId") and sso_url and cert):
        raise field_error(
            "The metadata needs an entity ID, a sign-in (SSO) URL and a signing certificate.",
            code=error_codes.SSO_METADATA_INVALID,
            field=field,
        )
    if not sso_url.startswith("https://"):
        raise field_error(
            "The identity provider's sign-in URL must use https.",
            code=error_codes.SSO_METADATA_INVALID,
            field=field,
        )
    return {"entity_id": idp["entityId"], "sso_url": sso_url, "x509cert": cert}


def _metadata_fetch(url: str) -> str:
    if not url.startswith("https://"):
        raise field_error(
            "Give the metadata URL over https.",
            code=error_codes.SSO_METADATA_INVALID,
            field="metadata_url",
        )
    try:
        xml = OneLogin_Saml2_IdPMetadataParser.get_metadata(
            url, validate_cert=True, timeout=METADATA_TIMEOUT_SECONDS
        )
    except Exception as exc:
        raise field_error(
            "Slipstream could not read metadata at this URL; check it, or paste the XML.",
            code=error_codes.SSO_METADATA_INVALID,
            field="metadata_url",
        ) from exc
    return xml.decode() if isinstance(xml, bytes) else str(xml)


def institution_sso_set(
    *,
    actor: User,
    institution_slug: str,
    metadata_url: str = "",
    metadata_xml: str = "",
    staff_from_affiliation: bool = False,
) -> SocialApp:
    """An admin of a live institution registers (or replaces) its identity provider, from its
    metadata URL (read once now, re-read by allauth every few hours) or pasted XML.

    Assertions must be signed by the registered certificate, addressed to this institution's
    service provider, in date, and answer a sign-in Slipstream started (unsolicited ones are
    refused, which also makes a replayed response useless)."""
    institution = institution_for_sso_admin(user=actor, institution_slug=institution_slug)
    if metadata_url:
        # allauth re-reads the URL itself (cached for hours); it looks the entity id up in it.
        entity_id = _idp_from_xml(_metadata_fetch(metadata_url), field="metadata_url")["entity_id"]
        idp = {"metadata_url": metadata_url, "entity_id": entity_id}
    else:
        idp = _idp_from_xml(metadata_xml, field="metadata_xml")
    settings = {
        "idp": idp,
        "attribute_mapping": ATTRIBUTE_MAPPING,
        "staff_from_affiliation": staff_from_affiliation,
        "advanced": {
            "strict": True,
            "want_assertion_signed": True,
            "reject_idp_initiated_sso": True,
            "reject_deprecated_algorithm": True,
            "want_attribute_statement": False,
        },
    }
    with transaction.atomic():
        locks.institution_lock(institution_id=institution.pk)
        app, _ = SocialApp.objects.update_or_create(
            provider=SAML_PROVIDER,
            client_id=institution.slug,
            defaults={
                "provider_id": institution.slug,
                "name": institution.name,
                "settings": settings,
            },
        )
    return app


def institution_sso_remove(*, actor: User, institution_slug: str) -> None:
    """Sign-in through the university stops (idempotent: nothing registered is no error);
    accounts made through it keep their e-mail and password sign-in."""
    institution = institution_for_sso_admin(user=actor, institution_slug=institution_slug)
    with transaction.atomic():
        locks.institution_lock(institution_id=institution.pk)
        SocialApp.objects.filter(provider=SAML_PROVIDER, client_id=institution.slug).delete()


def institution_membership_on_sso_login(
    *, user: User, institution_slug: str, email: str, attributes: dict[str, list[str]]
) -> list[InstitutionMembership]:
    """A university sign-in vouches for the person: `student` in eduPersonAffiliation makes
    the student membership (as a verified address on the domain would); `staff` makes a
    viewer staff membership only where the office turned that on, since "staff" means any
    university employee, not the career office."""
    institution = Institution.objects.filter(
        slug=institution_slug, status=Institution.Status.APPROVED
    ).first()
    app = SocialApp.objects.filter(provider=SAML_PROVIDER, client_id=institution_slug).first()
    if institution is None or app is None or not email_on_domains(email, institution):
        return []
    affiliations = sso_affiliations(attributes=attributes, institution=institution)
    made: list[InstitutionMembership] = []
    if "student" in affiliations:
        made += [
            m
            for m in institution_membership_on_email_verified(user=user, email=email)
            if m.institution_id == institution.pk
        ]
    if "staff" in affiliations and app.settings.get("staff_from_affiliation"):
        with transaction.atomic():
            user_lock(user)
            membership = InstitutionMembership.objects.filter(
                user=user,
                institution=institution,
                role=InstitutionMembership.Role.STAFF,
                ended_at__isnull=True,
            ).first() or InstitutionMembership.objects.create(
                user=user,
                institution=institution,
                role=InstitutionMembership.Role.STAFF,
                staff_role=InstitutionMembership.StaffRole.VIEWER,
                email=email.lower(),
            )
            student_membership_end_for_staff(user=user, institution_id=institution.pk)
            made = [m for m in made if m.role == InstitutionMembership.Role.STAFF]
            made.append(membership)
    return made
