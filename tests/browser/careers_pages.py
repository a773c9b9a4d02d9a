"""What the career-office browser tests share: a staff-only office admin and screenshots of a
page at both widths (checked to fit a phone)."""

from pathlib import Path

from tests.browser.conftest import assert_fits_width
from tests.careers.conftest import make_office


def staff_only_office_admin(name: str = "Priya Shah"):
    """Riverbend's office, whose admin neither drafts nor mentors."""
    office = make_office("Riverbend University", "riverbend.edu")
    profile = office.admin.profile
    profile.display_name = name
    profile.wants_to_draft = profile.wants_to_mentor = False
    profile.joins_career_office = True
    profile.save()
    return office


def shoot_both_widths(page, folder: Path, name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
    assert_fits_width(page, 390)
    page.set_viewport_size({"width": 1280, "height": 900})
