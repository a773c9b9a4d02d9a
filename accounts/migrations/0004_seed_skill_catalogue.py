"""Fill the search key of existing skills, then load the starter catalogue (accounts.skill_catalogue).

Uses only the historical model and pure functions, so it keeps working as the models change.
"""

from django.db import migrations

from accounts.skill_catalogue import STARTER_SKILLS
from accounts.skill_keys import skill_base_slug, skill_search_key


def seed(apps, schema_editor):
    Skill = apps.get_model("accounts", "Skill")
    seen_keys: set[str] = set()
    for skill in Skill.objects.order_by("id"):
        key = skill_search_key(skill.name) or skill.slug
        if key in seen_keys:  # duplicates made before keys existed keep their row, a distinct key
            key = f"{key} {skill.pk}"
        seen_keys.add(key)
        skill.search_key = key
        skill.save(update_fields=["search_key"])

    slugs = set(Skill.objects.values_list("slug", flat=True))
    new = []
    for category, names in STARTER_SKILLS.items():
        for name in names:
            key = skill_search_key(name)
            if key in seen_keys:
                continue
            slug = base = skill_base_slug(name)
            n = 2
            while slug in slugs:
                slug, n = f"{base}-{n}", n + 1
            seen_keys.add(key)
            slugs.add(slug)
            new.append(Skill(name=name, slug=slug, category=category, search_key=key))
    Skill.objects.bulk_create(new)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_profile_skills_portfolio_consent")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
