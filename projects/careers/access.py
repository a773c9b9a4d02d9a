"""Who is asking the careers API, for which institution — and the one door to its students.

Every careers selector takes a `CareersAccess` and builds its rows from `access.students(scope)`
(consenting students of that one institution, evaluated per request): there is no other way
to reach student rows from here, so a new endpoint cannot forget the institution or consent.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, FilteredRelation, OuterRef, Q, QuerySet

from accounts.models import Consent, Institution, InstitutionApiKey, InstitutionMembership, User
from accounts.selectors.consent import consenting_students
from accounts.selectors.institutions import staff_membership_get
from projects.careers.models import CareersStudent
from projects.careers.summary_terms import student_public_id_make

PARTICIPATION = Consent.Scope.PARTICIPATION
EVALUATIONS = Consent.Scope.EVALUATIONS
STIPEND_AMOUNTS = Consent.Scope.STIPEND_AMOUNTS
OUTCOMES = Consent.Scope.OUTCOMES


@dataclass(frozen=True)
class PageStudent:
    """One student of a page as the office may see them now: the id the office knows them by
    and the consent scopes it may read for them (empty when no longer visible at all)."""

    public_id: str
    scopes: frozenset[str]


@dataclass(frozen=True)
class CareersAccess:
    institution: Institution
    api_key: InstitutionApiKey | None = None
    staff: InstitutionMembership | None = None

    def students(self, scope: str = PARTICIPATION) -> QuerySet[User]:
        return consenting_students(institution=self.institution, scope=scope)

    def consenting(self, user_field: str, scope: str = PARTICIPATION) -> Q:
        """`access.students(scope)` as a filter on another model's user column (`drafter_id`):
        the same membership and consent rule, correlated on that column. PostgreSQL turned
        `EXISTS(<students> WHERE pk = drafter_id)` into a join against the whole consenting set
        re-read for every row walked; these two EXISTS are index probes (or one hash) per row.
        A test holds it to `students()`."""
        ref = OuterRef(user_field)
        member = InstitutionMembership.objects.filter(
            user=ref,
            institution=self.institution,
            role=InstitutionMembership.Role.STUDENT,
            ended_at__isnull=True,
        )
        consent = Consent.objects.filter(
            student=ref, institution=self.institution, revoked_at__isnull=True, **{scope: True}
        )
        active = User.objects.filter(pk=ref, is_active=True)
        return Q(Exists(member), Exists(consent), Exists(active))

    def student_public_id(self, user_id: int) -> str:
        """A student's id as this institution sees it: stable for the institution, different
        at every other one, so two offices cannot join their data on it. The value stored on
        CareersStudent when the student first appeared was made by this same function."""
        return student_public_id_make(institution_id=self.institution.pk, user_id=user_id)

    def page_students(
        self, user_ids: Iterable[int], scopes: Iterable[str]
    ) -> dict[int, PageStudent]:
        """A page's students, each with their public id and which of `scopes` the office may
        see for them, in one query: `students(scope)`'s rule (an active account, an active
        student membership, an active consent covering the scope) read off one row per
        student, where a query per scope plus one for the ids cost four round trips and four
        compilations on every page. A test holds it to `students()`."""
        ids, scopes = set(user_ids), list(scopes)
        unknown = set(scopes) - set(Consent.Scope.values)
        if unknown:
            raise ValueError(f"unknown consent scope: {sorted(unknown)}")
        if not ids:
            return {}
        # LEFT JOINs, not an EXISTS per scope: the same rows, and a third of the Python it took
        # Django to build and compile five subqueries. A student has at most one active consent
        # and one stored row per institution; a second active membership only repeats a row.
        institution = self.institution
        rows = (
            User.objects.filter(pk__in=ids)
            .annotate(
                stored=FilteredRelation(
                    "careers_rows", condition=Q(careers_rows__institution=institution)
                ),
                consent=FilteredRelation(
                    "consents",
                    condition=Q(consents__institution=institution, consents__revoked_at=None),
                ),
                member=FilteredRelation(
                    "memberships",
                    condition=Q(
                        memberships__institution=institution,
                        memberships__role=InstitutionMembership.Role.STUDENT,
                        memberships__ended_at=None,
                    ),
                ),
            )
            .values_list(
                "pk",
                "stored__public_id",
                "is_active",
                "member__id",
                *(f"consent__{scope}" for scope in scopes),
            )
        )
        page = {}
        for pk, public_id, active, member_id, *consents in rows:
            visible = active and member_id is not None
            page[pk] = PageStudent(
                public_id=public_id or self.student_public_id(pk),
                scopes=frozenset(
                    scope
                    for scope, given in zip(scopes, consents, strict=True)
                    if visible and given
                ),
            )
        # Every id answers, even one whose account went between the page's query and this one.
        for pk in ids - page.keys():
            page[pk] = PageStudent(public_id=self.student_public_id(pk), scopes=frozenset())
        return page

    def student_get(self, *, public_id: str, scope: str = PARTICIPATION) -> User | None:
        """The consenting student behind `public_id` (an indexed lookup of the stored id), or
        None (absent, other institution's, or no longer consenting)."""
        stored = CareersStudent.objects.filter(institution=self.institution)
        row = stored.filter(public_id=public_id).values_list("student_id", flat=True)
        found = self.students(scope).filter(pk__in=row).select_related("profile").first()
        if found is not None:
            return found
        # A student whose row the hook has not made yet (data loaded past the services, before
        # `careers_rebuild_summary`): normally none, so this scan is empty.
        for pk in (
            self.students(scope)
            .exclude(pk__in=stored.values("student_id"))
            .values_list("pk", flat=True)
            .iterator()
        ):
            if self.student_public_id(pk) == public_id:
                return User.objects.select_related("profile").get(pk=pk)
        return None

    @property
    def staff_member(self) -> InstitutionMembership:
        """The staff membership behind a session: staff-only actions are refused to keys before
        they run (`staff_only`), so they always have one."""
        assert self.staff is not None, "a staff-only action ran for an API key"
        return self.staff

    @property
    def staff_user(self) -> User:
        return self.staff_member.user

    @property
    def is_staff_session(self) -> bool:
        return self.staff is not None

    @property
    def is_admin(self) -> bool:
        return self.staff is not None and self.staff.staff_role == self.staff.StaffRole.ADMIN


def careers_access_resolve(
    *,
    user: User | AnonymousUser,
    api_key: InstitutionApiKey | None,
    institution_slug: str | None = None,
    live_only: bool = True,
) -> CareersAccess:
    """A key speaks for its own institution only; a signed-in person for an institution where
    they are active career-office staff (403 otherwise). `live_only=False` also answers for an
    institution still waiting for approval (inviting colleagues starts before it is live)."""
    if api_key is not None:
        return CareersAccess(institution=api_key.institution, api_key=api_key)
    membership = staff_membership_get(
        user=user, institution_slug=institution_slug, live_only=live_only
    )
    return CareersAccess(institution=membership.institution, staff=membership)
