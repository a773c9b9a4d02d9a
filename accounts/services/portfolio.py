"""Portfolio items: create, edit (file included), delete, reorder, within per-person quotas."""

from collections.abc import Iterable
from typing import Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max, Sum
from django.utils.text import get_valid_filename

from accounts import error_codes, locks
from accounts.locks import user_lock
from accounts.models import PortfolioItem, User
from accounts.services.skills import skills_get_known
from accounts.uploads import DOCUMENT_KINDS, stored_file_delete_on_commit, upload_validate
from marketplace.errors import Conflict, DomainError, NotFound

PORTFOLIO_MAX_ITEMS = 50
PORTFOLIO_MAX_BYTES = 200 * 1024 * 1024


def _portfolio_check_storage(*, owner: User, extra_bytes: int, exclude_id: int | None) -> None:
    rows = PortfolioItem.objects.filter(owner=owner)
    if exclude_id is not None:
        rows = rows.exclude(pk=exclude_id)
    used = rows.aggregate(total=Sum("file_size"))["total"] or 0
    if used + extra_bytes > PORTFOLIO_MAX_BYTES:
        limit_mb = PORTFOLIO_MAX_BYTES // (1024 * 1024)
        raise Conflict(
            f"Your portfolio files may use at most {limit_mb} MB in total.",
            code=error_codes.PORTFOLIO_STORAGE_LIMIT,
            fields={"file": [f"This would take your portfolio over {limit_mb} MB."]},
        )


def _store_portfolio_file(*, item: PortfolioItem, file: File, kind_name: str) -> None:
    original = getattr(file, "name", "") or "file"
    stem = get_valid_filename(original.rsplit("/", 1)[-1]).rsplit(".", 1)[0][:100] or "file"
    item.file_kind = kind_name
    item.file_size = file.size if hasattr(file, "size") else len(file.read())
    item.file_name = f"{stem}.{'jpg' if kind_name == 'jpeg' else kind_name}"
    file.seek(0)
    item.file.save("upload", file, save=False)  # portfolio_file_path picks a random name


def portfolio_item_create(
    *,
    owner: User,
    title: str,
    description: str = "",
    link: str = "",
    visibility: str = PortfolioItem.Visibility.PUBLIC,
    skill_ids: Iterable[int] = (),
    file: File | None = None,
) -> PortfolioItem:
    kind = upload_validate(file=file, field="file", allowed=DOCUMENT_KINDS) if file else None
    if not link and not file:
        raise DomainError(
            "Add a link or a file so people can see the work.",
            code=error_codes.PORTFOLIO_EVIDENCE_MISSING,
            fields={"link": ["Add a link or a file."], "file": ["Add a link or a file."]},
        )
    skills = skills_get_known(skill_ids=skill_ids, field="skill_ids")
    item = PortfolioItem(
        owner=owner, title=title, description=description, link=link, visibility=visibility
    )
    try:
        with transaction.atomic():
            user_lock(owner)
            existing = PortfolioItem.objects.filter(owner=owner)
            if existing.count() >= PORTFOLIO_MAX_ITEMS:
                # 409: a well-formed item that the full portfolio cannot take now.
                raise Conflict(
                    f"A portfolio holds at most {PORTFOLIO_MAX_ITEMS} items.",
                    code=error_codes.PORTFOLIO_ITEM_LIMIT,
                    fields={"non_field_errors": [f"At most {PORTFOLIO_MAX_ITEMS} items."]},
                )
            if file:
                _portfolio_check_storage(owner=owner, extra_bytes=file.size, exclude_id=None)
            last = existing.aggregate(last=Max("position"))["last"]
            item.position = 0 if last is None else last + 1
            if file:
                assert kind is not None  # validated above whenever there is a file
                _store_portfolio_file(item=item, file=file, kind_name=kind.name)
            item.save()
            item.skills.set(skills)
    except Exception:
        if item.file.name:  # stored, but the row was rolled back: nothing may be left behind
            default_storage.delete(item.file.name)
        raise
    return item


_UNSET: Any = object()


def portfolio_item_update(
    *,
    owner: User,
    item_id: int,
    data: dict[str, Any],
    file: File | None = _UNSET,
) -> PortfolioItem:
    """Change an item's fields; `file=None` removes the file, a file replaces it."""
    allowed = {"title", "description", "link", "visibility", "skill_ids"}
    if unknown := set(data) - allowed:
        raise ValueError(f"not portfolio fields: {sorted(unknown)}")
    replacing = file is not _UNSET and file is not None
    kind = (
        upload_validate(file=file, field="file", allowed=DOCUMENT_KINDS)
        if replacing and file is not None
        else None
    )
    skills = (
        skills_get_known(skill_ids=data["skill_ids"], field="skill_ids")
        if "skill_ids" in data
        else None
    )
    new_name = ""
    try:
        with transaction.atomic():
            user_lock(owner)
            item = _portfolio_item_for_owner(owner=owner, item_id=item_id, lock=True)
            old_name = item.file.name
            for name in ("title", "description", "link", "visibility"):
                if name in data:
                    setattr(item, name, data[name])
            if file is None and old_name:
                item.file, item.file_kind, item.file_size, item.file_name = "", "", 0, ""
            elif replacing:
                assert file is not None and kind is not None  # what `replacing` means
                _portfolio_check_storage(owner=owner, extra_bytes=file.size, exclude_id=item.pk)
                _store_portfolio_file(item=item, file=file, kind_name=kind.name)
                new_name = item.file.name or ""
            if not item.link and not item.file:
                raise DomainError(
                    "Keep a link or a file so people can see the work.",
                    code=error_codes.PORTFOLIO_EVIDENCE_MISSING,
                    fields={"link": ["Add a link or a file."], "file": ["Add a link or a file."]},
                )
            item.save()
            if skills is not None:
                item.skills.set(skills)
            if old_name and item.file.name != old_name:
                stored_file_delete_on_commit(old_name)
    except Exception:
        if new_name:
            default_storage.delete(new_name)
        raise
    return item


def _portfolio_item_for_owner(*, owner: User, item_id: int, lock: bool = False) -> PortfolioItem:
    if lock:
        item = locks.portfolio_item_lock(owner=owner, item_id=item_id)
    else:
        item = PortfolioItem.objects.filter(owner=owner, pk=item_id).first()
    if item is None:  # missing or someone else's: the same answer
        raise NotFound("No such portfolio item.")
    return item


def portfolio_item_delete(*, owner: User, item_id: int) -> None:
    with transaction.atomic():
        item = _portfolio_item_for_owner(owner=owner, item_id=item_id, lock=True)
        stored_file_delete_on_commit(item.file.name)
        item.delete()


def portfolio_reorder(*, owner: User, item_ids: list[int]) -> list[PortfolioItem]:
    """Put the owner's items in the order given; the list must name every item exactly once."""
    with transaction.atomic():
        user_lock(owner)
        items = {item.pk: item for item in PortfolioItem.objects.filter(owner=owner)}
        if len(item_ids) != len(set(item_ids)) or set(item_ids) != set(items):
            # 409: a valid list that no longer matches the stored items (one was added or
            # removed in another tab), not a malformed request.
            raise Conflict(
                "Send every one of your portfolio item ids once, in the new order.",
                code=error_codes.PORTFOLIO_REORDER_MISMATCH,
                fields={"item_ids": ["Must list each of your portfolio items exactly once."]},
            )
        for position, item_id in enumerate(item_ids):
            items[item_id].position = position
        PortfolioItem.objects.bulk_update(items.values(), ["position"])
    return sorted(items.values(), key=lambda item: item.position)
