"""The viewer's "tell me when a circle opens" alerts, beside the families of their skills."""

from typing import Any

from accounts.models import User
from accounts.skill_families import SKILL_FAMILY_LABELS
from projects.circles.models import CircleAlert
from projects.circles.selectors.circles import viewer_skill_families


def circle_alerts_for_viewer(*, viewer: User) -> list[dict[str, Any]]:
    """One row per family of the viewer's skills, and per family they wait for: whether they
    wait (`waiting`), and when they were last told (`notified_at`). Two queries."""
    alerts = {a.skill_family: a for a in CircleAlert.objects.filter(user=viewer)}
    own = viewer_skill_families(user=viewer)
    families = own | set(alerts)
    rows = []
    for family in sorted(families, key=lambda f: SKILL_FAMILY_LABELS.get(f, f)):
        if family not in SKILL_FAMILY_LABELS:
            continue  # a family retired from the catalogue has no circles
        alert = alerts.get(family)
        rows.append(
            {
                "skill_family": family,
                "skill_family_label": SKILL_FAMILY_LABELS[family],
                "from_your_skills": family in own,
                "waiting": alert is not None and alert.notified_at is None,
                "notified_at": alert.notified_at if alert else None,
            }
        )
    return rows
