// /offers/<id>/: one offer for its two people — what is offered and the work behind it, the
// answers the API allows the viewer (accept with an optional stipend, decline with a reason,
// withdraw), and the thread that exists only because of the offer.
import { api, showErrors, showLoadError, siteConfig, textLimit } from "./api.js";
import { confirmAct } from "./dialog.js";
import { offerStateBadge } from "./offer_states.js";
import { percent } from "./task_card.js";
import { announce, avatar, date, el, fill, glued, money, mountThread, plural, skillBadges, workItem } from "./ui.js";

const root = document.querySelector("[data-offer-page]");
const id = root.dataset.offerId;
const $ = (sel) => root.querySelector(sel);
const REASONS = [
  ["not_a_fit", "Not a fit for my work right now"],
  ["no_capacity", "No capacity to guide it right now"],
  ["already_covered", "Already covered"],
  ["other", "Another reason"],
];
const CURRENCIES = ["usd", "eur", "gbp", "cad", "aud"];

const nameOf = (person) => person.display_name || person.handle;

// The mentor weighs an offer by who sent it: the drafter's public card (photo or initials, name,
// headline, skills, verified experience), the work attached as evidence, and their profile.
function drafterCard(offer) {
  const card = offer.drafter_card;
  const name = nameOf(card);
  const verified = card.verified_experience_count;
  return el("section", { class: "mentor-card drafter-card", "aria-labelledby": "drafter-heading" },
    avatar(card.avatar_url, name, "medium"),
    el("div", {},
      el("h2", { class: "h3 mentor-card-name", id: "drafter-heading" }, el("a", { href: `/u/${card.handle}/`, text: name })),
      card.headline ? el("p", { class: "drafter-card-headline", text: card.headline }) : null,
      el("p", { class: "muted small", "data-verified-count": true, text: verified ? `${plural(verified, "verified experience")} on Slipstream` : "No verified experience on Slipstream yet" }),
      card.skills.length ? skillBadges(card.skills.map((s) => ({ name: s.level === "learning" ? `${s.name} (learning)` : s.name })), { link: false }) : null,
      offer.portfolio_items.length ? [el("h3", { class: "drafter-card-subhead", text: "Work attached" }), el("ul", { class: "work-list" }, offer.portfolio_items.map(workItem))] : null,
      el("p", {}, el("a", { href: `/u/${card.handle}/`, text: `See ${name}’s profile` }))));
}

function summary(offer) {
  const mentorView = offer.viewer_role === "mentor";
  const other = mentorView ? offer.drafter : offer.mentor;
  return [
    // "Waiting for Hannah Kim’s answer" names the mentor already: no "To Hannah Kim" after it.
    // The "·" keeps to what comes before it: a wrap never starts a line with it.
    el("p", {}, !mentorView && offer.state === "pending"
      ? glued(offerStateBadge(offer.state, { waitingOn: nameOf(other) }))
      : [offerStateBadge(offer.state, mentorView ? { toYou: true } : { waitingOn: nameOf(other) }), " ",
        mentorView ? "From " : "To ", el("a", { href: `/u/${other.handle}/`, text: nameOf(other) }), el("span", { class: "muted", text: "\u00a0·" })],
      el("span", { class: "muted", text: ` sent ${date(offer.created_at)}` })),
    el("ul", { class: "fact-list offer-facts" },
      el("li", { text: `About ${offer.estimated_hours} h` }),
      el("li", { text: `Done by ${date(offer.by_when)}` }),
      offer.expires_at ? el("li", { text: `Closes by itself on ${date(offer.expires_at)} if unanswered` }) : null),
    el("h2", { class: "h3", text: mentorView ? "What they will do" : "What you will do" }),
    el("p", { class: "note", text: offer.what }),
    skillBadges(offer.skills, { link: false }),
    mentorView ? drafterCard(offer) : null,
    !mentorView && offer.portfolio_items.length ? [el("h2", { class: "h3", text: "Work attached" }), el("ul", { class: "work-list" }, offer.portfolio_items.map(workItem))] : null,
    offer.work_sample_link ? el("p", {}, "Work sample: ", el("a", { href: offer.work_sample_link, rel: "noopener noreferrer", text: offer.work_sample_link })) : null,
    offer.state === "declined" ? el("p", { class: "flash" }, el("strong", { text: "Declined: " }), offer.decline_reason_label.toLowerCase(), offer.decline_note ? ` — “${offer.decline_note}”` : "") : null,
    offer.state === "expired" ? el("p", { class: "flash", text: "This offer closed automatically without an answer — not a judgement of the work. Other mentors are open to offers." }) : null,
  ];
}

// "You pay $150.00; the drafter receives $135.00 after the 10% platform fee", quoted by the
// server (GET /api/v1/config/stipend-quote/) with the payout's own arithmetic, as in the task editor.
let quoteTimer = null;
async function quoteFee(form) {
  const quoteLine = form.querySelector("[data-fee-quote]");
  const amount = Math.round(Number(form.elements.stipend_amount.value) * 100);
  const currency = form.elements.stipend_currency.value;
  if (!(amount > 0)) { quoteLine.hidden = true; return; }
  try {
    const quote = await api(`config/stipend-quote/?amount=${amount}`);
    if (Math.round(Number(form.elements.stipend_amount.value) * 100) !== amount) return;  // typed on
    quoteLine.textContent = `You pay ${money(quote.amount, currency)}; the drafter receives ${money(quote.stipend_after_fee, currency)} after the ${percent(quote.platform_fee_percent)} platform fee.`;
    quoteLine.hidden = false;
  } catch {
    quoteLine.hidden = true;  // out of range: accepting says why, next to the field
  }
}

function acceptForm(offer) {
  const form = el("form", { class: "card action-form", "aria-labelledby": "accept-heading" },
    el("h2", { class: "h3", id: "accept-heading", text: "Accept" }),
    el("p", { class: "field-error", "data-form-error": true, tabindex: "-1", hidden: true }),
    el("p", { text: `Accepting makes a private task that only you and ${nameOf(offer.drafter)} can see, and starts the draft.` }),
    el("div", { class: "field-row" },
      el("div", { class: "field" },
        el("label", { for: "accept-stipend", text: "Stipend (optional)" }),
        el("input", { id: "accept-stipend", name: "stipend_amount", type: "number", min: "0", step: "0.01", inputmode: "decimal", "aria-describedby": "accept-stipend-help" }),
        el("p", { class: "helptext", id: "accept-stipend-help", text: "Leave empty for an unpaid draft. A stipend is funded before work starts and paid on approval." })),
      el("div", { class: "field" },
        el("label", { for: "accept-currency", text: "Currency" }),
        el("select", { id: "accept-currency", name: "stipend_currency" }, CURRENCIES.map((c) => el("option", { value: c, text: c.toUpperCase() }))))),
    el("p", { class: "fee-line fee-quote", "data-fee-quote": true, "aria-live": "polite", hidden: true }),
    el("button", { type: "submit", text: "Accept offer" }));
  for (const name of ["stipend_amount", "stipend_currency"]) {
    form.elements[name].addEventListener("input", () => { clearTimeout(quoteTimer); quoteTimer = setTimeout(() => quoteFee(form), 250); });
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const amount = form.elements.stipend_amount.value;
    const cents = amount === "" ? null : Math.round(Number(amount) * 100);
    const asked = await confirmAct({
      title: `Accept ${nameOf(offer.drafter)}’s offer?`,
      body: cents ? "This starts the draft. You fund the stipend next; it is held until you approve the work." : "This starts the draft with them, unpaid, as offered.",
      confirm: "Accept offer",
    });
    if (!asked) return;
    try {
      const result = await api(`offers/${id}/accept/`, { method: "POST", body: { stipend_amount: cents, stipend_currency: form.elements.stipend_currency.value } });
      window.location.assign(`/engagements/${result.engagement_id}/`);
    } catch (error) { showErrors(form, error); }
  });
  return form;
}

function declineForm(config) {
  const form = el("form", { class: "card action-form", "aria-labelledby": "decline-heading", novalidate: true },
    el("h2", { class: "h3", id: "decline-heading", text: "Decline" }),
    el("p", { class: "field-error", "data-form-error": true, tabindex: "-1", hidden: true }),
    el("fieldset", {},
      el("legend", { text: "Why not this time?" }),
      // No reason is preselected: declining says why, and the reason is the decliner's choice.
      REASONS.map(([value, label]) => el("div", { class: "check" },
        el("input", { type: "radio", id: `reason-${value}`, name: "reason", value, required: true }),
        el("label", { for: `reason-${value}`, text: label })))),
    el("div", { class: "field" },
      el("label", { for: "decline-note", text: "A kind note (optional, they will see it)" }),
      el("textarea", { id: "decline-note", name: "note", rows: "3", maxlength: textLimit(config, "offer_decline.note") })),
    el("button", { type: "submit", class: "button-secondary", text: "Decline offer" }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!form.querySelector("input[name=reason]:checked")) {
      showErrors(form, { message: "Some fields need a change.", fields: { reason: ["Choose the reason they will read."] } });
      return;
    }
    try {
      await api(`offers/${id}/decline/`, { method: "POST", body: { reason: form.elements.reason.value, note: form.elements.note.value } });
      await render();
      announce($("[data-result]"), "Offer declined. They have been told, kindly, with your reason.", { href: "/offers/?box=received", text: "Back to received offers" });
    } catch (error) { showErrors(form, error); }
  });
  return form;
}

function withdrawButton() {
  return el("button", { type: "button", id: "withdraw", class: "button-secondary", text: "Withdraw offer", onclick: async (event) => {
    const asked = await confirmAct({ title: "Withdraw your offer?", body: "The mentor will no longer see it as waiting. You can offer again later.", confirm: "Withdraw", danger: true });
    if (!asked) return;
    try {
      await api(`offers/${id}/withdraw/`, { method: "POST" });
      await render();
      announce($("[data-result]"), "Offer withdrawn. It no longer counts toward your open offers.", { href: "/mentors/", text: "Mentors open to offers" });
    } catch (error) { showErrors(event.target.parentElement, error); }
  } });
}

function actions(offer, allowed, config) {
  fill($("[data-actions]"),
    offer.engagement_id ? el("p", {}, el("a", { class: "button", href: `/engagements/${offer.engagement_id}/`, text: "Open the engagement" })) : null,
    allowed.has("accept") || allowed.has("decline")
      ? el("div", { class: "offer-answer" }, allowed.has("accept") ? acceptForm(offer) : null, allowed.has("decline") ? declineForm(config) : null)
      : null,
    allowed.has("withdraw") ? el("div", { class: "button-row" }, el("p", { class: "field-error", "data-form-error": true, tabindex: "-1", hidden: true }), withdrawButton()) : null);
}

let threadShownFor = null;

async function render() {
  const [offer, config] = await Promise.all([api(`offers/${id}/`), siteConfig()]);
  const allowed = new Set(offer.allowed_actions || []);
  document.title = `${offer.title} · Offer · Slipstream`;
  fill($("[data-title]"), offer.title);
  fill($("[data-summary]"), summary(offer));
  actions(offer, allowed, config);
  $("[data-status]").hidden = true;
  $("[data-offer]").hidden = false;
  // Once it became an engagement, the conversation goes on there (which shows these lines too).
  const continueAt = offer.engagement_id ? `/engagements/${offer.engagement_id}/` : null;
  const canSend = allowed.has("message") && !continueAt;
  if (threadShownFor !== canSend) {
    threadShownFor = canSend;
    await mountThread($("[data-thread]"), `offers/${id}/messages/`, { canSend, continueAt });
  }
}

render().then(() => {
  // Arriving from "Withdraw it" (/offers/<id>/#withdraw): the button is drawn after the page
  // loaded, so the browser could not scroll to it by itself.
  if (window.location.hash === "#withdraw") document.getElementById("withdraw")?.focus();
  if (new URLSearchParams(window.location.search).get("sent")) {
    announce($("[data-result]"), "Offer sent. The mentor is notified and answers here; you can withdraw it while it waits.", { href: "/offers/", text: "All your offers" });
    history.replaceState(null, "", window.location.pathname);
  }
}).catch((error) => showLoadError(error, $("[data-status]")));
