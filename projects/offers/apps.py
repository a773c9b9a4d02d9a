from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "projects.offers"
    label = "offers"
    verbose_name = "Offers (“May I draft for you?”)"
