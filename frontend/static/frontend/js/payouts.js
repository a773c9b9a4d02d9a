// /settings/payouts/: the drafter's Stripe payout setup. Onboarding happens on Stripe's own
// site, so the button navigates there (window.location.assign: CSP allows navigation).
import { api, showErrors } from "./api.js";
import { el, fill, money } from "./ui.js";

const card = document.querySelector("[data-payout-status]");
const badge = card.querySelector("[data-status-badge]");
const text = card.querySelector("[data-status-text]");
const requirements = card.querySelector("[data-requirements]");
const requirementsList = card.querySelector("[data-requirements-list]");
const button = card.querySelector("[data-start-onboarding]");
const returnNote = card.querySelector("[data-return-note]");
const waiting = card.querySelector("[data-waiting]");
const waitingTitle = card.querySelector("[data-waiting-title]");
const waitingList = card.querySelector("[data-waiting-list]");

const REQUIREMENT_LABELS = {
  "external_account": "a bank account for payouts",
  "individual.first_name": "your first name",
  "individual.last_name": "your last name",
  "business_profile.url": "a website or profile link",
  "tos_acceptance.date": "acceptance of Stripe's terms",
  "tos_acceptance.ip": "acceptance of Stripe's terms",
};

function setBadge(label, kind) {
  badge.textContent = label;
  badge.className = `badge badge-${kind}`;
}

// Approved stipends that can only be sent once setup is finished.
function renderWaiting(payouts) {
  waiting.hidden = !payouts.length;
  if (!payouts.length) return;
  waitingTitle.textContent = payouts.length === 1
    ? "1 stipend waiting: finish payout setup to receive it."
    : `${payouts.length} stipends waiting: finish payout setup to receive them.`;
  fill(waitingList, payouts.map((p) => el("li", {},
    `${money(p.amount, p.currency)} for `,
    el("a", { href: `/engagements/${Number(p.engagement_id)}/`, text: p.task_title }))));
}

function render(status) {
  requirements.hidden = true;
  renderWaiting(status.waiting_payouts || []);
  if (status.payouts_enabled) {
    setBadge("Ready", "success");
    text.textContent = "Payouts are set up. Approved stipends are sent to your bank automatically.";
    button.hidden = true;
    return;
  }
  if (!status.has_account) {
    setBadge("Not set up", "muted");
    text.textContent = "You have not set up payouts yet. It takes about five minutes on Stripe's secure page.";
    button.textContent = "Set up payouts";
  } else {
    setBadge("Incomplete", "warning");
    text.textContent = "Stripe needs a few more details before it can pay you. Pick up where you left off.";
    button.textContent = "Continue setup";
    const labels = [...new Set(status.requirements_due.map((item) => REQUIREMENT_LABELS[item] || item))];
    if (labels.length) {
      fill(requirementsList, labels.map((label) => el("li", { text: label })));
      requirements.hidden = false;
    }
  }
  button.hidden = false;
}

function showError(error) {
  showErrors(card, error);
}

async function load() {
  try {
    render(await api("me/payouts/onboarding/"));
  } catch (error) {
    setBadge("Unavailable", "danger");
    text.textContent = "Your payout setup could not be loaded.";
    showError(error);
  }
}

button.addEventListener("click", async () => {
  button.disabled = true;
  card.querySelector("[data-form-error]").hidden = true;
  text.textContent = "Opening Stripe…";
  try {
    const status = await api("me/payouts/onboarding/", { method: "POST" });
    window.location.assign(status.onboarding_url);
  } catch (error) {
    button.disabled = false;
    text.textContent = "Stripe could not be opened.";
    showError(error);
  }
});

const outcome = new URLSearchParams(window.location.search).get("onboarding");
if (outcome === "returned") {
  returnNote.textContent = "Welcome back from Stripe. Here is where your setup stands.";
  returnNote.hidden = false;
} else if (outcome === "expired") {
  returnNote.textContent = "That setup link expired. Press the button to get a fresh one.";
  returnNote.hidden = false;
}
load();
