"""The students list as a file, served by the API (careers/students.csv): the office's staff
(viewer or admin) and its keys download it, nobody else; only students who share participation
are in it, outcome counts only for those who share outcomes; typed text cannot run as a formula;
the download is one read in the disclosure log, whatever the office's size."""

import csv
import io

import pytest
from rest_framework.test import APIClient

from accounts.models import InstitutionMembership
from projects.careers.models import Disclosure
from tests.careers.conftest import make_student
from tests.careers.test_outcomes import WITH_OUTCOMES, _completed_with_outcomes
from tests.factories import EngagementFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/careers/students.csv"


def _download(client: APIClient) -> tuple[str, list[dict[str, str]]]:
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="careers-students.csv"'
    text = b"".join(response.streaming_content).decode()
    return text, list(csv.DictReader(io.StringIO(text)))


def _viewer(office) -> APIClient:
    viewer = UserFactory(email="vic@northfield.edu")
    MembershipFactory(
        user=viewer,
        institution=office.institution,
        role=InstitutionMembership.Role.STAFF,
        staff_role=InstitutionMembership.StaffRole.VIEWER,
    )
    client = APIClient()
    client.force_authenticate(viewer)
    return client


def test_the_file_has_the_students_tables_columns_and_only_students_who_share(office):
    sharing = make_student(office, "Ola Shares", scopes=WITH_OUTCOMES, programme="Economics")
    _completed_with_outcomes(sharing, ("referral", "job_offer"))
    private = make_student(office, "Pat Private", scopes=["participation"], class_year=2027)
    _completed_with_outcomes(private, ("job_offer",))
    make_student(office, "Never Shared", scopes=None)

    text, rows = _download(office.staff_client())

    assert text.splitlines()[0] == (
        "id,name,programme,class_year,skills,applications,engagements,completed,"
        "shares_outcomes,introduction,referral,repeat_work,job_offer,last_activity"
    )
    by_name = {row["name"]: row for row in rows}
    assert set(by_name) == {"Ola Shares", "Pat Private"}
    ola, pat = by_name["Ola Shares"], by_name["Pat Private"]
    assert ola["id"].startswith("stu_") and ola["programme"] == "Economics"
    assert (ola["engagements"], ola["completed"]) == ("1", "1")
    assert ola["shares_outcomes"] == "yes"
    assert (ola["referral"], ola["job_offer"], ola["introduction"]) == ("1", "1", "0")
    # Participation only: no outcome counts at all, as the table says "Not shared".
    assert pat["shares_outcomes"] == "no" and pat["job_offer"] == "" and pat["class_year"] == "2027"
    assert len(ola["last_activity"]) == 10  # YYYY-MM-DD


def test_a_typed_formula_stays_text_and_numbers_are_never_quoted(office):
    make_student(office, "=HYPERLINK(evil)")
    make_student(office, "Kim, Noah")

    text, rows = _download(office.key_client())

    assert {row["name"] for row in rows} == {"'=HYPERLINK(evil)", "Kim, Noah"}
    assert '"Kim, Noah"' in text and ',"0",' not in text


def test_a_viewer_and_the_offices_key_download_it_too(office):
    make_student(office, "Noah Kim")

    assert [row["name"] for row in _download(_viewer(office))[1]] == ["Noah Kim"]
    assert [row["name"] for row in _download(office.key_client())[1]] == ["Noah Kim"]


def test_nobody_outside_the_office_downloads_it(office, other_office):
    make_student(office, "Noah Kim")
    drafter = APIClient()
    drafter.force_authenticate(UserFactory())

    assert APIClient().get(URL).status_code in (401, 403)
    assert drafter.get(URL).status_code == 403
    # Another office's staff and key read their own (empty) list, never this office's.
    for client in (other_office.staff_client(), other_office.key_client()):
        assert _download(client)[1] == []
        asked = client.get(URL, {"institution": office.institution.slug})
        body = b"".join(asked.streaming_content) if asked.streaming else asked.content
        assert asked.status_code in (200, 403, 404) and b"Noah Kim" not in body


def test_the_download_is_one_read_in_the_log_naming_every_student_in_it(office):
    noah, ana = make_student(office, "Noah Kim"), make_student(office, "Ana Ruiz")
    make_student(office, "Never Shared", scopes=None)

    _download(office.staff_client())

    (read,) = Disclosure.objects.all()
    assert read.endpoint == URL
    assert set(read.students.values_list("pk", flat=True)) == {noah.pk, ana.pk}
    assert read.staff_user == office.admin


def test_thirty_students_take_nine_queries(office, django_assert_max_num_queries):
    for n in range(30):
        EngagementFactory(drafter=make_student(office, f"Student {n}"))
    client = office.staff_client()

    # The access, the students' ids, their rows, skills, drafted tasks' skills and outcomes,
    # and the log's two writes: the same nine for 3 students or 500.
    with django_assert_max_num_queries(9):
        _, rows = _download(client)

    assert len(rows) == 30


def test_the_file_holds_the_students_the_filtered_list_shows(office):
    ada = make_student(office, "Ada Maths", programme="Mathematics", class_year=2027)
    make_student(office, "Bo Biology", programme="Biology", class_year=2027)
    make_student(office, "Cy Maths Later", programme="Mathematics", class_year=2028)
    client = office.staff_client()

    response = client.get(f"{URL}?programme=Mathematics&class_year=2027")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert [row["name"] for row in rows] == ["Ada Maths"]
    # Only the students in the file are logged as read.
    (read,) = Disclosure.objects.all()
    assert list(read.students.values_list("pk", flat=True)) == [ada.pk]


def test_a_malformed_filter_on_the_file_is_refused_with_a_clear_message(office):
    response = office.staff_client().get(f"{URL}?class_year=soon")

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["class_year"]
