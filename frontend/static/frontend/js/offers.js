// /offers/: offers sent and received, as tabs (?box=sent|received), each with its state badge.
import { showLoadError } from "./api.js";
import { offerStateBadge } from "./offer_states.js";
import { date, el, emptyState, pagedList } from "./ui.js";

const root = document.querySelector("[data-offers-page]");
const box = new URLSearchParams(window.location.search).get("box") === "received" ? "received" : "sent";
for (const link of root.querySelectorAll("[data-box]")) {
  if (link.dataset.box === box) link.setAttribute("aria-current", "page");
}

function row(offer) {
  const other = box === "sent" ? offer.mentor : offer.drafter;
  const name = other.display_name || other.handle;
  const when = offer.state === "pending" ? `answer due by ${date(offer.expires_at)}` : `sent ${date(offer.created_at)}`;
  return el("li", { class: "row-card" },
    el("a", { href: `/offers/${offer.id}/`, text: offer.title }),
    offerStateBadge(offer.state),
    el("span", { class: "muted small", text: `${box === "sent" ? "To" : "From"} ${name} · ${offer.estimated_hours} h · ${when}` }));
}

const empty = box === "sent"
  ? () => el("li", {}, emptyState("You have not offered to help anyone yet. Find a mentor whose work you could take a small piece of.", { href: "/mentors/", text: "Mentors open to offers" }))
  : () => el("li", {}, emptyState("No offers received. Open to offers in your settings, and drafters can offer you small, specific help.", { href: "/settings/#offers", text: "Offer settings" }));

const status = root.querySelector("[data-status]");
pagedList(root.querySelector("[data-offers]"), { url: `me/offers/?box=${box}`, item: row, empty, moreLabel: "More offers" })
  .reload().then(() => { status.hidden = true; }).catch((error) => showLoadError(error, status));
