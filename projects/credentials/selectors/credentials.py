"""Credential reads: the signed credential of one verified experience, the status list, and
the verification of a credential someone pastes (valid, tampered, revoked, unknown issuer, or
not a readable credential at all)."""

import uuid
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from marketplace.errors import DomainError
from projects.credentials.documents import (
    credential_document,
    issuer_url,
    status_list_document,
)
from projects.credentials.models import IssuedCredential
from projects.credentials.signing import (
    SignatureInvalid,
    UnknownKey,
    vc_jwt_readable,
    vc_jwt_sign,
    vc_jwt_verify,
)
from projects.models import Deliverable
from projects.people import display_name
from projects.selectors.profiles import experience_get_public


def issued_credentials_qs():
    return IssuedCredential.objects.select_related(
        "engagement__task", "engagement__mentor__profile", "engagement__drafter__profile"
    ).prefetch_related(
        "engagement__task__skills",
        Prefetch("engagement__deliverables", queryset=Deliverable.objects.order_by("id")),
    )


def _endorsement(issued: IssuedCredential) -> str:
    """The mentor's endorsement once it is public (the experience page's rule)."""
    experience = experience_get_public(engagement_id=issued.engagement_id)
    return (experience["endorsement"] or {}).get("text", "")


def credential_document_for(*, issued: IssuedCredential) -> dict[str, Any]:
    issued = issued_credentials_qs().get(pk=issued.pk)
    return credential_document(issued, today=timezone.localdate(), endorsement=_endorsement(issued))


def credential_jwt_for(*, issued: IssuedCredential) -> str:
    return vc_jwt_sign(credential_document_for(issued=issued))


def status_list_jwt() -> tuple[str, dict[str, Any]]:
    """The revocation list as a signed BitstringStatusListCredential, and its JSON."""
    revoked = IssuedCredential.objects.filter(state=IssuedCredential.State.REVOKED).values_list(
        "status_index", flat=True
    )
    document = status_list_document(revoked, now=timezone.now())
    return vc_jwt_sign(document), document


RESULT_MESSAGES = {
    "valid": "Valid: issued by this site, unchanged, and not revoked.",
    "revoked": "Revoked: this credential was issued here but has been withdrawn.",
    "tampered": "Tampered: the signature does not match the content. Do not trust it.",
    "unknown_issuer": "Unknown issuer: this credential was not signed by this site.",
    "malformed": (
        "This is not a readable credential. Paste the whole text of the .jwt file downloaded "
        "from a Slipstream experience page (it starts with eyJ and has two dots), or choose "
        "the file itself."
    ),
}


def _certifies(issued: IssuedCredential, document: dict[str, Any]) -> dict[str, Any]:
    engagement = issued.engagement
    achievement = document.get("credentialSubject", {}).get("achievement", {})
    return {
        "title": achievement.get("name", ""),
        "description": document.get("description", ""),
        "skills": achievement.get("tag", []),
        "hours": engagement.task.estimated_hours,
        "drafter": {
            "handle": engagement.drafter.profile.handle,
            "display_name": display_name(engagement.drafter),
        },
        "mentor": {
            "handle": engagement.mentor.profile.handle,
            "display_name": display_name(engagement.mentor),
        },
        "completed_at": engagement.completed_at,
        "experience_url": f"/experience/{engagement.pk}/",
        "evidence": [
            {"name": item.get("name", ""), "narrative": item.get("narrative", "")}
            for item in document.get("evidence", [])
        ],
    }


def credential_verify(*, token: str) -> dict[str, Any]:
    """Check a VC-JWT the way any verifier would (our published keys, the status list) and
    say what it certifies. Never raises for a bad credential: the answer says what is wrong."""
    token = token.strip()
    if not vc_jwt_readable(token):
        return _answer("malformed")
    try:
        document = vc_jwt_verify(token)
    except UnknownKey:
        return _answer("unknown_issuer")
    except SignatureInvalid:
        return _answer("tampered")
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if issuer_id != issuer_url():
        return _answer("unknown_issuer")
    public_id = str(document.get("id", "")).removeprefix("urn:uuid:")
    issued = (
        issued_credentials_qs().filter(public_id=public_id).first() if _is_uuid(public_id) else None
    )
    if issued is None:
        return _answer("unknown_issuer")
    status = document.get("credentialStatus", {})
    if str(status.get("statusListIndex")) != str(issued.status_index):
        return _answer("tampered")
    result = "revoked" if issued.state == IssuedCredential.State.REVOKED else "valid"
    return _answer(result, certifies=_certifies(issued, document), document=document)


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _answer(result: str, *, certifies=None, document=None) -> dict[str, Any]:
    return {
        "result": result,
        "valid": result == "valid",
        "message": RESULT_MESSAGES[result],
        "certifies": certifies,
        "credential": document,
    }


def experience_credential_check(*, engagement_id: int) -> str:
    """What the public experience page says about its own credential, checked the way /verify/
    checks a pasted one: "valid" (signed now and verified against our keys, not revoked),
    "revoked", or "not_issued" (the drafter never downloaded one, or this site has no signing
    key); the record itself is then vouched for by this site only."""
    issued = IssuedCredential.objects.filter(engagement_id=engagement_id).first()
    if issued is None:
        return "not_issued"
    if issued.state == IssuedCredential.State.REVOKED:
        return "revoked"
    try:
        token = credential_jwt_for(issued=issued)
    except DomainError:
        return "not_issued"
    return credential_verify(token=token)["result"]
