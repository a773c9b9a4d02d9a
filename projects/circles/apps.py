from django.apps import AppConfig


class CirclesConfig(AppConfig):
    name = "projects.circles"
    label = "circles"
    verbose_name = "Peer critique circles"
