// The "Offer to help" button of a public profile, shown only while its mentor is open to offers
// (GET /api/v1/mentors/?handle=).
import { mentorCardData, offerLink, offersLeftText } from "./offer_cards.js";
import { el, fill } from "./ui.js";

const root = document.querySelector("[data-profile]");
const box = root.querySelector("[data-offer-cta]");

mentorCardData(root.dataset.handle).then((card) => {
  if (!card) return;
  const viewer = root.dataset.viewer;
  fill(box, el("p", { class: "offer-cta" },
    offerLink(card, { viewer }),
    viewer === card.handle ? null : el("span", { class: "muted small", text: ` ${offersLeftText(card)}` })));
  box.hidden = false;
}).catch(() => { /* a decoration: the profile reads fine without it */ });
