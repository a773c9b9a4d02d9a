"""Re-apply the curated skill families: "web-frontend" put HTML and CSS with React (a "close to
your HTML" reason for a React task is not true), "data-analysis" put Excel with statistics and
A/B tests. Skills of the split families take their new family; no other skill changes."""

from django.db import migrations

from accounts.skill_families import SKILL_FAMILIES
from accounts.skill_keys import skill_spelling_key

SPLIT = ("web-frontend", "data-analysis")


def families_reapply(apps, schema_editor):
    Skill = apps.get_model("accounts", "Skill")
    Skill.objects.filter(family="web-frontend").update(family="")
    for family, names in SKILL_FAMILIES.items():
        keys = [skill_spelling_key(name) for name in names]
        Skill.objects.filter(spelling_key__in=keys, family__in=("", *SPLIT)).update(family=family)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0009_handles_and_work_domain")]

    operations = [migrations.RunPython(families_reapply, migrations.RunPython.noop)]
