"""`manage.py backup` then `restore` brings back every row, every uploaded file and the money."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db.models import Sum

from accounts.models import PortfolioItem
from marketplace.backups import storage_files, storage_hashes, table_row_counts
from projects.stipends.models import Stipend
from tests.factories import EngagementFactory, PortfolioItemFactory


def _money() -> dict:
    return Stipend.objects.aggregate(amount=Sum("amount"), fees=Sum("fee_amount"))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_gives_back_rows_files_and_money(media, tmp_path):
    # given a marketplace with uploads and stipends
    for amount in (1500, 2500, 12000):
        engagement = EngagementFactory()
        Stipend.objects.create(
            engagement=engagement, amount=amount, currency="eur", fee_amount=amount // 10
        )
    for n in range(3):
        item = PortfolioItemFactory()
        item.file.save(f"case-study-{n}.pdf", ContentFile(b"%%PDF-1.4 study %d" % n))
    rows, hashes, money = table_row_counts(), storage_hashes(), _money()
    assert len(hashes) == 3 and money["amount"] == 16000

    # when it is backed up, wiped and restored
    call_command("backup", "--output", str(tmp_path / "backup"))
    call_command("flush", "--no-input")
    for name in list(storage_files()):
        default_storage.delete(name)
    assert Stipend.objects.count() == 0 and not list(storage_files())
    call_command("restore", "--input", str(tmp_path / "backup"), "--yes")

    # then everything is back, byte for byte and cent for cent
    assert table_row_counts() == rows
    assert storage_hashes() == hashes
    assert _money() == money
    item = PortfolioItem.objects.exclude(file="").order_by("pk").first()
    with default_storage.open(item.file.name, "rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == hashes[item.file.name]


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_without_confirmation(media, tmp_path):
    call_command("backup", "--output", str(tmp_path / "backup"))

    with pytest.raises(Exception, match="--yes"):
        call_command("restore", "--input", str(tmp_path / "backup"))
