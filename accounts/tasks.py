"""Background tasks (Django's tasks framework): never block a request on e-mail."""

from django.core.mail import EmailMultiAlternatives, send_mail
from django.tasks import task


@task
def send_notification_email(*, to: str, subject: str, body: str) -> None:
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[to])


@task
def send_html_email(*, to: str, subject: str, text: str, html: str) -> None:
    """An e-mail with a plain-text part and an HTML alternative (letters, not notifications)."""
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()
