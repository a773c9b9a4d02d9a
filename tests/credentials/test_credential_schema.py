"""Every credential we issue validates against 1EdTech's AchievementCredential JSON Schema,
vendored under projects/credentials/vendor/ (see its README for source and the one rename)."""

import json
from pathlib import Path

import jsonschema
import pytest

from projects.models import Engagement

pytestmark = pytest.mark.django_db

VENDOR = Path(__file__).resolve().parents[2] / "projects" / "credentials" / "vendor"


def _schema() -> dict:
    schema = json.loads((VENDOR / "ob_v3p0_achievementcredential_schema_draft4.json").read_text())
    # The vendored copy follows VC 1.1, whose `issuanceDate` VC 2.0 renamed `validFrom`.
    schema["required"] = [
        "validFrom" if name == "issuanceDate" else name for name in schema["required"]
    ]
    # A status entry carries its method's own properties (BitstringStatusListEntry: purpose,
    # index, list); this copy predates that and closed the object. Only these three are added.
    status = schema["$defs"]["CredentialStatus"]["properties"]
    for name in ("statusPurpose", "statusListIndex", "statusListCredential"):
        status[name] = {"type": "string"}
    return schema


@pytest.mark.parametrize(
    "clause",
    [
        {"showable": "full"},
        {"showable": "case_study", "case_study": "What I did.", "case_study_state": "approved"},
        {"showable": "private"},
    ],
    ids=["full", "case_study", "private"],
)
def test_the_credential_validates_against_the_vendored_ob3_schema(api, approved, clause):
    Engagement.objects.filter(pk=approved.pk).update(**clause)

    credential = api(approved.drafter).get(
        f"/api/v1/experience/{approved.pk}/credential/", {"format": "json"}
    )

    validator = jsonschema.Draft4Validator(_schema())
    errors = sorted(error.message for error in validator.iter_errors(credential.json()))
    assert errors == []


def test_the_schema_would_catch_a_broken_credential(api, approved):
    credential = (
        api(approved.drafter)
        .get(f"/api/v1/experience/{approved.pk}/credential/", {"format": "json"})
        .json()
    )
    del credential["credentialSubject"]["achievement"]["criteria"]

    assert not jsonschema.Draft4Validator(_schema()).is_valid(credential)


def test_the_contexts_the_credential_names_are_vendored(api, approved):
    credential = (
        api(approved.drafter)
        .get(f"/api/v1/experience/{approved.pk}/credential/", {"format": "json"})
        .json()
    )
    ob_context = json.loads((VENDOR / "ob-v3p0-context-3.0.3.json").read_text())["@context"]
    vc_context = json.loads((VENDOR / "credentials-v2.jsonld").read_text())["@context"]

    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    # Every term the credential uses is defined by one of the two contexts.
    assert {"OpenBadgeCredential", "AchievementSubject", "Achievement", "Evidence"} <= set(
        ob_context
    )
    assert {"VerifiableCredential", "BitstringStatusListEntry"} <= set(vc_context)
    assert "validFrom" in vc_context["VerifiableCredential"]["@context"]
    assert "IdentityObject" in ob_context
