"""One vocabulary for career offices (issue 19, docs/career-offices-glossary.md): what a
student agrees to, the staff invitation, /for-career-offices/, the careers API's documentation
and its CSVs say "Ratings from mentors" (never "Evaluations"), "figures" for totals (never
"anonymous reports" for what is a list of students by name), "With stipend" / "Unpaid", and a
rating as "n.n / 5". The consent wording changed with it (version 2026-3), and a student who
agreed to the earlier wording keeps sharing."""

import csv
import io
import json

import pytest
from django.core import mail
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from accounts import consent_terms
from accounts.models import Consent
from projects.models import Application, Engagement
from projects.services.feedback import feedback_submit
from tests.careers.conftest import make_student
from tests.factories import ApplicationFactory, EngagementFactory, TaskFactory

pytestmark = pytest.mark.django_db

# "Evaluations" as a word people read; the scope key `evaluations` is the contract and stays.
RETIRED = ("Evaluations", "anonymous report", "paid vs unpaid")
VIEWER_CAN = (
    "read the office's dashboard: figures, and the students who chose to share with your office"
)


def _say_no_retired_words(text: str) -> None:
    assert "Evaluations" not in text
    for phrase in RETIRED[1:]:
        assert phrase not in text.lower(), phrase


def _student(client: APIClient, user) -> APIClient:
    client.force_authenticate(user)
    return client


def test_the_consent_terms_name_ratings_from_mentors_and_the_hiding_rule_figures_follow():
    terms = APIClient().get("/api/v1/consent-terms/").json()

    labels = {scope["key"]: scope["label"] for scope in terms["scopes"]}
    assert labels == {
        "participation": "Participation",
        "evaluations": "Ratings from mentors",
        "stipend_amounts": "Stipend amounts",
        "outcomes": "Outcomes",
    }
    assert terms["version"] == "2026-3"
    assert "a figure is hidden when fewer than 5 students share what it counts" in terms["purpose"]
    assert "fewer than 5 people" not in terms["purpose"]
    explanations = {scope["key"]: scope["explanation"] for scope in terms["scopes"]}
    assert "4.0 / 5" in explanations["evaluations"]
    assert "With stipend" in explanations["stipend_amounts"]
    _say_no_retired_words(json.dumps(terms, ensure_ascii=False))


def test_a_student_who_agreed_to_the_2026_2_wording_keeps_sharing_until_they_change_it(office):
    student = make_student(office, "Ola Earlier", scopes=["participation", "evaluations"])
    # As granted before the wording changed: the row keeps the words the student was shown.
    Consent.objects.filter(student=student).update(version="2026-2", purpose="Earlier words.")
    client = _student(APIClient(), student)

    listed = office.key_client().get("/api/v1/careers/students/").json()["results"]
    mine = client.get("/api/v1/me/consents/").json()["results"]
    refused = client.post(
        "/api/v1/me/consents/",
        {"institution": office.institution.slug, "scopes": ["participation"], "version": "2026-2"},
        format="json",
    )
    renewed = client.post(
        "/api/v1/me/consents/",
        {
            "institution": office.institution.slug,
            "scopes": ["participation"],
            "version": consent_terms.VERSION,
        },
        format="json",
    )

    assert [row["name"] for row in listed] == ["Ola Earlier"]
    assert listed[0]["consent"]["scopes"] == ["participation", "evaluations"]
    assert [(c["version"], c["is_active"]) for c in mine] == [("2026-2", True)]
    assert refused.status_code == 400
    assert renewed.status_code == 201
    history = client.get("/api/v1/me/consents/").json()["results"]
    assert sorted((c["version"], c["is_active"]) for c in history) == [
        ("2026-2", False),
        ("2026-3", True),
    ]


def test_the_invitation_e_mail_says_what_each_role_reads_in_the_glossarys_words(
    office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for email, role in (("lee@northfield.edu", "viewer"), ("ana@northfield.edu", "admin")):
            response = office.staff_client().post(
                "/api/v1/careers/invitations/", {"email": email, "role": role}, format="json"
            )
            assert response.status_code == 201

    viewer, admin = mail.outbox[-2:]
    for message in (viewer, admin):
        html = message.alternatives[0][0]
        assert VIEWER_CAN in message.body and VIEWER_CAN in html.replace("&#x27;", "'")
        _say_no_retired_words(message.body + html)
    assert "also manage API keys, colleagues, the roster and university sign-in" in admin.body
    assert "manage API keys" not in viewer.body


def test_for_career_offices_names_the_parts_as_the_consent_page_does():
    html = Client().get("/for-career-offices/").content.decode()

    assert "Participation, Ratings from mentors, Stipend amounts and Outcomes" in html
    assert "4.0&nbsp;/&nbsp;5" in html
    assert "A figure is hidden when fewer than 5 students share what it counts" in html
    _say_no_retired_words(html)


def test_the_careers_api_documentation_uses_the_same_words():
    schema = json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True)))
    careers = {
        path: item
        for path, item in schema["paths"].items()
        if "/careers/" in path or "consent" in path or "disclosures" in path
    }
    text = json.dumps(careers, ensure_ascii=False) + json.dumps(
        schema["components"], ensure_ascii=False
    )

    assert "`evaluations` - Ratings from mentors" in text
    assert "With stipend" in text and "Unpaid" in text
    assert "4.0 / 5" in text
    _say_no_retired_words(text)


def test_the_first_destination_csv_writes_ratings_as_the_pages_do(office):
    student = make_student(office, "Rae Rated", scopes=["participation", "evaluations", "outcomes"])
    engagement = EngagementFactory(
        application=ApplicationFactory(
            task=TaskFactory(), drafter=student, state=Application.State.ACCEPTED
        ),
        state=Engagement.State.COMPLETED,
    )
    feedback_submit(
        engagement_id=engagement.pk,
        author=engagement.mentor,
        rating=5,
        competencies={"communication": 4, "critical_thinking": 3},
    )

    body = office.key_client().get("/api/v1/careers/reports/first-destination.csv")

    (row,) = csv.DictReader(io.StringIO(body.content.decode()))
    assert row["competencies_rated"] == "communication 4.0 / 5; critical_thinking 3.0 / 5"


def test_who_saw_your_data_names_ratings_as_the_consent_page_does(office):
    student = make_student(office, "Ida Rated", scopes=["participation", "evaluations"])
    engagement = EngagementFactory(
        application=ApplicationFactory(
            task=TaskFactory(), drafter=student, state=Application.State.ACCEPTED
        ),
        state=Engagement.State.COMPLETED,
    )
    # Ratings are named once a mentor has rated the student (before, no read returned any).
    feedback_submit(
        engagement_id=engagement.pk,
        author=engagement.mentor,
        rating=5,
        competencies={"teamwork": 4},
    )
    office.key_client().get("/api/v1/careers/engagements/")

    days = _student(APIClient(), student).get("/api/v1/me/disclosures/days/").json()

    (line,) = days["results"]
    assert "ratings" in line["description"]
    assert "evaluation" not in line["description"].lower()
