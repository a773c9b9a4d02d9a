"""The one read of "this person's active student membership", which both consenting (by the
institution's slug) and the student's "who can see what I share" page (by the membership's id)
stand on: a staff membership, an ended one or someone else's is never it."""

import pytest
from django.utils import timezone

from accounts.models import InstitutionMembership
from accounts.selectors.institutions import student_membership_active
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_students_own_active_membership_is_found_by_id_or_by_slug():
    membership = MembershipFactory(institution=InstitutionFactory(slug="riverbend"))

    by_id = student_membership_active(user=membership.user, membership_id=membership.pk)
    by_slug = student_membership_active(user=membership.user, institution_slug="riverbend")

    assert by_id == by_slug == membership
    assert by_id is not None and by_id.institution.slug == "riverbend"


def test_a_staff_an_ended_or_someone_elses_membership_is_not_a_student_membership():
    staff = MembershipFactory(role=InstitutionMembership.Role.STAFF)
    ended = MembershipFactory(ended_at=timezone.now())
    theirs = MembershipFactory()
    me = UserFactory()

    assert student_membership_active(user=staff.user, membership_id=staff.pk) is None
    assert student_membership_active(user=ended.user, membership_id=ended.pk) is None
    assert (
        student_membership_active(user=ended.user, institution_slug=ended.institution.slug) is None
    )
    assert student_membership_active(user=me, membership_id=theirs.pk) is None
    assert student_membership_active(user=me, institution_slug=theirs.institution.slug) is None


def test_a_membership_in_one_institution_is_not_found_under_anothers_slug():
    membership = MembershipFactory()
    other = InstitutionFactory()

    found = student_membership_active(
        user=membership.user, membership_id=membership.pk, institution_slug=other.slug
    )

    assert found is None


def test_asking_without_naming_the_membership_is_a_programming_error_not_any_membership():
    membership = MembershipFactory()

    with pytest.raises(ValueError):
        student_membership_active(user=membership.user)
