"""Issue 18 point 4: one source per text limit. The input serializers hold every limit; pages
read them from GET /api/v1/config/ (`limits`) or have them rendered into the page shell, and
too-long text is refused with a clear message. Messages are written for people on the server,
once, and pages show them as sent."""

import re
from pathlib import Path

import pytest
from django.urls import get_resolver
from rest_framework import fields as drf_fields
from rest_framework.test import APIClient

from marketplace.api.inputs import InputSerializer
from marketplace.api.limits import field_text_limit, text_limits
from projects.models import Engagement
from tests.factories import (
    EngagementFactory,
    InstitutionFactory,
    MembershipFactory,
    TaskFactory,
    UserFactory,
)

TEMPLATES = Path(__file__).resolve().parents[2] / "frontend" / "templates"
TYPED_LIMIT = re.compile(r'maxlength="\d+"|\b\d{1,3}(?:,\d{3})+ characters')
MAXLENGTH = re.compile(r'<(?:input|textarea)\b[^>]*?\bname="([^"]+)"[^>]*?\bmaxlength="([^"]*)"')


def _every_input_serializer() -> list[type]:
    assert get_resolver().url_patterns  # imports every API module: every serializer defined
    found, todo = [], [InputSerializer]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return [cls for cls in found if cls.__module__.split(".")[0] in {"accounts", "projects"}]


def test_config_serves_the_input_serializers_limits():
    from accounts.api.serializers import MeInputSerializer
    from projects.api.inputs import (
        FeedbackInputSerializer,
        MessageInputSerializer,
        TaskInputSerializer,
    )

    limits = APIClient().get("/api/v1/config/").json()["limits"]

    assert limits == text_limits()
    assert limits["task"]["title"] == TaskInputSerializer().fields["title"].max_length == 160
    assert limits["feedback"]["text"] == FeedbackInputSerializer().fields["text"].max_length
    assert limits["message"]["body"] == field_text_limit(MessageInputSerializer().fields["body"])
    assert limits["profile"]["bio"] == MeInputSerializer().fields["bio"].max_length
    assert limits["profile"]["handle"] == 40


def test_no_template_types_a_limit():
    typed = [
        f"{path.name}: {match[0]}"
        for path in TEMPLATES.rglob("*.html")
        for match in TYPED_LIMIT.finditer(path.read_text())
    ]
    assert typed == []


PAGES = [
    ("/tasks/new/", "task", {"title", "description", "location", "what_you_gain", "question"}),
    ("/settings/", "profile", {"display_name", "headline", "bio", "location", "time_zone"}),
    ("/saved-searches/", None, {"name", "q"}),
    ("/careers/", None, {"name", "display_name", "q"}),
    ("/careers/settings/", None, {"name", "email", "metadata_url", "metadata_xml"}),
]


# Fields a page asks inline for a form other than its own, and that form.
INLINE_FIELDS = {"display_name": "profile"}


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "form", "names"), PAGES, ids=[p[0] for p in PAGES])
def test_every_maxlength_a_page_renders_is_the_serializers(client, path, form, names):
    user = UserFactory()
    institution = InstitutionFactory()
    MembershipFactory(user=user, institution=institution, role="staff", staff_role="admin")
    client.force_login(user)

    html = client.get(path).content.decode()

    rendered = MAXLENGTH.findall(html)
    assert names <= {name for name, _ in rendered}
    every_limit = {n for fields in text_limits().values() for n in fields.values()}
    for name, value in rendered:
        assert value.isdigit() and int(value) in every_limit, (name, value)
        if form:
            key = "questions" if name == "question" else name
            # A field the page asks for another form (the name a nameless mentor must give
            # before publishing) is held to that form's limit.
            owner = form if key in text_limits()[form] else INLINE_FIELDS[key]
            assert int(value) == text_limits()[owner][key], name


@pytest.mark.django_db
def test_the_apply_form_says_its_limit_in_words(client):
    task = TaskFactory()
    client.force_login(UserFactory())

    html = client.get(f"/tasks/{task.pk}/").content.decode()

    note = text_limits()["application"]["note"]
    assert f'maxlength="{note}"' in html
    assert f"Up to {note:,} characters" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "path", "body", "field", "form"),
    [
        ("drafter", "messages/", {"body": "m" * 2001}, "body", "message"),
        (
            "drafter",
            "deliverables/",
            {"link": "https://e.org/", "note": "n" * 2001},
            "note",
            "deliverable",
        ),
        ("mentor", "request-revision/", {"comment": "c" * 2001}, "comment", "revision"),
        ("mentor", "cancel/", {"reason": "r" * 1001}, "reason", "cancel"),
    ],
)
def test_too_long_text_is_refused_with_a_message_for_people(role, path, body, field, form):
    engagement = EngagementFactory(state=Engagement.State.ACTIVE)
    client = APIClient()
    client.force_authenticate(getattr(engagement, role))

    response = client.post(f"/api/v1/engagements/{engagement.pk}/{path}", body, format="json")

    assert response.status_code == 400
    [message] = response.json()["error"]["fields"][field]
    assert f"{text_limits()[form][field]:,}" in message
    assert "Ensure" not in message


@pytest.mark.django_db
def test_a_task_too_long_and_half_filled_is_told_in_plain_words():
    client = APIClient()
    client.force_authenticate(UserFactory())

    response = client.post(
        "/api/v1/tasks/",
        {"title": "t" * 161, "description": "", "estimated_hours": "four", "slots": 99},
        format="json",
    )

    assert response.json()["error"]["fields"] == {
        "title": ["Keep it to 160 characters or fewer."],
        "description": ["Fill this in."],
        "estimated_hours": ["Enter a whole number, like 4."],
        "slots": ["Use 50 or fewer."],
    }


def _stock_sentences() -> set[str]:
    sentences = set()
    for value in vars(drf_fields).values():
        if isinstance(value, type) and issubclass(value, drf_fields.Field):
            sentences |= {str(m) for m in getattr(value, "default_error_messages", {}).values()}
    return sentences


def test_no_input_field_speaks_in_the_frameworks_stock_sentences():
    stock = _stock_sentences()
    stock_starts = ("Ensure this", "This field", "A valid", "Must be", "Not a valid", "Expected a")
    leaks = []
    serializers = _every_input_serializer()
    assert len(serializers) > 30
    for serializer_class in serializers:
        for name, field in serializer_class().fields.items():
            for f in (field, getattr(field, "child", None)):
                if f is None:
                    continue
                messages = [str(m) for m in f.error_messages.values()]
                messages += [str(v.message) for v in f.validators if hasattr(v, "message")]
                leaks += [
                    f"{serializer_class.__name__}.{name}: {m}"
                    for m in messages
                    if m in stock or m.startswith(stock_starts)
                ]
    assert leaks == []
