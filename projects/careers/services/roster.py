"""Roster upload: an office admin sends a CSV of student addresses; students who have not
joined get one consent-first e-mail (joining shares nothing; they choose what to share, if
anything). An address is written to at most once per ROSTER_RESEND_DAYS, however often the
roster is uploaded; addresses must be on the institution's own e-mail domains."""

import csv
import io
from datetime import timedelta
from typing import IO, Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from accounts.models import InstitutionMembership, RosterInvitation
from accounts.tasks import send_notification_email
from marketplace.errors import Forbidden, field_error
from projects.careers import error_codes
from projects.careers.access import CareersAccess
from projects.locks import roster_invitations_lock

ROSTER_MAX_BYTES = 512 * 1024
ROSTER_MAX_ROWS = 5000
ROSTER_RESEND_DAYS = 30
INVALID_ROWS_SHOWN = 20


def _rows(file: IO[bytes]) -> list[tuple[int, str]]:
    """(line number, address) for each data row: the `email` column if there is a header
    naming one, else the first column."""
    raw = file.read(ROSTER_MAX_BYTES + 1)
    if len(raw) > ROSTER_MAX_BYTES:
        raise field_error(
            f"The roster is larger than {ROSTER_MAX_BYTES // 1024} KB; split it.",
            code=error_codes.ROSTER_TOO_LARGE,
            field="file",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise field_error(
            "Save the roster as a UTF-8 CSV file.", code=error_codes.ROSTER_INVALID, field="file"
        ) from error
    if "\x00" in text:
        raise field_error("This is not a CSV file.", code=error_codes.ROSTER_INVALID, field="file")
    try:
        table = list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise field_error(
            f"The CSV could not be read: {error}.", code=error_codes.ROSTER_INVALID, field="file"
        ) from error
    header = [cell.strip().lower() for cell in table[0]] if table else []
    column, start = 0, 0
    for name in ("email", "e-mail", "email address", "mail"):
        if name in header:
            column, start = header.index(name), 1
            break
    else:
        if header and "@" not in "".join(header):
            start = 1  # a header without an address column name: skip it, read column 1
    rows = [
        (number, (cells[column] if len(cells) > column else "").strip())
        for number, cells in enumerate(table[start:], start=start + 1)
        if any(cell.strip() for cell in cells)
    ]
    if len(rows) > ROSTER_MAX_ROWS:
        raise field_error(
            f"At most {ROSTER_MAX_ROWS} addresses per upload; split the roster.",
            code=error_codes.ROSTER_TOO_LARGE,
            field="file",
        )
    if not rows:
        raise field_error(
            "The roster has no addresses.", code=error_codes.ROSTER_INVALID, field="file"
        )
    return rows


def _on_domains(address: str, domains: list[str]) -> bool:
    host = address.rsplit("@", 1)[-1]
    return any(host == d or host.endswith(f".{d}") for d in domains)


def roster_upload(*, access: CareersAccess, file: IO[bytes]) -> dict[str, Any]:
    """Check every row, invite the students who have not joined, and say what happened."""
    if not access.is_admin:
        raise Forbidden(
            "Only the institution's admin staff can do this.",
            code=error_codes.NOT_INSTITUTION_ADMIN,
        )
    institution = access.institution
    domains = [d.lower().strip().lstrip("@") for d in institution.email_domains]
    invalid: list[dict[str, Any]] = []
    wanted: list[str] = []
    seen: set[str] = set()
    duplicates = 0
    for number, value in _rows(file):
        address = value.lower()
        try:
            validate_email(address)
        except ValidationError:
            invalid.append(
                {"row": number, "value": value[:100], "reason": "Not an e-mail address."}
            )
            continue
        if not _on_domains(address, domains):
            invalid.append(
                {
                    "row": number,
                    "value": value[:100],
                    "reason": f"Not on your domains ({', '.join(domains)}).",
                }
            )
            continue
        if address in seen:
            duplicates += 1
            continue
        seen.add(address)
        wanted.append(address)

    members = set(
        InstitutionMembership.objects.filter(
            institution=institution,
            role=InstitutionMembership.Role.STUDENT,
            ended_at__isnull=True,
            email__in=wanted,
        ).values_list("email", flat=True)
    )
    member_users = InstitutionMembership.objects.filter(
        institution=institution, role=InstitutionMembership.Role.STUDENT, ended_at__isnull=True
    ).values("user_id")
    members |= {
        e.lower()
        for e in EmailAddress.objects.filter(
            email__in=wanted, verified=True, user__in=member_users
        ).values_list("email", flat=True)
    }
    now = timezone.now()
    recent_since = now - timedelta(days=ROSTER_RESEND_DAYS)
    candidates = [a for a in wanted if a not in members]
    with transaction.atomic():
        known = {
            row.email: row
            for row in roster_invitations_lock(institution_id=institution.pk, emails=candidates)
        }
        recent = {a for a, row in known.items() if row.sent_at > recent_since}
        to_send = [a for a in candidates if a not in recent]
        RosterInvitation.objects.filter(pk__in=[known[a].pk for a in to_send if a in known]).update(
            sent_at=now, invited_by=access.staff_user
        )
        RosterInvitation.objects.bulk_create(
            [
                RosterInvitation(
                    institution=institution, email=a, invited_by=access.staff_user, sent_at=now
                )
                for a in to_send
                if a not in known
            ],
            ignore_conflicts=True,  # a concurrent upload made the row: it also sends
        )
        subject, body = _email(institution.name)

        def send() -> None:
            for address in to_send:
                send_notification_email.enqueue(to=address, subject=subject, body=body)

        transaction.on_commit(send)
    return {
        "rows": len(wanted) + duplicates + len(invalid),
        "invited": len(to_send),
        "already_members": len([a for a in wanted if a in members]),
        "recently_invited": len(recent),
        "duplicates": duplicates,
        "invalid": len(invalid),
        "invalid_rows": invalid[:INVALID_ROWS_SHOWN],
        "resend_after_days": ROSTER_RESEND_DAYS,
    }


def _email(institution_name: str) -> tuple[str, str]:
    """Consent first: what Slipstream is, that joining shares nothing, and how to choose."""
    subject = f"{institution_name}'s career office invites you to Slipstream"
    body = (
        f"Your career office at {institution_name} uses Slipstream, where students and recent "
        "graduates get real experience by helping professionals with work they have no time "
        'for ("drafting"), often paid, always with a reference.\n\n'
        "Joining shares nothing with your career office. Sign up with this university address "
        "and you become a member; your office sees nothing about you unless you choose to "
        "share, and only the parts you tick (participation, mentors' ratings, stipend amounts, "
        "outcomes). You can stop sharing at any time, and see every time they looked.\n\n"
        f"Sign up: {settings.SITE_URL}/accounts/signup/\n"
        f"What is shared and how to choose: {settings.SITE_URL}/settings/institutions/\n\n"
        "You will not hear from us about this again this month; if you are not interested, "
        "ignore this message."
    )
    return subject, body
