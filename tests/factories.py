"""factory_boy factories: each builds real rows through our own services where one exists."""

import factory
from allauth.account.models import EmailAddress

from accounts.models import PortfolioItem, Skill, User
from accounts.services import profile_ensure
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
        profile_ensure(user=obj, display_name=kwargs.get("display_name", ""))
        EmailAddress.objects.get_or_create(
            user=obj, email=obj.email, defaults={"verified": True, "primary": True}
        )


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Skill {n}")
    slug = factory.Sequence(lambda n: f"skill-{n}")


class PortfolioItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PortfolioItem

    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Case study {n}")
    link = "https://example.org/work"


# --- Marketplace rows (kept simple; built directly, not through the lifecycle services) -----


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    mentor = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Overflow task {n}")
    description = "Help with a piece of real work."
    estimated_hours = 6
    state = Task.State.OPEN
    stipend_amount = None
    what_you_gain = "A reference and a portfolio piece."


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    task = factory.SubFactory(TaskFactory)
    drafter = factory.SubFactory(UserFactory)
    note = "I did something similar last term; here is how I would approach it."
    state = Application.State.SUBMITTED


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    application = factory.SubFactory(ApplicationFactory, state=Application.State.ACCEPTED)
    task = factory.SelfAttribute("application.task")
    mentor = factory.SelfAttribute("application.task.mentor")
    drafter = factory.SelfAttribute("application.drafter")
    state = Engagement.State.ACTIVE
