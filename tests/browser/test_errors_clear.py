"""Issue 22 point 4: errors that never cleared. A field's message and red border go as soon as
the person fixes that field; every error goes once the action succeeds. One pattern in the
shared form helper (api.js: showErrors + sendForm), in real Chromium."""

from django.test import Client
from playwright.sync_api import expect

from projects.models import Task
from tests.careers.conftest import make_office
from tests.factories import TaskFactory, UserFactory


def log_in(page, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": page.base}])


def test_task_editor_errors_clear_field_by_field_as_they_are_fixed(page):
    log_in(page, UserFactory())
    page.goto(page.base + "/tasks/new/")
    form = page.locator("[data-task-form]")
    title, description = page.get_by_label("Title", exact=True), page.get_by_label("Description")
    hours = page.get_by_label("Estimated hours")

    page.get_by_role("button", name="Save draft").click()
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(form.locator(".field-error:not([data-form-error])")).not_to_have_count(0)
    in_error = form.locator("[aria-invalid=true]").count()
    assert in_error >= 3

    title.fill("Summarise ten papers")
    expect(title).not_to_have_attribute("aria-invalid", "true")
    expect(form.locator("#t-title-error")).to_have_count(0)
    expect(form.locator("[aria-invalid=true]")).to_have_count(in_error - 1)
    expect(form.locator("[data-form-error]")).to_be_visible()  # others still need a change

    description.fill("Ten papers, one page each.")
    hours.fill("5")
    for field in form.locator("[aria-invalid=true]").all():
        field.fill("Co-author credit.")
    expect(form.locator("[aria-invalid=true]")).to_have_count(0)
    expect(form.locator(".field-error:not([data-form-error])")).to_have_count(0)
    expect(form.locator("[data-form-error]")).to_be_hidden()


def test_careers_feature_error_clears_when_featuring_succeeds(page):
    """The office features tasks from a search picker; a task that closed after the search
    is refused, and the refusal goes once featuring another task succeeds."""
    office = make_office()
    closing = TaskFactory(title="Clean a survey dataset")
    TaskFactory(title="Code a survey dashboard")
    log_in(page, office.admin)
    page.goto(page.base + "/careers/")
    expect(page.locator("[data-status]")).not_to_contain_text("Loading")  # it has loaded
    status = page.locator('[data-say="featured"]')  # the featured card's own answer
    page.get_by_role("searchbox", name="Find a task").fill("survey")
    page.get_by_role("search", name="Find a task to feature").get_by_role(
        "button", name="Search"
    ).click()
    refused = page.get_by_role("button", name="Feature “Clean a survey dataset”")
    refused.wait_for()
    Task.objects.filter(pk=closing.pk).update(state=Task.State.CLOSED)  # closed meanwhile

    refused.click()
    expect(status).to_contain_text("Only open tasks can be featured.")  # the API's words

    page.get_by_role("button", name="Feature “Code a survey dashboard”").click()
    expect(page.locator("[data-featured]")).to_contain_text("Code a survey dashboard")
    expect(status).to_contain_text("is featured for your students")
    expect(status).not_to_contain_text("Only open tasks")
