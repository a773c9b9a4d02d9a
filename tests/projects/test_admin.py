"""Site staff correct a task's words in the admin, but every save obeys the task rules and
skills, money and places are not editable there (they stay consistent with search and slots)."""

import pytest

from tests.factories import TaskFactory, UserFactory


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def form_data(task, **changes):
    data = {
        "title": task.title,
        "description": task.description,
        "what_you_gain": task.what_you_gain,
        "location": task.location,
        "is_remote": "on" if task.is_remote else "",
        "deadline": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != "" or k in {"deadline", "location"}}


@pytest.mark.django_db
def test_staff_can_correct_a_title(staff_client):
    task = TaskFactory(is_remote=True)
    url = f"/admin/projects/task/{task.pk}/change/"

    response = staff_client.post(url, form_data(task, title="A clearer title"))

    assert response.status_code == 302
    task.refresh_from_db()
    assert task.title == "A clearer title"


@pytest.mark.django_db
def test_admin_save_obeys_the_task_rules(staff_client):
    task = TaskFactory(is_remote=True)  # unpaid: it must say what the drafter gains
    url = f"/admin/projects/task/{task.pk}/change/"

    response = staff_client.post(url, form_data(task, what_you_gain=" "))

    assert response.status_code == 200
    assert "An unpaid task must say what the drafter will gain." in response.content.decode()
    task.refresh_from_db()
    assert task.what_you_gain.strip()


@pytest.mark.django_db
def test_skills_slots_and_money_are_read_only_in_the_admin(staff_client):
    task = TaskFactory(is_remote=True)
    page = staff_client.get(f"/admin/projects/task/{task.pk}/change/").content.decode()

    for editable in ('name="title"', 'name="description"'):
        assert editable in page
    for locked in ('name="skills"', 'name="slots"', 'name="stipend_amount"', 'name="state"'):
        assert locked not in page
