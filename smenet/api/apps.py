from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "smenet.api"
    label = "smenet_api"
    verbose_name = "API"
