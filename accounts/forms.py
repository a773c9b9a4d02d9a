"""allauth's sign-up form, plus the question every new member answers: which role(s)?"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.http import HttpRequest

from accounts.models import User
from accounts.services.profiles import profile_update

ROLE_CHOICES = [
    ("drafter", "Drafter: I want to help professionals and gain experience"),
    ("mentor", "Mentor: I have overflow work and want to pass on what I know"),
    ("career_office", "Career office: I work in a university career office"),
]


class SignupForm(AllauthSignupForm):
    roles = forms.MultipleChoiceField(
        label="I am joining as",
        choices=ROLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "Choose one or more; you can change this later in your settings. Career-office "
            "staff next create their institution or, if their office is already on Slipstream, "
            "ask to join it or accept a colleague's invitation."
        ),
        error_messages={
            "required": "Choose at least one role: drafter, mentor or career office.",
        },
        initial=["drafter"],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Put the question first: it frames the rest of the form.
        self.order_fields(["roles", *[name for name in self.fields if name != "roles"]])

    def signup(self, request: HttpRequest, user: User) -> None:
        roles = set(self.cleaned_data["roles"])
        profile_update(
            user=user,
            data={
                "wants_to_draft": "drafter" in roles,
                "wants_to_mentor": "mentor" in roles,
                "joins_career_office": "career_office" in roles,
            },
        )
