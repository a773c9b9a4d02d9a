"""Browse walks the (state, -published_at, -id) index until a page is full.

The (state, estimated_hours), (state, stipend_amount) and (state, is_remote) indexes were of low
selectivity (10 values, 40 %, 70 %), yet SQLite's and PostgreSQL's planners chose the hours range
index for a filtered browse (skills + paid + hours) and then sorted every match: 0.4 s / 0.7 s
at 100,000 tasks. A skill filter is answered from (skill_id, task_id) without reading the link
table's rows (the unique (task_id, skill_id) index serves the per-task check of a walk).

(mentor, -id) gives a mentor's newest tasks without sorting all of them: recommendations read
each candidate mentor's reply time from their most recent tasks."""

from django.db import migrations, models

SKILL_TASK = "projects_task_skills_skill_task"


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0006_matching_and_relationships"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="task", name="projects_ta_state_a10c4f_idx"),
        migrations.RemoveIndex(model_name="task", name="projects_ta_state_d353ef_idx"),
        migrations.RemoveIndex(model_name="task", name="projects_ta_state_deef26_idx"),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(fields=["mentor", "-id"], name="projects_task_mentor_newest"),
        ),
        migrations.RunSQL(
            f"CREATE INDEX {SKILL_TASK} ON projects_task_skills (skill_id, task_id)",
            f"DROP INDEX {SKILL_TASK}",
        ),
    ]
