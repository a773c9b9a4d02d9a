"""factory_boy factories: each builds real rows through our own services where one exists."""

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import (
    Institution,
    InstitutionMembership,
    PortfolioItem,
    Skill,
    User,
    UserSkill,
)
from accounts.services.profiles import profile_ensure
from accounts.skill_keys import skill_search_key
from projects.models import Application, Engagement, Task

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def finish(obj, create, extracted, **kwargs):
        if not create:
            return
        obj.save()
        # Named by default, as a person must be to publish, apply or send an offer; a test of
        # the nameless case passes finish__display_name="".
        name = kwargs.get("display_name", obj.email.split("@")[0].title())
        profile_ensure(user=obj, display_name=name)
        EmailAddress.objects.get_or_create(
            user=obj, email=obj.email, defaults={"verified": True, "primary": True}
        )


class SkillFactory(factory.django.DjangoModelFactory):
    """Matches by normalised name, so SkillFactory(name="Python") returns the seeded skill."""

    class Meta:
        model = Skill
        django_get_or_create = ("search_key",)

    name = factory.Sequence(lambda n: f"Skill {n}")
    slug = factory.Sequence(lambda n: f"skill-{n}")
    search_key = factory.LazyAttribute(lambda o: skill_search_key(o.name))


class PortfolioItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PortfolioItem

    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Case study {n}")
    link = "https://example.org/work"


# --- accounts: skills, institutions, consent (issue 3) ----------------------------------------


class UserSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UserSkill

    user = factory.SubFactory(UserFactory)
    skill = factory.SubFactory(SkillFactory)
    level = UserSkill.Level.WORKING


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"University {n}")
    slug = factory.Sequence(lambda n: f"university-{n}")
    email_domains = factory.Sequence(lambda n: [f"uni{n}.edu"])
    country = "US"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstitutionMembership

    user = factory.SubFactory(UserFactory)
    institution = factory.SubFactory(InstitutionFactory)
    role = InstitutionMembership.Role.STUDENT
    email = factory.LazyAttribute(lambda m: f"{m.user.pk}@{m.institution.email_domains[0]}")


# --- projects (lifecycle) -------------------------------------------------------------------


class TaskFactory(factory.django.DjangoModelFactory):
    """An open, unpaid public task. Pass `skills=[...]` to attach skills (kept searchable)."""

    class Meta:
        model = Task
        skip_postgeneration_save = True

    mentor = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Overflow task {n}")
    description = "Help with a piece of real work."
    estimated_hours = 6
    what_you_gain = "A reference and a portfolio piece."
    state = Task.State.OPEN
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def skills(obj, create, extracted, **kwargs):
        if not create:
            return
        if extracted:
            obj.skills.set(extracted)
        obj.skills_text = " ".join(sorted(s.name for s in obj.skills.all()))
        obj.save()


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    task = factory.SubFactory(TaskFactory)
    drafter = factory.SubFactory(UserFactory)
    note = "I would start by reading the brief; see my case study."
    work_sample_link = "https://example.org/sample"


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    application = factory.SubFactory(ApplicationFactory, state=Application.State.ACCEPTED)
    task = factory.SelfAttribute("application.task")
    mentor = factory.SelfAttribute("application.task.mentor")
    drafter = factory.SelfAttribute("application.drafter")
    state = Engagement.State.ACTIVE


def verified_drafter(**kwargs) -> User:
    """A drafter with two verified drafts (completed engagements): enough to host a circle."""
    user = UserFactory(**kwargs)
    for _ in range(2):
        EngagementFactory(application__drafter=user, state=Engagement.State.COMPLETED)
    return user
