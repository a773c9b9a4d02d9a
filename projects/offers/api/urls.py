from django.urls import path

from projects.offers.api import views

urlpatterns = [
    path("me/offer-settings/", views.MyOfferSettingsView.as_view(), name="my-offer-settings"),
    path(
        "me/mentor-suggestions/",
        views.MyMentorSuggestionsView.as_view(),
        name="my-mentor-suggestions",
    ),
    path("mentors/", views.MentorListView.as_view(), name="mentors"),
    path("mentors/<slug:handle>/offers/", views.MentorOffersView.as_view(), name="mentor-offers"),
    path("me/offers/", views.MyOffersView.as_view(), name="my-offers"),
    path("offers/<id:offer_id>/", views.OfferDetailView.as_view(), name="offer"),
    path("offers/<id:offer_id>/accept/", views.OfferAcceptView.as_view(), name="offer-accept"),
    path("offers/<id:offer_id>/decline/", views.OfferDeclineView.as_view(), name="offer-decline"),
    path(
        "offers/<id:offer_id>/withdraw/", views.OfferWithdrawView.as_view(), name="offer-withdraw"
    ),
    path(
        "offers/<id:offer_id>/messages/", views.OfferMessagesView.as_view(), name="offer-messages"
    ),
]
