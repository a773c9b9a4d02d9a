from django.urls import path

from projects.credentials.api import views

urlpatterns = [
    path(
        "experience/<id:engagement_id>/credential/",
        views.CredentialView.as_view(),
        name="experience-credential",
    ),
    path(
        "experience/<id:engagement_id>/credential/certificate/",
        views.CredentialCertificateView.as_view(),
        name="experience-credential-certificate",
    ),
    path(
        "experience/<id:engagement_id>/credential/revoke/",
        views.CredentialRevokeView.as_view(),
        name="experience-credential-revoke",
    ),
    path("credentials/verify/", views.CredentialVerifyView.as_view(), name="credentials-verify"),
]
