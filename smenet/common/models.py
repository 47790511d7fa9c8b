from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(models.Model):
    """Optimistic concurrency: a save carries the version it was read at (see ``check_version``)."""

    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True
