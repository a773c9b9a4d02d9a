// /mentors/<handle>/offer/: the offer form. It teaches the etiquette beside the fields, shows
// the mentor's card (their note and topics), and lists the drafter's own work to attach.
import { allPages, api, showErrors, showLoadError, siteConfig } from "./api.js";
import { formProblems } from "./form_check.js";
import { mentorCardData, mentorName, offersLeftText, replyRateText } from "./offer_cards.js";
import { date, el, fill, skillBadges } from "./ui.js";

const root = document.querySelector("[data-offer-form-page]");
const handle = root.dataset.handle;
const $ = (sel) => root.querySelector(sel);
const form = $("[data-offer-form]");

function mentorHead(card, days) {
  const role = [card.job_title, card.organisation].filter(Boolean).join(", ");
  return el("div", { class: "mentor-card offer-form-mentor" },
    el("div", {},
      el("p", { class: "mentor-card-name" }, "To ", el("a", { href: `/u/${card.handle}/`, text: mentorName(card) }), role ? `, ${role}` : ""),
      card.note ? el("blockquote", { class: "offer-note" }, el("span", { class: "visually-hidden", text: "Their note to drafters: " }), card.note) : null,
      skillBadges(card.topics, { link: false }),
      el("p", { class: "muted small", text: `${replyRateText(card, days)}\u00a0· ${offersLeftText(card)}` })));
}

function portfolioChoices(items) {
  $("[data-portfolio-empty]").hidden = items.length > 0;
  fill($("[data-portfolio-items]"), items.map((item) => el("div", { class: "check" },
    el("input", { type: "checkbox", id: `pi-${item.id}`, name: "portfolio_item_ids", value: String(item.id) }),
    el("label", { for: `pi-${item.id}`, text: item.title }))));
}

let answerDays = null;

// What is wrong before sending, in the server's words (projects/offers): the same messages it
// would answer, next to the same fields. Evidence is one portfolio item or a work-sample link.
function offerProblems() {
  const hours = { valueMissing: "Say about how many hours: 1 to 10.", rangeUnderflow: "Offer something small: 1 to 10 hours.", rangeOverflow: "Offer something small: 1 to 10 hours.", stepMismatch: "Offer something small: 1 to 10 hours, in whole hours.", badInput: "Enter the hours as a number, 1 to 10." };
  const min = form.elements.by_when.min;
  const problems = formProblems(form, {
    title: { valueMissing: "Give the offer a short title.", tooLong: "Keep the title short." },
    what: { valueMissing: "Say what you will do." },
    estimated_hours: hours,
    by_when: {
      valueMissing: "Choose the date you will deliver by.",
      rangeUnderflow: answerDays == null ? "Choose a date in the future." : `The mentor has up to ${answerDays} days to answer, so choose ${date(min)} or later.`,
    },
  }) || { message: "", fields: {} };
  const boxes = form.querySelectorAll("[name=portfolio_item_ids]");
  const attached = [...boxes].some((box) => box.checked) || form.elements.work_sample_link.value.trim();
  if (!attached && !problems.fields.work_sample_link) {
    problems.fields[boxes.length ? "portfolio_item_ids" : "work_sample_link"] = ["Attach at least one portfolio item or a link to a work sample."];
  }
  return Object.keys(problems.fields).length ? problems : null;
}

// The work may not fall due inside the mentor's answer window (the server refuses it too): the
// first allowed day is the one after the window ends, counted in the person's own calendar.
function byWhenLimit(days) {
  const day = (offset) => {
    const d = new Date();
    d.setDate(d.getDate() + offset);
    return d;
  };
  const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  form.elements.by_when.min = iso(day((days ?? 0) + 1));
  answerDays = days;
  if (days == null) return;  // no config: tomorrow at the earliest, the server says the rest
  $("[data-by-when-help]").textContent = `The mentor has up to ${days} days to answer, so pick a date after ${date(day(days))}.`;
}

// One offer at a time to each mentor (the server refuses a second one with 409): when one is
// already waiting, the page says so and points to it instead of offering a form that would fail.
async function waitingOffer() {
  const sent = await allPages("me/offers/?box=sent").catch(() => []);
  return sent.find((offer) => offer.state === "pending" && offer.mentor?.handle === handle) || null;
}

function showWaiting(offer, card) {
  const name = card ? mentorName(card) : offer.mentor.display_name;
  document.title = `Your offer to ${name} is waiting · Slipstream`;
  fill($("[data-waiting]"),
    el("h1", { text: `Your offer to ${name} is waiting` }),
    el("p", { text: `You sent “${offer.title}”. ${name} answers it on its page; one offer at a time to each mentor, so a new one can follow once this one is answered or withdrawn.` }),
    el("p", { class: "button-row" },
      el("a", { class: "button", href: `/offers/${offer.id}/`, text: "See your offer" }),
      el("a", { class: "button button-secondary", href: `/offers/${offer.id}/#withdraw`, text: "Withdraw it" })));
  $("[data-waiting]").hidden = false;
}

async function load() {
  const [card, items, config, waiting] = await Promise.all([mentorCardData(handle), allPages("me/portfolio/"), siteConfig(), waitingOffer()]);
  $("[data-status]").hidden = true;
  if (waiting) {
    showWaiting(waiting, card);
    return;
  }
  if (!card || card.offers_left_this_month <= 0) {
    $("[data-closed]").hidden = false;
    return;
  }
  document.title = `Offer to help ${mentorName(card)} · Slipstream`;
  fill($("[data-title]"), `May I draft for ${mentorName(card)}?`);
  fill($("[data-mentor]"), mentorHead(card, config?.offer_expiry_days));
  portfolioChoices(items);
  byWhenLimit(config?.offer_expiry_days);
  $("[data-offer-body]").hidden = false;
}

function showOfferErrors(error) {
  // Without portfolio checkboxes, "attach work" is said under the work-sample link.
  if (error.fields?.portfolio_item_ids && !form.querySelector("[name=portfolio_item_ids]")) {
    error.fields.work_sample_link = error.fields.portfolio_item_ids;
  }
  showErrors(form, error);
  // A date refused says why and which day may be chosen: the hint beside it would say the
  // same thing a second time, so it steps aside until the date is changed.
  const help = $("[data-by-when-help]");
  if (error.fields?.by_when) {
    help.hidden = true;
    for (const kind of ["input", "change"]) form.elements.by_when.addEventListener(kind, () => { help.hidden = false; }, { once: true });
  }
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const problems = offerProblems();
  if (problems) {
    showOfferErrors(problems);
    return;
  }
  const hours = form.elements.estimated_hours.value;
  const body = {
    title: form.elements.title.value,
    what: form.elements.what.value,
    estimated_hours: hours === "" ? null : Number(hours),
    by_when: form.elements.by_when.value || null,
    work_sample_link: form.elements.work_sample_link.value,
    portfolio_item_ids: [...form.querySelectorAll("[name=portfolio_item_ids]:checked")].map((i) => Number(i.value)),
  };
  try {
    const offer = await api(`mentors/${encodeURIComponent(handle)}/offers/`, { method: "POST", body });
    window.location.assign(`/offers/${offer.id}/?sent=1`);
  } catch (error) {
    showOfferErrors(error);
  }
});

load().catch((error) => showLoadError(error, $("[data-status]")));
