"""Background tasks (Django's tasks framework): never block a request on e-mail."""

from django.core.mail import EmailMultiAlternatives, send_mail
from django.tasks import task

from accounts.email_headers import header_text


@task
def send_notification_email(*, to: str, subject: str, body: str) -> None:
    # The subject carries user text (names, task titles): one safe line, or the e-mail is lost.
    send_mail(subject=header_text(subject), message=body, from_email=None, recipient_list=[to])


@task
def send_html_email(*, to: str, subject: str, text: str, html: str) -> None:
    """An e-mail with a plain-text part and an HTML alternative (letters, not notifications)."""
    message = EmailMultiAlternatives(subject=header_text(subject), body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()
