"""A career office onboards itself: a staff member creates the institution (pending), site
staff approve it (and the creator hears so), then students can join by domain and the office
can use the dashboard and keys. A domain cannot be claimed twice, and the creator must own a
verified address on it, so nobody takes a university's domain alone."""

import io
import uuid

from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageOps

from accounts import error_codes, locks
from accounts.locks import user_lock
from accounts.models import Institution, InstitutionMembership, User
from accounts.selectors.institution_domains import address_on_domains, domains_claimed
from accounts.services.notifications import notification_send
from accounts.uploads import IMAGE_KINDS, upload_validate
from marketplace.errors import Conflict, Forbidden, field_error

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_SIZE = 256


def _clean_domains(domains: list[str]) -> list[str]:
    cleaned = []
    for raw in domains:
        domain = raw.strip().lower().lstrip("@").strip(".")
        if "." not in domain or " " in domain or "@" in domain:
            raise field_error(
                f"“{raw}” is not an e-mail domain (like uni.edu).",
                code=error_codes.INVALID,
                field="email_domains",
            )
        cleaned.append(domain)
    if not cleaned:
        raise field_error(
            "Give at least one e-mail domain.", code=error_codes.INVALID, field="email_domains"
        )
    return sorted(set(cleaned))


def _logo_store(file) -> str:
    upload_validate(
        file=file,
        field="logo",
        allowed=IMAGE_KINDS,
        max_bytes=LOGO_MAX_BYTES,
        max_pixels=25_000_000,
    )
    with Image.open(file) as original:
        image = ImageOps.exif_transpose(original).convert("RGBA")
        image.thumbnail((LOGO_SIZE, LOGO_SIZE))
        out = io.BytesIO()
        image.save(out, format="WEBP", quality=90)
    return default_storage.save(
        f"institution-logos/{uuid.uuid4().hex}.webp", ContentFile(out.getvalue())
    )


def institution_create(
    *, creator: User, name: str, email_domains: list[str], logo=None
) -> Institution:
    """The creator becomes its first admin staff member; it waits for site staff's approval."""
    domains = _clean_domains(email_domains)
    verified = [
        a.lower()
        for a in EmailAddress.objects.filter(user=creator, verified=True).values_list(
            "email", flat=True
        )
    ]
    if not any(address_on_domains(address, domains) for address in verified):
        raise Forbidden(
            "Verify an address on one of these domains on your account first.",
            code=error_codes.DOMAIN_NOT_VERIFIED,
            fields={"email_domains": ["Verify an address on one of these domains first."]},
        )
    logo_name = _logo_store(logo) if logo else ""
    with transaction.atomic():
        user_lock(creator)
        taken = sorted(set(domains) & domains_claimed())
        if taken:
            raise Conflict(
                f"{', '.join(taken)} already belongs to an institution on Slipstream.",
                code=error_codes.DOMAIN_ALREADY_CLAIMED,
                fields={"email_domains": ["Already claimed; contact Slipstream if it is yours."]},
            )
        base = slugify(name)[:60] or "institution"
        slug = base
        while Institution.objects.filter(slug=slug).exists():
            slug = f"{base}-{uuid.uuid4().hex[:6]}"
        institution = Institution.objects.create(
            name=name.strip(),
            slug=slug,
            email_domains=domains,
            status=Institution.Status.PENDING,
            created_by=creator,
            logo=logo_name,
        )
        address = next(a for a in verified if address_on_domains(a, domains))
        InstitutionMembership.objects.create(
            user=creator,
            institution=institution,
            role=InstitutionMembership.Role.STAFF,
            staff_role=InstitutionMembership.StaffRole.ADMIN,
            email=address,
        )
    return institution


def institution_review(*, actor: User, institution_id: int, approve: bool) -> Institution:
    """Site staff approve (it goes live) or reject a pending institution; its staff are told."""
    if not actor.is_staff:
        raise Forbidden("Only site staff review institutions.")
    with transaction.atomic():
        institution = locks.institution_lock(institution_id=institution_id)
        if institution is None or institution.status != Institution.Status.PENDING:
            raise Conflict("Only a pending institution can be reviewed.", code="not_pending")
        institution.status = Institution.Status.APPROVED if approve else Institution.Status.REJECTED
        institution.approved_at = timezone.now() if approve else None
        institution.approved_by = actor if approve else None
        institution.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
        staff = InstitutionMembership.objects.filter(
            institution=institution,
            role=InstitutionMembership.Role.STAFF,
            ended_at__isnull=True,
        ).select_related("user")
        for membership in staff:
            notification_send(
                recipient=membership.user,
                kind="institution_approved" if approve else "institution_rejected",
                title=(
                    f"{institution.name} is live on Slipstream"
                    if approve
                    else f"{institution.name} was not approved"
                ),
                body=(
                    "Your career-office dashboard and API keys are ready."
                    if approve
                    else "Contact Slipstream if you think this is a mistake."
                ),
                url="/careers/",
            )
    return institution
