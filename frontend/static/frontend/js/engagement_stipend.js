// The stipend card of /engagements/<id>/ and the notice shown on the way back from Stripe
// Checkout. Money facts come from /api/v1/engagements/<id>/stipend/; the engagement turns
// active only when Stripe's webhook arrives, so the return from Checkout polls for it.
import { confirmAct } from "./dialog.js";
import { api, showErrors } from "./api.js";
import { percent } from "./task_card.js";
import { el, fill, money } from "./ui.js";

const STATES = {
  unfunded: ["Awaiting funding", "badge-warning"],
  funded: ["Funded and held", "badge-success"],
  frozen: ["Frozen", "badge-danger"],
  released: ["Paid out", "badge-success"],
  refunded: ["Refunded", "badge-muted"],
  cancelled: ["Not funded", "badge-muted"],
};

// Delays between checks after Checkout (ms): about 20 s in all, then the Refresh button.
const POLL_DELAYS = [1000, 1500, 2000, 3000, 5000, 8000];

export async function loadStipend(engagement) {
  if (!engagement.task.stipend_amount) return null;
  try {
    return await api(`engagements/${engagement.id}/stipend/`);
  } catch (error) {
    if (error.status === 404) return null;
    throw error;
  }
}

function stateBadge(stipend, engagement) {
  // Approved but not transferred yet (payout setup, or a moment for Stripe): say so.
  const awaitingPayout = stipend.state === "funded" && stipend.payout;
  let [label, cls] = awaitingPayout ? ["Awaiting payout", "badge-warning"] : STATES[stipend.state] || [stipend.state, "badge-muted"];
  // The mentor read "Awaiting payout" as money they still owed: to them, say whose money it is
  // and where it goes ("Paid by you · releasing to Sam").
  if (engagement.viewer_role === "mentor" && stipend.state === "funded") {
    const drafter = engagement.drafter.display_name || engagement.drafter.handle;
    [label, cls] = awaitingPayout
      ? [`Paid by you · releasing to ${drafter}`, "badge-success"]
      : [`Paid by you · held, released to ${drafter} on approval`, "badge-success"];
  }
  return el("span", { class: `badge ${cls}` }, el("span", { class: "visually-hidden", text: "Stipend: " }), label);
}

function payoutsLink(text) {
  return el("p", {}, el("a", { href: "/settings/payouts/", text }));
}

function ledgerLink() {
  return el("p", {}, el("a", { href: "/ledger/", text: "See it in your ledger" }));
}

function fundButton(engagement) {
  const box = el("div", { class: "stipend-actions" });
  const error = el("p", { class: "field-error", "data-form-error": true, tabindex: "-1", hidden: true, id: "fund-error" });
  const button = el("button", { type: "button", "aria-describedby": "fund-error", text: "Fund the stipend" });
  button.addEventListener("click", async () => {
    const amount = money(engagement.task?.stipend_amount, engagement.task?.stipend_currency);
    const asked = await confirmAct({ title: `Fund the stipend${amount ? ` of ${amount}` : ""}?`, confirm: "Continue to payment",
      body: "You pay on Stripe's secure page next. The money is held and only released to the drafter when you approve their work; if the engagement is cancelled first, it comes back to you." });
    if (!asked) return;
    button.disabled = true;
    error.hidden = true;
    try {
      const { checkout_url: url } = await api(`engagements/${engagement.id}/fund/`, { method: "POST" });
      window.location.assign(url);  // Stripe's hosted page; CSP allows navigation
    } catch (err) {
      button.disabled = false;
      showErrors(box, err);
      // The provider being down is a 503 whose message says what is safe and what to do:
      // show it rather than the generic "something went wrong on our side".
      // Payments not switched on at all is its own code with its own words (not "try again").
      if (err.code === "payment_provider_unavailable" || err.code === "payments_not_configured") box.querySelector("[data-form-error]").textContent = err.message;
    }
  });
  box.append(button, error);
  return box;
}

function explain(engagement, stipend, allowed, config) {
  const mentor = engagement.viewer_role === "mentor";
  const other = mentor ? engagement.drafter : engagement.mentor;
  const name = other.display_name || other.handle;
  const payout = money(stipend.payout_amount, stipend.currency);
  const needsSetup = !mentor && !stipend.drafter_payouts_ready;
  const parts = [];
  switch (stipend.state) {
    case "unfunded":
      if (allowed.has("fund")) {
        parts.push(el("p", { text: "Pay the stipend to start the work. Slipstream holds it until you approve the work; if the engagement is cancelled first, you get it all back." }),
          fundButton(engagement));
      } else if (engagement.state !== "awaiting_funding") {
        parts.push(el("p", { class: "muted", text: "This stipend was never funded." }));
      } else if (mentor) {
        parts.push(el("p", { text: "Work starts once the stipend is paid." }));
      } else {
        parts.push(el("p", { text: "Waiting for the mentor to fund the stipend. Work starts once it is paid." }));
        if (needsSetup) parts.push(payoutsLink("Set up payouts now, so the stipend can reach you"));
      }
      break;
    case "funded":
      if (stipend.payout && stipend.payout.waiting_for_setup) {
        parts.push(el("p", { text: mentor
          ? `Approved. ${payout} goes to ${name} as soon as they finish their payout setup.`
          : `Approved. ${payout} is waiting for you: finish your payout setup to receive it.` }));
        if (needsSetup) parts.push(payoutsLink("Finish payout setup"));
      } else if (stipend.payout) {
        parts.push(el("p", { text: `Approved. ${payout} is on its way to ${mentor ? name : "your bank account"}.` }));
      } else {
        const autoRelease = config ? ` (or ${config.auto_release_days} days after delivery if you do not answer)` : "";
        parts.push(el("p", { text: mentor
          ? `You paid; Slipstream holds the money. ${name} receives ${payout} when you approve the work${autoRelease}. Cancelling before then refunds you in full.`
          : `The mentor has paid; Slipstream holds the money. You receive ${payout} when the work is approved.` }));
        if (needsSetup) parts.push(payoutsLink("Set up payouts, so the stipend can reach you"));
      }
      break;
    case "frozen":
      parts.push(el("p", { text: "The payment is disputed with the card issuer, so the stipend is frozen until the dispute is decided. Slipstream's team is looking into it." }));
      break;
    case "released":
      parts.push(el("p", { text: mentor ? `Paid out: ${name} received ${payout}.` : `Paid out: ${payout} was sent to your bank account.` }), ledgerLink());
      break;
    case "refunded":
      parts.push(el("p", { text: mentor ? "Refunded to your card in full." : "The stipend was refunded to the mentor." }));
      if (mentor) parts.push(ledgerLink());
      break;
    default:
      parts.push(el("p", { class: "muted", text: "The engagement ended before the stipend was paid; no money moved." }));
  }
  return parts;
}

export function renderStipend(root, engagement, stipend, { allowed = new Set(), config = null } = {}) {
  const section = root.querySelector("[data-stipend-section]");
  section.hidden = !stipend;
  if (!stipend) return;
  fill(root.querySelector("[data-stipend-badge]"), stateBadge(stipend, engagement));
  root.querySelector("[data-stipend-amount]").textContent = money(stipend.amount, stipend.currency);
  // Worded as on the task page and the forms ("after the 10% platform fee"), with the amount
  // this stipend's fee came to, since here it is known.
  const fee = money(stipend.fee_amount, stipend.currency);
  const feeWords = config ? `the ${percent(config.platform_fee_percent)} platform fee (${fee})` : `the platform fee (${fee})`;
  root.querySelector("[data-stipend-split]").textContent =
    `${engagement.viewer_role === "mentor" ? "The drafter receives" : "You receive"} ${money(stipend.payout_amount, stipend.currency)} after ${feeWords}.`;
  fill(root.querySelector("[data-stipend-body]"), explain(engagement, stipend, allowed, config));
}

// Timeline entries for the money, merged into the engagement's own timeline.
export function stipendTimeline(stipend) {
  if (!stipend) return [];
  return [
    [stipend.funded_at, "Stipend funded"],
    [stipend.frozen_at, "Stipend frozen: payment disputed"],
    [stipend.released_at, "Stipend paid out"],
    [stipend.refunded_at, "Stipend refunded"],
  ].filter(([when]) => when);
}

// Back from Checkout (?checkout=success|cancelled). The redirect proves nothing: only Stripe's
// webhook activates the engagement, so check a few times, then leave it to the Refresh button.
export function checkoutReturn(root, engagementId, rerender) {
  const outcome = new URLSearchParams(window.location.search).get("checkout");
  const notice = root.querySelector("[data-checkout-notice]");
  const text = root.querySelector("[data-checkout-text]");
  const refresh = root.querySelector("[data-checkout-refresh]");
  if (outcome !== "success" && outcome !== "cancelled") return { update() {} };

  let timer = null;
  let polls = 0;
  let done = false;

  function forgetOutcome() {
    const url = new URL(window.location.href);
    url.searchParams.delete("checkout");
    window.history.replaceState(null, "", url.pathname + url.search + url.hash);
  }

  function confirmed() {
    done = true;
    clearTimeout(timer);
    notice.classList.add("flash-success");
    text.textContent = "Stripe confirmed your payment. The stipend is funded and the work can start.";
    refresh.hidden = true;
    forgetOutcome();
  }

  async function check() {
    clearTimeout(timer);
    let engagement;
    try {
      engagement = await api(`engagements/${engagementId}/`);
    } catch {
      engagement = null;  // a network blip: try again on the next tick
    }
    if (engagement && engagement.state !== "awaiting_funding") {
      await rerender();
      return;
    }
    schedule();
  }

  function schedule() {
    if (polls < POLL_DELAYS.length) {
      timer = setTimeout(check, POLL_DELAYS[polls]);
      polls += 1;
    } else {
      text.textContent = "Payment received — Stripe has not confirmed it yet. This can take a minute; press Refresh to check again.";
    }
  }

  const waitingText = "Payment received — waiting for Stripe's confirmation. This page updates by itself.";
  refresh.addEventListener("click", () => {
    polls = Math.min(polls, POLL_DELAYS.length - 1);
    text.textContent = waitingText;
    check();
  });

  notice.hidden = false;
  if (outcome === "cancelled") {
    text.textContent = "Payment cancelled — nothing was charged. You can fund the stipend whenever you are ready.";
    forgetOutcome();
    return { update() {} };
  }
  text.textContent = waitingText;
  refresh.hidden = false;

  // Called after every render of the page with the engagement it showed.
  return {
    update(engagement) {
      if (done) return;
      if (engagement.state === "awaiting_funding") {
        if (!timer && polls === 0) schedule();
      } else {
        confirmed();
      }
    },
  };
}
