"""Maya's own demo profile, filled as a mentor a visitor would trust: her skills, a short bio,
her hours and time zone, a link and a photo (a drawn monogram, no real person's face). The first
thing a visitor sees as Maya is then her work, not a "47% complete" nag. seed_demo calls this
after the offer mentors; idempotent: only what is still empty is filled, through the services."""

import io

from PIL import Image, ImageDraw

from accounts.models import User, UserSkill
from accounts.services.profiles import avatar_set, profile_update
from accounts.services.skills import skill_propose, user_skills_set

MAYA_EMAIL = "maya.mentor@demo.slipstream.local"
MAYA_PROFILE = {
    "bio": "I design money apps people can trust: onboarding, budgeting and payments flows, "
    "tested with real customers. I mentor because my first reviewer taught me more than any "
    "course: I review each draft within two days and say what I would change first.",
    "weekly_hours": 3,
    "time_zone": "Europe/London",
    "links": ["https://ledgerline.demo/design"],
}
MAYA_SKILLS = {"Product design": "expert", "UX research": "expert", "Figma": "working"}


def _monogram(initials: str) -> io.BytesIO:
    """A 256 px PNG: initials on a calm blue, large enough to read at every avatar size."""
    image = Image.new("RGB", (256, 256), (29, 78, 216))
    draw = ImageDraw.Draw(image)
    draw.text((128, 128), initials, fill=(255, 255, 255), anchor="mm", font_size=110)
    out = io.BytesIO()
    image.save(out, format="PNG")
    out.seek(0)
    out.name = "maya.png"
    return out


def seed_maya_profile() -> None:
    maya = User.objects.filter(email=MAYA_EMAIL).select_related("profile").first()
    if maya is None:
        return
    profile = maya.profile
    empty = {key: value for key, value in MAYA_PROFILE.items() if not getattr(profile, key)}
    if empty:
        profile_update(user=maya, data=empty)
    if not UserSkill.objects.filter(user=maya).exists():
        items = [
            {"skill_id": skill_propose(user=maya, name=name)[0].pk, "level": level}
            for name, level in MAYA_SKILLS.items()
        ]
        user_skills_set(user=maya, items=items)
    if not profile.avatar:
        avatar_set(user=maya, file=_monogram("MO"))
