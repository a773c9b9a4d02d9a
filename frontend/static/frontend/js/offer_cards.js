// What a drafter reads about a mentor before offering: the card of /mentors/, the head of the
// offer form, and the "Offer to help" button of a profile — all from /api/v1/mentors/ rows.
import { api } from "./api.js";
import { avatar, date, el, plural, skillBadges, verifiedPill } from "./ui.js";

export function mentorName(card) {
  return card.display_name || card.handle;
}

// "Answers 80% within N days" (N from /api/v1/config/). With too few applications and offers due
// an answer in the recent window there is no rate; "New to offers" was untrue of a mentor who had answered
// some (and beside the task card's "usually replies within 1 hour"), so say what is missing.
export function replyRateText(card, days) {
  if (card.reply_rate === null || card.reply_rate === undefined) return "Too few recent answers for a reply rate yet";
  return `Answers ${Math.round(card.reply_rate * 100)}% within ${plural(days, "day")}`;
}

// Whose places and what they are: the mentor takes this many more offers this month (a bare
// "2 offers left" read like the drafter's own allowance).
export function offersLeftText(card) {
  const left = card.offers_left_this_month;
  if (left > 0) return `Open to ${left} more ${left === 1 ? "offer" : "offers"} this month`;
  return `Full this month\u00a0· opens again ${date(card.opens_again_on)}`;
}

// "Sam" of "Sam Rivera": how a button names a person without crowding it.
export function firstName(card) {
  return (card.display_name || "").trim().split(/\s+/)[0] || card.handle;
}

// The way to offer: a link to the form while places are left (signed-out people log in first).
// `label` replaces "Offer to help" where a plain offer could be mistaken for something else
// (on a task page it would read like applying to the task).
export function offerLink(card, { viewer = "", className = "button", label = "" } = {}) {
  if (viewer && viewer === card.handle) return el("p", { class: "muted small", text: "This is you: drafters see an “Offer to help” button here." });
  if (card.offers_left_this_month <= 0) return null;
  const form = `/mentors/${card.handle}/offer/`;
  const href = "signedIn" in document.body.dataset ? form : `/accounts/login/?next=${encodeURIComponent(form)}`;
  if (label) return el("a", { class: className, href, text: label });
  return el("a", { class: className, href }, "Offer to help", el("span", { class: "visually-hidden", text: ` ${mentorName(card)}` }));
}

export function mentorCard(card, { viewer = "", days, headingLevel = "h2" } = {}) {
  const name = mentorName(card);
  const role = [card.job_title, card.organisation].filter(Boolean).join(", ");
  return el("li", { class: "card offer-mentor-card" },
    el("div", { class: "byline" }, avatar("", name),
      el("div", {},
        el(headingLevel, { class: "h3 offer-mentor-name" }, el("a", { href: `/u/${card.handle}/`, text: name })),
        role ? el("p", { class: "muted small", text: role }) : null,
        card.verified_work_domain ? verifiedPill(card.verified_work_domain, { tag: "p" }) : null)),
    card.headline ? el("p", { text: card.headline }) : null,
    skillBadges(card.topics, { link: false }),
    card.note ? el("blockquote", { class: "offer-note", text: card.note }) : null,
    el("ul", { class: "fact-list offer-facts" },
      el("li", { text: replyRateText(card, days) }),
      el("li", { text: offersLeftText(card) })),
    offerLink(card, { viewer }));
}

// One mentor's card, or null when they are not open to offers.
export async function mentorCardData(handle) {
  const page = await api(`mentors/?handle=${encodeURIComponent(handle)}`);
  return page.results[0] || null;
}
