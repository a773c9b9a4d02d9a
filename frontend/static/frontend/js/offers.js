// /offers/: offers sent and received, as tabs (?box=sent|received), each with its state badge.
// Without ?box= the page opens where its reader's offers are (data-default-box: a mentor who
// does not draft, on those received), and every line speaks to that reader.
import { showLoadError } from "./api.js";
import { mentorCardData, offersLeftText } from "./offer_cards.js";
import { offerStateBadge } from "./offer_states.js";
import { date, el, emptyState, pagedList } from "./ui.js";

const root = document.querySelector("[data-offers-page]");
const asked = new URLSearchParams(window.location.search).get("box");
const box = ["sent", "received"].includes(asked) ? asked : root.dataset.defaultBox;
for (const link of root.querySelectorAll("[data-box]")) {
  if (link.dataset.box === box) link.setAttribute("aria-current", "page");
}
for (const lead of root.querySelectorAll("[data-lead-for]")) lead.hidden = lead.dataset.leadFor !== box;
const list = root.querySelector("[data-offers]");
list.setAttribute("aria-label", box === "sent" ? "Offers you sent" : "Offers drafters sent you");

function row(offer) {
  const other = box === "sent" ? offer.mentor : offer.drafter;
  const name = other.display_name || other.handle;
  const pending = offer.state === "pending";
  const when = box === "sent"
    ? (pending ? `their answer is due by ${date(offer.expires_at)}` : `you sent it ${date(offer.created_at)}`)
    : (pending ? `please answer by ${date(offer.expires_at)}` : `they sent it ${date(offer.created_at)}`);
  return el("li", { class: "row-card" },
    el("a", { href: `/offers/${offer.id}/`, text: offer.title }),
    offerStateBadge(offer.state, box === "received" ? { toYou: true } : { waitingOn: name }),
    el("span", { class: "muted small", text: `${box === "sent" ? "To" : "From"} ${name}\u00a0· about ${offer.estimated_hours} h\u00a0· ${when}` }));
}

// A mentor with no offers yet is either open to them (say so, and where drafters find them)
// or not (say how to open); only the mentors' list knows how many places are left.
async function receivedEmpty() {
  const card = document.body.dataset.me ? await mentorCardData(document.body.dataset.me).catch(() => null) : null;
  if (card) {
    const left = card.offers_left_this_month > 0 ? `${card.offers_left_this_month} left this month` : offersLeftText(card);
    return emptyState(`You're open to offers (${left}); drafters find you on Mentors open to offers.`, { href: "/mentors/", text: "Mentors open to offers" });
  }
  return emptyState("No drafter has sent you an offer yet. Open yourself to offers in your settings, and drafters can offer you small, specific help with your work.", { href: "/settings/#offers", text: "Your offer settings" });
}

const empty = box === "sent"
  ? () => el("li", {}, emptyState("You have not offered to help anyone yet. Find a mentor whose work you could take a small piece of.", { href: "/mentors/", text: "Mentors open to offers" }))
  : () => {
    const item = el("li", {});
    receivedEmpty().then((state) => item.append(state));
    return item;
  };

const status = root.querySelector("[data-status]");
pagedList(list, { url: `me/offers/?box=${box}`, item: row, empty, moreLabel: "More offers" })
  .reload().then(() => { status.hidden = true; }).catch((error) => showLoadError(error, status));
