"""Comments on items, one level of replies, resolved as a thread."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from smenet.common.errors import DomainError, PermissionDenied
from smenet.common.services import validate
from smenet.registry.models import User

from ..models import ItemComment, PlanItem
from ..querysets import COMMENTABLE, sees_drafts


def comment_add(
    *, actor: User, item: PlanItem, body: str, parent: ItemComment | None = None
) -> ItemComment:
    if not sees_drafts(actor):
        raise PermissionDenied(
            _("Only the task force, the Bureau and the Secretariat comment on the plan."),
            code="cannot_comment",
        )
    if item.plan_version.status not in COMMENTABLE:
        raise PermissionDenied(
            _("Comments are closed: this version was adopted."), code="version_frozen"
        )
    if not body.strip():
        raise DomainError(_("Write a comment."), field="body")
    if parent is not None and parent.item.key != item.key:
        raise DomainError(_("The reply belongs to another item."), field="parent")
    if parent is not None and parent.parent_id:
        parent = parent.parent  # threads are one level deep: a reply to a reply joins the thread
    comment = ItemComment(item=item, parent=parent, author=actor, body=body.strip())
    validate(comment)
    comment.save()
    return comment


def comment_resolve(*, actor: User, comment: ItemComment, resolved: bool = True) -> ItemComment:
    if not sees_drafts(actor):
        raise PermissionDenied(
            _("Only the task force, the Bureau and the Secretariat comment on the plan."),
            code="cannot_comment",
        )
    if comment.parent_id:
        raise DomainError(_("Resolve the thread, not a reply."), field="comment")
    comment.resolved = resolved
    comment.resolved_by = actor if resolved else None
    comment.resolved_at = timezone.now() if resolved else None
    comment.save(update_fields=["resolved", "resolved_by", "resolved_at", "updated_at"])
    return comment
