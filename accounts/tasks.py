"""Background tasks (Django's tasks framework): never block a request on e-mail."""

from django.core.mail import send_mail
from django.tasks import task


@task
def send_notification_email(*, to: str, subject: str, body: str) -> None:
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[to])
