"""The subject taxonomy: the ground floor that capacity building, the action plan, the knowledge
hub and search all classify by (decision 0016).

The model was born in ``capacity``; its tables keep their names (``capacity_subject`` and its
translation table) so that moving it lost and copied nothing.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from parler.managers import TranslatableManager
from parler.models import TranslatableModel, TranslatedFields

from smenet.common.translation import translated


class Subject(TranslatableModel):
    """A subject of the taxonomy. Codes are stable; names are editable, new subjects allowed."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    translations = TranslatedFields(name=models.CharField(_("name"), max_length=200))

    objects = TranslatableManager()

    class Meta:
        db_table = "capacity_subject"
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return translated(self, "name") or self.code
