"""University single sign-on (SAML 2.0) end to end, offline: an office registers its identity
provider; a signed assertion signs the person in and makes the membership without an e-mail
round trip; unsigned, wrongly signed, expired, replayed or misaddressed answers are refused
with a clear page."""

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialApp
from django.test import Client

from accounts.models import Institution, InstitutionMembership, Profile, User
from accounts.services.sso import institution_sso_set
from marketplace.errors import DomainError, Forbidden
from tests.accounts.saml_idp import UniversityIdentityProvider, other_keypair
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

SLUG = "uni"
HOST = "slipstream.test"
ACS = f"http://{HOST}/accounts/saml/{SLUG}/acs/"
SP_ENTITY = f"http://{HOST}/accounts/saml/{SLUG}/metadata/"


@pytest.fixture(autouse=True)
def served_at_host(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]


@pytest.fixture
def idp() -> UniversityIdentityProvider:
    return UniversityIdentityProvider()


@pytest.fixture
def institution(idp) -> Institution:
    institution = InstitutionFactory(
        slug=SLUG, name="Uni", email_domains=["uni.edu"], status=Institution.Status.APPROVED
    )
    admin = MembershipFactory(
        institution=institution,
        role=InstitutionMembership.Role.STAFF,
        staff_role=InstitutionMembership.StaffRole.ADMIN,
    ).user
    institution_sso_set(actor=admin, institution_slug=SLUG, metadata_xml=idp.metadata_xml())
    return institution


def _browser() -> Client:
    # A browser always sends Host; python3-saml builds the URLs it checks from it.
    return Client(HTTP_HOST=HOST)


def _start(client: Client) -> str:
    """The person chooses their university on our log-in page: we send them to the IdP."""
    response = client.post(f"/accounts/saml/{SLUG}/login/")
    assert response.status_code == 302
    assert response["Location"].startswith("https://idp.uni.edu/")
    return UniversityIdentityProvider.request_id(response["Location"])


def _answer(client: Client, saml_response: str):
    response = client.post(ACS, {"SAMLResponse": saml_response})
    assert response.status_code == 302  # allauth stores it, then finishes on its own URL
    return client.get(response["Location"])


def test_a_signed_assertion_signs_a_student_in_and_makes_the_membership(idp, institution):
    client = _browser()
    request_id = _start(client)

    finished = _answer(
        client,
        idp.response(
            acs_url=ACS,
            audience=SP_ENTITY,
            in_response_to=request_id,
            email="ada@uni.edu",
            affiliations=["student", "member"],
        ),
    )

    assert finished.status_code == 302
    user = User.objects.get(email="ada@uni.edu")
    assert client.session["_auth_user_id"] == str(user.pk)
    # The university proved the address: no e-mail round trip, and the membership is made.
    assert EmailAddress.objects.get(user=user, email="ada@uni.edu").verified
    membership = InstitutionMembership.objects.get(user=user, institution=institution)
    assert membership.role == InstitutionMembership.Role.STUDENT
    assert Profile.objects.get(user=user).display_name == "Ada Student"


def test_staff_affiliation_makes_office_staff_only_where_the_office_allows_it(idp, institution):
    client = _browser()
    _answer(
        client,
        idp.response(
            acs_url=ACS,
            audience=SP_ENTITY,
            in_response_to=_start(client),
            email="bob@uni.edu",
            affiliations=["staff"],
        ),
    )
    bob = User.objects.get(email="bob@uni.edu")
    # "staff" is any university employee, not the career office: nothing by default.
    assert not InstitutionMembership.objects.filter(user=bob).exists()

    admin = InstitutionMembership.objects.get(
        institution=institution, staff_role=InstitutionMembership.StaffRole.ADMIN
    ).user
    institution_sso_set(
        actor=admin,
        institution_slug=SLUG,
        metadata_xml=idp.metadata_xml(),
        staff_from_affiliation=True,
    )
    client = _browser()
    finished = _answer(
        client,
        idp.response(
            acs_url=ACS,
            audience=SP_ENTITY,
            in_response_to=_start(client),
            email="bob@uni.edu",
            affiliations=["staff"],
        ),
    )

    staff = InstitutionMembership.objects.get(user=bob, institution=institution)
    assert staff.role == InstitutionMembership.Role.STAFF
    assert staff.staff_role == InstitutionMembership.StaffRole.VIEWER
    assert finished["Location"] == "/careers/"


def test_an_address_off_the_universitys_domains_is_not_proved_and_makes_no_membership(
    idp, institution
):
    client = _browser()
    _answer(
        client,
        idp.response(
            acs_url=ACS,
            audience=SP_ENTITY,
            in_response_to=_start(client),
            email="ada@gmail.example",
            affiliations=["student"],
        ),
    )

    user = User.objects.get(email="ada@gmail.example")
    assert not EmailAddress.objects.get(user=user).verified  # confirmed by e-mail as usual
    assert not InstitutionMembership.objects.filter(user=user).exists()


def test_a_university_sign_in_never_takes_over_an_account_on_another_domain(idp, institution):
    owner = UserFactory(email="victim@gmail.example")
    client = _browser()

    _answer(
        client,
        idp.response(
            acs_url=ACS,
            audience=SP_ENTITY,
            in_response_to=_start(client),
            email="victim@gmail.example",
            affiliations=["student"],
        ),
    )

    assert client.session.get("_auth_user_id") != str(owner.pk)


def _refused(page) -> None:
    assert page.status_code == 401
    assert "Your university sign-in did not go through" in page.content.decode()


@pytest.mark.parametrize(
    "case",
    ["unsigned", "wrongly_signed", "expired", "other_audience", "unsolicited"],
)
def test_a_bad_assertion_is_refused_with_a_clear_page(idp, institution, case):
    client = _browser()
    request_id = _start(client)
    options = {
        "acs_url": ACS,
        "audience": SP_ENTITY,
        "in_response_to": request_id,
        "email": "eve@uni.edu",
        "affiliations": ["student"],
    }
    if case == "unsigned":
        options["signed"] = False
    elif case == "wrongly_signed":
        options["sign_with"] = other_keypair()
    elif case == "expired":
        options["issued_at"] = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    elif case == "other_audience":
        options["audience"] = "https://another-service.example/saml/metadata/"
    elif case == "unsolicited":
        options["in_response_to"] = None  # sent by the IdP without our asking

    page = _answer(client, idp.response(**options))

    _refused(page)
    assert not User.objects.filter(email="eve@uni.edu").exists()
    assert "_auth_user_id" not in client.session


def test_a_replayed_response_is_refused_with_a_clear_page(idp, institution):
    client = _browser()
    saml_response = idp.response(
        acs_url=ACS,
        audience=SP_ENTITY,
        in_response_to=_start(client),
        email="ada@uni.edu",
        affiliations=["student"],
    )
    assert _answer(client, saml_response).status_code == 302
    client.logout()

    again = _answer(client, saml_response)
    elsewhere = _answer(_browser(), saml_response)

    for page in (again, elsewhere):
        _refused(page)
        assert "already used" in page.content.decode()


def test_only_an_admin_of_a_live_institution_registers_an_identity_provider(idp):
    institution = InstitutionFactory(slug="pending-uni", status=Institution.Status.PENDING)
    admin = MembershipFactory(
        institution=institution,
        role=InstitutionMembership.Role.STAFF,
        staff_role=InstitutionMembership.StaffRole.ADMIN,
    ).user
    viewer = MembershipFactory(
        institution=institution,
        role=InstitutionMembership.Role.STAFF,
        staff_role=InstitutionMembership.StaffRole.VIEWER,
    ).user

    with pytest.raises(Forbidden):
        institution_sso_set(
            actor=admin, institution_slug="pending-uni", metadata_xml=idp.metadata_xml()
        )
    institution.status = Institution.Status.APPROVED
    institution.save()
    with pytest.raises(Forbidden):
        institution_sso_set(
            actor=viewer, institution_slug="pending-uni", metadata_xml=idp.metadata_xml()
        )
    with pytest.raises(DomainError) as refused:
        institution_sso_set(actor=admin, institution_slug="pending-uni", metadata_xml="<nope/>")
    assert refused.value.code == "sso_metadata_invalid"

    institution_sso_set(
        actor=admin, institution_slug="pending-uni", metadata_xml=idp.metadata_xml()
    )
    app = SocialApp.objects.get(provider="saml", client_id="pending-uni")
    assert app.provider_id == "pending-uni"
    assert app.settings["idp"]["entity_id"] == idp.entity_id


def test_the_service_provider_metadata_is_published_per_institution(institution):
    response = _browser().get(f"/accounts/saml/{SLUG}/metadata/")

    assert response.status_code == 200
    body = response.content.decode()
    assert f'entityID="{SP_ENTITY}"' in body and ACS in body


def test_an_admin_registers_the_idp_through_the_api_and_reads_the_sp_urls(idp, settings):
    settings.SITE_URL = "https://slipstream.example"
    institution = InstitutionFactory(slug="api-uni", status=Institution.Status.APPROVED)
    admin = MembershipFactory(
        institution=institution,
        role=InstitutionMembership.Role.STAFF,
        staff_role=InstitutionMembership.StaffRole.ADMIN,
    ).user
    client = _browser()
    client.force_login(admin)
    url = "/api/v1/institutions/api-uni/sso/"

    before = client.get(url).json()
    both = client.put(
        url,
        {"metadata_url": "https://idp.example/md", "metadata_xml": "<x/>"},
        content_type="application/json",
    )
    done = client.put(url, {"metadata_xml": idp.metadata_xml()}, content_type="application/json")

    assert before["configured"] is False
    assert before["sp_metadata_url"] == (
        "https://slipstream.example/accounts/saml/api-uni/metadata/"
    )
    assert both.status_code == 400
    assert done.status_code == 200
    assert done.json()["configured"] and done.json()["idp_entity_id"] == idp.entity_id
    assert client.delete(url).status_code == 204
    assert client.get(url).json()["configured"] is False
