"""The printable certificate of an issued credential: the facts the PDF prints, read from the
same rows as the signed credential, so the paper and the badge file say the same thing."""

from datetime import datetime

from django.conf import settings
from django.utils import dateformat, timezone

from projects.credentials.certificate import CertificateFacts, certificate_pdf
from projects.credentials.models import IssuedCredential
from projects.credentials.selectors.credentials import issued_credentials_qs
from projects.people import display_name
from projects.selectors.showable import public_title


def _day(moment: datetime | None) -> str:
    return dateformat.format(timezone.localtime(moment), "j F Y") if moment else ""


def _mentor_role(profile) -> str:
    if profile.job_title and profile.organisation:
        return f"{profile.job_title} at {profile.organisation}"
    return profile.job_title or profile.organisation


def certificate_facts_for(*, issued: IssuedCredential) -> CertificateFacts:
    issued = issued_credentials_qs().get(pk=issued.pk)
    engagement = issued.engagement
    completed = engagement.completed_at or issued.created_at
    return CertificateFacts(
        drafter_name=display_name(engagement.drafter),
        drafter_handle=engagement.drafter.profile.handle,
        title=public_title(engagement),
        mentor_name=display_name(engagement.mentor),
        mentor_role=_mentor_role(engagement.mentor.profile),
        started=_day(engagement.started_at),
        completed=_day(completed),
        hours=engagement.task.estimated_hours,
        skills=sorted(skill.name for skill in engagement.task.skills.all()),
        issuer_name=settings.CREDENTIAL_ISSUER_NAME,
        issued_on=_day(issued.created_at),
        # The public experience page checks its own credential live (signature, revocation).
        verify_url=f"{settings.SITE_URL}/experience/{engagement.pk}/",
        credential_id=f"urn:uuid:{issued.public_id}",
        revoked=issued.state == IssuedCredential.State.REVOKED,
    )


def credential_certificate_pdf(*, issued: IssuedCredential, compress: bool = True) -> bytes:
    return certificate_pdf(certificate_facts_for(issued=issued), compress=compress)
