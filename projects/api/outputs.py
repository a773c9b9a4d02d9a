"""Outputs of the hot reads built without a serializer pass, from what their selectors return.

Each gives exactly what its serializer in serializers.py (the documented shape) would: a test
per function compares the two (tests/projects/test_task_detail_output.py,
test_application_rows.py). A serializer pass over model instances cost more than the queries.
"""

from types import SimpleNamespace
from typing import Any

from rest_framework import serializers

from accounts.api.serializers import avatar_url_for
from accounts.text import markdown_to_safe_html
from accounts.uploads import upload_kind_is_image
from projects.api.serializers import TaskSummarySerializer, stipend_terms
from projects.models import Application, Task
from projects.selectors.mentors import mentor_trust_card
from projects.services.applications import AUTOMATIC_DECLINE_NOTES
from projects.transitions import application_actions_for, task_actions_for

# Field formats: the same as the serializers'.
_DATE = serializers.DateField()
_DATETIME = serializers.DateTimeField()


def _or_none(value: Any, convert: Any) -> Any:
    return None if value is None else convert(value)


def task_detail_output(task: Task, *, viewer: Any) -> dict[str, Any]:
    """TaskDetailSerializer's output for task_get_for_viewer's task (with its `skill_list` and
    `institution_list`), without a serializer pass: building the nested serializers cost more
    than the task's query. tests/projects/test_task_detail_output.py checks both agree."""
    role, actions = task_actions_for(task, viewer=viewer)
    # What task_get_for_viewer adds: skill_list, institution_list, applicant_count.
    added: Any = task
    mentor = task.mentor
    card = mentor_trust_card(mentor=mentor)
    return {
        "id": task.pk,
        "title": task.title,
        "estimated_hours": _or_none(task.estimated_hours, int),
        "deadline": _or_none(task.deadline, _DATE.to_representation),
        "is_remote": task.is_remote,
        "location": task.location,
        "slots": task.slots,
        "filled_slots": task.filled_slots,
        "stipend_amount": _or_none(task.stipend_amount, int),
        "stipend_currency": task.stipend_currency,
        **stipend_terms(task.stipend_amount),
        "what_you_gain": task.what_you_gain,
        "visibility": task.visibility,
        "level": task.level,
        "description": task.description,
        "description_html": markdown_to_safe_html(task.description, document=True),
        "skills": [{"id": s.pk, "slug": s.slug, "name": s.name} for s in added.skill_list],
        "institutions": [{"id": i.pk, "name": i.name} for i in added.institution_list],
        "questions": _or_none(task.questions, lambda items: [str(item) for item in items]),
        "state": task.state,
        "published_at": _or_none(task.published_at, _DATETIME.to_representation),
        "created_at": _or_none(task.created_at, _DATETIME.to_representation),
        "mentor": {
            "id": mentor.pk,
            "handle": mentor.profile.handle,
            "display_name": mentor.profile.display_name,
        },
        "mentor_card": {
            "handle": card["handle"],
            "display_name": card["display_name"],
            "avatar_url": avatar_url_for(handle=card["handle"], avatar_name=card["avatar"]),
            "organisation": card["organisation"],
            "job_title": card["job_title"],
            "verified_work_domain": card["verified_work_domain"],
            "drafts_completed": card["drafts_completed"],
            "people_helped": card["people_helped"],
            "reply_hours": card["reply_hours"],
            "response_rate": card["response_rate"],
            "median_reply_hours": card["median_reply_hours"],
            "member_since": _or_none(card["member_since"], _DATE.to_representation),
        },
        "applicant_count": added.applicant_count,
        "is_mine": bool(viewer and viewer.is_authenticated and viewer.pk == task.mentor_id),
        "viewer_application_id": getattr(task, "viewer_application_id", None),
        "viewer_role": role,
        "allowed_actions": actions,
    }


def application_rows_output(
    *, task: dict[str, Any], rows: list[dict[str, Any]], viewer: Any
) -> list[dict[str, Any]]:
    """ApplicationOutputSerializer's output for rows of one task (selectors/application_rows.py
    application_task_row + application_page_for_task), without a serializer pass
    over model instances: the mentor's list of 20 applications spent most of its time there.
    tests/projects/test_application_rows.py checks both give the same JSON."""
    # .keys(): the stub types iterating a BindingDict as its fields, not their names.
    summary_fields = TaskSummarySerializer().fields.keys()
    task_summary = {key: task[key] for key in summary_fields}
    questions = [str(question) for question in task["questions"]]
    mentor = {
        "id": task["mentor_id"],
        "handle": task["mentor_handle"],
        "display_name": task["mentor_display_name"],
    }
    task_for_actions = SimpleNamespace(**task)
    actions: dict[str, tuple[str, list[str]]] = {}
    out = []
    for row in rows:
        state = row["state"]
        if state not in actions:
            actions[state] = application_actions_for(
                SimpleNamespace(state=state, task=task_for_actions), viewer=viewer
            )
        role, allowed = actions[state]
        out.append(
            {
                "id": row["id"],
                "state": state,
                "note": row["note"],
                "work_sample_link": row["work_sample_link"],
                "answers": [str(answer) for answer in row["answers"]],
                "decline_note": row["decline_note"],
                "decline_automatic": row["decline_note"] in AUTOMATIC_DECLINE_NOTES
                or row["closed_automatically"],
                "decline_reason": row["decline_reason"],
                "closed_automatically": row["closed_automatically"],
                "created_at": _DATETIME.to_representation(row["created_at"]),
                "updated_at": _DATETIME.to_representation(row["updated_at"]),
                "task": task_summary,
                "task_questions": questions,
                "mentor": mentor,
                "drafter": {
                    "id": row["drafter_id"],
                    "handle": row["drafter_handle"],
                    "display_name": row["drafter_display_name"],
                    "headline": row["drafter_headline"],
                },
                "portfolio_items": [
                    _portfolio_item_output(item, application_id=row["id"])
                    for item in row["portfolio_items"]
                ],
                "engagement_id": (
                    row["engagement_id"] if state == Application.State.ACCEPTED else None
                ),
                "introduced_by": (
                    {
                        "handle": row["introduced_by_handle"],
                        "display_name": row["introduced_by_name"] or "",
                    }
                    if row["introduced_by_handle"]
                    else None
                ),
                "viewer_role": role,
                "allowed_actions": list(allowed),
            }
        )
    return out


def _portfolio_item_output(item: dict[str, Any], *, application_id: int) -> dict[str, Any]:
    """ApplicationPortfolioItemSerializer's output for an application_page_for_task item."""
    file = None
    if item["file"]:
        file = {
            "url": f"/api/v1/applications/{application_id}/portfolio/{item['id']}/file/",
            "name": item["file_name"] or item["title"],
            "is_image": upload_kind_is_image(item["file_kind"]),
        }
    return {
        "id": item["id"],
        "title": item["title"],
        "description": item["description"],
        "link": item["link"],
        "visibility": item["visibility"],
        "skills": item["skills"],
        "file": file,
    }
