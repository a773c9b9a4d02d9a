"""Background tasks (Django's tasks framework): never block a request on e-mail."""

from django.core.mail import send_mail
from django.tasks import task

from accounts.email_headers import header_text


@task
def send_notification_email(*, to: str, subject: str, body: str) -> None:
    # The subject carries user text (names, task titles): one safe line, or the e-mail is lost.
    send_mail(subject=header_text(subject), message=body, from_email=None, recipient_list=[to])
