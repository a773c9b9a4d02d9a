"""The JSON documents the issuer publishes: its Open Badges 3.0 Profile, the credential of one
verified experience, and the W3C Bitstring Status List of revocations.

Plain functions from rows to dicts; signing is projects.credentials.signing's job."""

import base64
import gzip
import hashlib
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings

from projects.credentials.models import STATUS_LIST_SIZE, IssuedCredential
from projects.models import Engagement
from projects.people import display_name
from projects.selectors.showable import public_title, showing_public

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)


def issuer_url() -> str:
    return f"{settings.SITE_URL}/issuer/"


def status_list_url() -> str:
    return f"{settings.SITE_URL}/credentials/status/revocation"


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def issuer_profile() -> dict[str, Any]:
    """The OB 3.0 Profile of the issuing site (served at /issuer/)."""
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": issuer_url(),
        "type": ["Profile"],
        "name": settings.CREDENTIAL_ISSUER_NAME,
        "url": f"{settings.SITE_URL}/",
        "description": "A career-drafting marketplace. Each credential certifies a piece of real "
        "work that the professional it was done for confirmed.",
    }


def _profile_url(user) -> str:
    return f"{settings.SITE_URL}/u/{user.profile.handle}/"


def _evidence(engagement: Engagement, *, today, endorsement: str) -> list[dict[str, Any]]:
    """Evidence follows the showable-work clause: the public work, the approved case study, or
    only the mentor's confirmation (and endorsement) when the work is confidential."""
    experience_url = f"{settings.SITE_URL}/experience/{engagement.pk}/"
    showing = showing_public(engagement, today=today)
    work = showing["deliverable"]
    if work is not None:
        link = work["link"] or f"{settings.SITE_URL}{work['file_url']}"
        item = {
            "id": link,
            "type": ["Evidence"],
            "name": "The delivered work",
            "description": "Shown publicly with the mentor's permission.",
        }
        if work["note"]:
            item["narrative"] = work["note"]
        return [item]
    if showing["case_study"]:
        return [
            {
                "id": experience_url,
                "type": ["Evidence"],
                "name": "Case study approved by the mentor",
                "narrative": showing["case_study"],
                "description": "The work itself is confidential.",
            }
        ]
    mentor = display_name(engagement.mentor)
    return [
        {
            "id": experience_url,
            "type": ["Evidence"],
            "name": "The mentor's confirmation",
            "narrative": endorsement or f"{mentor} confirmed that the work was done.",
            "description": "The work itself is confidential; only the fact, the title and the "
            "mentor's endorsement may be shown.",
        }
    ]


def credential_document(
    issued: IssuedCredential, *, today, endorsement: str = ""
) -> dict[str, Any]:
    """The OpenBadgeCredential of one verified experience (VC Data Model 2.0 + OB 3.0).

    `issued.engagement` needs task (with skills), mentor and drafter (with profiles) and
    deliverables loaded."""
    engagement = issued.engagement
    task = engagement.task
    title = public_title(engagement)
    skills = [skill.name for skill in task.skills.all()]
    mentor = display_name(engagement.mentor)
    email = engagement.drafter.email.strip().lower()
    digest = hashlib.sha256((email + issued.identity_salt).encode()).hexdigest()
    hours = f"about {task.estimated_hours} hours" if task.estimated_hours else "real work"
    skills_text = f" using {', '.join(skills)}" if skills else ""
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{issued.public_id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"Verified draft: {title}",
        "description": f"{title}: {hours} of work{skills_text}, done for {mentor} and "
        "confirmed by them on Slipstream.",
        "issuer": {
            "id": issuer_url(),
            "type": ["Profile"],
            "name": settings.CREDENTIAL_ISSUER_NAME,
            "url": f"{settings.SITE_URL}/",
        },
        "validFrom": _when(engagement.completed_at or issued.created_at),
        "credentialSubject": {
            "id": _profile_url(engagement.drafter),
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": f"sha256${digest}",
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": issued.identity_salt,
                }
            ],
            "achievement": {
                "id": f"{settings.SITE_URL}/experience/{engagement.pk}/#achievement",
                "type": ["Achievement"],
                "achievementType": "Assignment",
                "name": title,
                "description": f"A task of {hours}{skills_text}, drafted for {mentor}.",
                "criteria": {
                    "narrative": f"The work was delivered and approved by {mentor}, the "
                    "professional it was done for."
                },
                "creator": {
                    "id": _profile_url(engagement.mentor),
                    "type": ["Profile"],
                    "name": mentor,
                },
                "tag": skills,
            },
        },
        "evidence": _evidence(engagement, today=today, endorsement=endorsement),
        "credentialStatus": {
            "id": f"{status_list_url()}#{issued.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(issued.status_index),
            "statusListCredential": status_list_url(),
        },
        "credentialSchema": [{"id": OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }


def encoded_list(revoked_indexes: Iterable[int]) -> str:
    """GZIP-compressed, multibase base64url (`u` prefix, no padding) bitstring of
    STATUS_LIST_SIZE bits; index 0 is the left-most bit of the first byte."""
    bits = bytearray(STATUS_LIST_SIZE // 8)
    for index in revoked_indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode()


def index_is_set(encoded: str, index: int) -> bool:
    """Read one bit back from an encoded list (what any verifier does)."""
    data = encoded[1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_list_document(revoked_indexes: Iterable[int], *, now: datetime) -> dict[str, Any]:
    return {
        "@context": [VC_CONTEXT],
        "id": status_list_url(),
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_url(),
        "validFrom": _when(now),
        "credentialSubject": {
            "id": f"{status_list_url()}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_list(revoked_indexes),
        },
    }
