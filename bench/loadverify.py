"""After a load phase: prove that nothing was lost (bench/loadtest.py runs it; prints JSON).

    python bench/loadverify.py RESULTS.json SINCE_ISO   (with the topology's environment)

- every apply answered 201 exists, once, for that task and drafter; applications that were
  committed but whose answer was lost (a server killed mid-request) are counted apart;
- every message answered 201 exists;
- the task queue drains, and every task ran exactly once (one worker claim, succeeded).
"""

import json
import os
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
django.setup()

from django.db.models import Count  # noqa: E402
from django.utils.dateparse import parse_datetime  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from projects.models import Application, Message  # noqa: E402


def main(results_path: Path, since: str) -> dict:
    results = json.loads(results_path.read_text())
    started = parse_datetime(since)
    recorded = {row["id"]: row["task"] for row in results["applications"]}
    found = dict(Application.objects.filter(pk__in=recorded).values_list("pk", "task_id"))
    load_apps = Application.objects.filter(
        drafter__email__startswith="load-drafter-", created_at__gte=started
    )
    duplicates = (
        Application.objects.values("task_id", "drafter_id").annotate(n=Count("pk")).filter(n__gt=1)
    )
    messages = set(results["messages"])
    messages_found = Message.objects.filter(pk__in=messages).count()
    deadline = time.monotonic() + 120
    while (
        time.monotonic() < deadline
        and DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()
    ):
        time.sleep(0.5)
    tasks = DBTaskResult.objects.filter(enqueued_at__gte=started)
    by_status = dict(tasks.values_list("status").annotate(n=Count("pk")))
    claims = [len(ids) for ids in tasks.values_list("worker_ids", flat=True)]
    emails = tasks.filter(
        task_path="accounts.tasks.send_notification_email", status="SUCCESSFUL"
    ).count()
    report = {
        "applies_ok": len(recorded),
        "applies_missing": sum(1 for pk, task in recorded.items() if found.get(pk) != task),
        "applies_in_db": load_apps.count(),
        "duplicate_applications": duplicates.count(),
        "messages_ok": len(messages),
        "messages_missing": len(messages) - messages_found,
        "tasks": by_status,
        "tasks_claimed_more_than_once": sum(1 for n in claims if n > 1),
        "emails_sent_by_tasks": emails,
        "emails_sent_by_tasks_ever": DBTaskResult.objects.filter(
            task_path="accounts.tasks.send_notification_email", status="SUCCESSFUL"
        ).count(),
    }
    print(json.dumps(report))
    return report


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
