"""A piece of work attached to an offer shows as it does on an application: its link and, when
it has one, its file ("Open chart.png") that the mentor can open."""

from django.core.files.base import ContentFile

from accounts.models import PortfolioItem

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _with_file(item, *, visibility=PortfolioItem.Visibility.PUBLIC):
    item.file.save("upload.png", ContentFile(PNG), save=False)
    item.file_kind, item.file_name, item.visibility = "png", "chart.png", visibility
    item.save()
    return item


def test_the_mentor_sees_and_opens_the_file_of_attached_work(
    send_offer, client_for, mentor, drafter, item
):
    _with_file(item)
    offer_id = send_offer(drafter, mentor).json()["id"]

    [piece] = client_for(mentor).get(f"/api/v1/offers/{offer_id}/").json()["portfolio_items"]

    assert piece["link"] == "https://example.org/work"
    assert piece["file"]["name"] == "chart.png"
    assert piece["file"]["is_image"] is True
    assert client_for(mentor).get(piece["file"]["url"]).status_code == 200


def test_work_without_a_file_or_shown_only_with_applications_offers_no_file(
    send_offer, client_for, mentor, drafter, item
):
    offer_id = send_offer(drafter, mentor).json()["id"]
    [piece] = client_for(mentor).get(f"/api/v1/offers/{offer_id}/").json()["portfolio_items"]
    assert piece["file"] is None

    _with_file(item, visibility=PortfolioItem.Visibility.APPLICATIONS)
    [piece] = client_for(mentor).get(f"/api/v1/offers/{offer_id}/").json()["portfolio_items"]
    assert piece["file"] is None
