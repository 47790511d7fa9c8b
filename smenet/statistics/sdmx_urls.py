"""``/sdmx/``: the SDMX 2.1 REST paths (outside the language prefixes)."""

from django.urls import path, re_path

from . import sdmx_api

app_name = "sdmx"
SEGMENT = r"[^/]+"
urlpatterns = [
    re_path(
        rf"^(?P<resource>dataflow|datastructure|codelist|conceptscheme)"
        rf"(?:/(?P<agency>{SEGMENT}))?(?:/(?P<resource_id>{SEGMENT}))?(?:/(?P<version>{SEGMENT}))?/?$",
        sdmx_api.structure,
        name="structure",
    ),
    re_path(
        rf"^data/(?P<flow>{SEGMENT})(?:/(?P<key>{SEGMENT}))?(?:/(?P<provider>{SEGMENT}))?/?$",
        sdmx_api.data,
        name="data",
    ),
    path("", sdmx_api.index, name="index"),
]
