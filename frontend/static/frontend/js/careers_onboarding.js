// /careers/ before someone is an office's staff: the ways in. An invitation waiting for one of
// their confirmed addresses (accepted here, as by its e-mailed link); the office already on their
// address's domain, and asking its admins to invite them (remembered on return visits); and the
// way to create a different office on a domain of its own, with the way back.
// Someone whose profile has no name is asked for one before asking or accepting (staff are shown
// by name, never by address): the request carries it. An unconfirmed address on a claimed domain
// is told to confirm it first (the office itself is named only once the address is confirmed).
// Data: me/, me/staff-invitations/ (accept, decline), me/memberships/, me/staff-access-requests/,
// institutions/domain-check/, me/email/resend/.
import { api } from "./api.js";
import { MONTHS, announce, el } from "./ui.js";

const root = document.querySelector("[data-careers]");
const $ = (selector) => root.querySelector(selector);

// "7 Dec": the day someone asked (this month or last), or an invitation's last day (within two
// weeks), so the year would only be noise.
function dayMonth(value) {
  const d = new Date(value);
  return `${d.getDate()} ${MONTHS[d.getMonth()]}`;
}

function listed(names) {
  return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

const roleWord = (role) => (role === "admin" ? "an admin" : "a viewer");

// The person's own profile, asked once, only by the screens that need it.
let meAsked = null;
const myself = () => (meAsked ||= api("me/").catch(() => ({})));
const nameless = async () => !(await myself()).display_name?.trim();

// The name typed in the block `[data-<block>]` when it is shown: {} when it is not asked, else
// { display_name }. An empty one is said under the field, focused, and stops the act (null).
function nameGiven(block, error) {
  const area = $(`[data-${block}]`);
  if (area.hidden) return {};
  const input = area.querySelector("input");
  const name = input.value.trim();
  input.removeAttribute("aria-invalid");
  if (name) return { display_name: name };
  error.textContent = "Give your name first: colleagues and students will see it.";
  error.hidden = false;
  input.setAttribute("aria-invalid", "true");
  input.focus();
  return null;
}

function nameRefused(block, failure, error) {
  const said = failure.fields?.display_name;
  error.textContent = said ? `Your name: ${said.join(" ")}` : failure.message;
  error.hidden = false;
  if (said) $(`[data-${block}] input`).setAttribute("aria-invalid", "true");
}

async function acceptInvitation(invitation, button) {
  const error = $("[data-invited-error]");
  error.hidden = true;
  const body = nameGiven("invited-name", error);
  if (!body) return;
  button.disabled = true;
  try {
    const joined = await api(`me/staff-invitations/${invitation.id}/accept/`, { method: "POST", body });
    // /careers/ welcomes them with what they joined, as what (as after the e-mailed link).
    window.location.assign(`/careers/?joined=${encodeURIComponent(joined.role)}`);
  } catch (failure) {
    nameRefused("invited-name", failure, error);
    button.disabled = false;
  }
}

// Declining asks first (it cannot be undone: the admin would have to invite again); once done
// the card goes, and the page says so where the card was.
async function declineInvitation(invitation, button) {
  const office = `${invitation.institution_name}'s career office`;
  if (!window.confirm(`Decline the invitation to ${office}? Its link stops working; a colleague there can invite you again.`)) return;
  const error = $("[data-invited-error]");
  error.hidden = true;
  button.disabled = true;
  try {
    await api(`me/staff-invitations/${invitation.id}/decline/`, { method: "POST" });
  } catch (failure) {
    error.textContent = failure.message;
    error.hidden = false;
    button.disabled = false;
    return;
  }
  const item = button.closest("li");
  const list = item.parentElement;
  item.remove();
  placeInvitedName();
  announce($("[data-status]"), `You declined the invitation to ${office}.`);
  if (list.children.length) return;
  // The last one gone: the other ways in (the office on their domain, or creating one) show.
  $("[data-invited]").hidden = true;
  waiting = Promise.resolve([]);
  $("[data-create]").hidden = await officeAlreadyHere();
}

function invitationItem(invitation) {
  const office = `${invitation.institution_name}'s career office`;
  const by = invitation.invited_by || "A colleague";
  const button = el("button", { type: "button", class: "button", text: "Accept", "aria-label": `Accept the invitation to ${office}`,
    onclick: (click) => acceptInvitation(invitation, click.currentTarget) });
  const decline = el("button", { type: "button", class: "button button-secondary", text: "Decline", "aria-label": `Decline the invitation to ${office}`,
    onclick: (click) => declineInvitation(invitation, click.currentTarget) });
  // One text node per sentence, so its full stop never wraps alone onto a line of its own.
  return el("li", { class: "invitation-offer", "data-invitation-offer": invitation.institution_name },
    el("p", {}, el("strong", { text: by }), ` invited you to ${office} as ${roleWord(invitation.role)}.`),
    el("p", { class: "muted small", text: `As ${roleWord(invitation.role)} you can ${invitation.role_can}. The invitation works until ${dayMonth(invitation.expires_at)}.` }),
    el("div", { class: "form-actions" }, button, decline));
}

// The name is asked after "… invited you to … as a viewer" and before Accept/Decline, so the
// card reads in order: who asks, what to give, what to do. One field for every invitation: it
// sits in the first one (moved on when that one is declined), back in the card when none is left.
function placeInvitedName() {
  const field = $("[data-invited-name]");
  const first = $("[data-invited-list] > li");
  if (first) first.querySelector(".form-actions").before(field);
  else $("[data-invited-list]").before(field);
}

// Shown whichever screen the page picks (the office already here, waiting for approval, or none).
async function loadWaitingInvitations() {
  const invitations = await api("me/staff-invitations/");
  const field = $("[data-invited-name]");
  $("[data-invited-list]").before(field); // out of the old items before they are replaced
  $("[data-invited-list]").replaceChildren(...invitations.map(invitationItem));
  placeInvitedName();
  $("[data-invited]").hidden = !invitations.length;
  if (invitations.length) $("[data-invited-name]").hidden = !(await nameless());
  return invitations;
}

let waiting = loadWaitingInvitations().catch(() => []);

// Where the person stands with the office's admins: never asked (the button), asked within the
// day (what happens next, no button), or asked before that (when, and they may ask again).
function showAsked(mine) {
  const said = $("[data-ask-said]");
  const area = $("[data-ask-area]");
  if (!mine.asked_at) { area.hidden = false; return; }
  $("[data-ask-to-join]").textContent = "Ask again";
  said.classList.remove("flash-success");
  said.textContent = mine.ask_again_at
    ? `Asked on ${dayMonth(mine.asked_at)} — admins have been told. When one of them invites you, the invitation shows on this page and comes by e-mail.`
    : `You asked on ${dayMonth(mine.asked_at)} — admins have been told. Not invited yet? You may ask again.`;
  said.hidden = false;
  area.hidden = Boolean(mine.ask_again_at);
}

// A confirmed address on a live institution's domain makes its owner a member there (a
// student-side membership, me/memberships/): that institution's office is already on Slipstream,
// and creating another on its domains would be refused. Say so first, and who can let them in.
// The card the "different office" note goes back to: the office here, or confirm-first.
let shownCard = "already";

export async function officeAlreadyHere() {
  const [memberships, invitations] = await Promise.all([api("me/memberships/"), waiting]);
  // Invited already: the invitation card is the way in, and the office card under it (ask a
  // colleague to invite you, ask to join) would only contradict it.
  if (invitations.length) return true;
  const there = memberships.find((m) => m.role === "student");
  if (!there) return confirmFirst();
  $("[data-already-name]").textContent = there.institution_name;
  $("[data-back-to-already]").textContent = `Back: ask to join ${there.institution_name} instead`;
  $("[data-already-domain]").textContent = there.email.split("@").pop();
  $("[data-already]").hidden = false;
  const [mine, unnamed] = await Promise.all([api("me/staff-access-requests/").catch(() => ({ asked_at: null })), nameless()]);
  $("[data-ask-name]").hidden = !unnamed;
  showAsked(mine);
  return true;
}

// An address not confirmed yet, on a domain an office already holds (the domain check any
// signed-in person may make says only that): say so, and the one step left. The office is not
// named: an unproved address learns no more than the check tells anyone.
async function confirmFirst() {
  const me = await myself();
  if (!me.email || me.email_verified !== false) return false;
  const domain = me.email.split("@").pop().toLowerCase();
  const check = await api(`institutions/domain-check/?email_domains=${encodeURIComponent(domain)}`).catch(() => null);
  if (!check?.already_claimed.length) return false;
  $("[data-confirm-domain]").textContent = domain;
  $("[data-confirm-email]").textContent = me.email;
  $("[data-already-domain]").textContent = domain;
  $("[data-back-to-already]").textContent = `Back: confirm your ${domain} address instead`;
  $("[data-confirm-first]").hidden = false;
  shownCard = "confirm-first";
  return true;
}

async function resendLink(event) {
  const button = event.currentTarget;
  const error = $("[data-confirm-error]");
  button.disabled = true;
  error.hidden = true;
  try {
    const sent = await api("me/email/resend/", { method: "POST" });
    announce($("[data-confirm-said]"), `Sent to ${sent.email}: open the link in that e-mail, then come back to this page.`);
  } catch (failure) {
    error.textContent = failure.message;
    error.hidden = false;
  }
  button.disabled = false;
}

// No invitation yet: ask the office's admins for one (they get a notice and an e-mail whose link
// opens their invite form with this address filled in). Once a day: a second ask says when.
export async function askToJoin(event) {
  const button = event.currentTarget;
  const said = $("[data-ask-said]");
  const error = $("[data-ask-error]");
  error.hidden = true;
  const body = nameGiven("ask-name", error);
  if (!body) return;
  button.disabled = true;
  try {
    const sent = await api("me/staff-access-requests/", { method: "POST", body });
    $("[data-ask-area]").hidden = true;
    said.classList.add("flash-success");
    announce(said, `Request sent: ${listed(sent.sent_to)} ${sent.sent_to.length === 1 ? "has" : "have"} been told. When they invite you, the invitation shows on this page and comes by e-mail.`);
  } catch (failure) {
    button.disabled = false;
    if (failure.code === "access_request_recent") {
      $("[data-ask-area]").hidden = true;
      said.classList.remove("flash-success");
      announce(said, failure.message);
      return;
    }
    nameRefused("ask-name", failure, error);
  }
}

export function showCreateAnyway() {
  $("[data-already]").hidden = true;
  $("[data-confirm-first]").hidden = true;
  $("[data-create]").hidden = false;
  $("[data-different-note]").hidden = false;
  $("#create-heading").focus();
}

function backToAlready() {
  $("[data-create]").hidden = true;
  $("[data-different-note]").hidden = true;
  $(`[data-${shownCard}]`).hidden = false;
  const heading = $(`#${shownCard}-heading`);
  heading.tabIndex = -1;
  heading.focus();
}

// The create form's domains, filled from the person's confirmed address (dana@lakeshore.edu:
// lakeshore.edu), unless it is free webmail (nobody's institution) or they typed something.
async function prefillDomains() {
  const me = await myself();
  const input = $("[name=email_domains]");
  if (!me.email || me.email_verified !== true || input.value.trim()) return;
  const domain = me.email.split("@").pop().toLowerCase();
  const free = new Set(JSON.parse(document.getElementById("free-mail-domains")?.textContent || "[]"));
  if (!free.has(domain)) input.value = domain;
}

prefillDomains().catch(() => {});

$("[data-back-to-already]").addEventListener("click", backToAlready);
$("[data-confirm-resend]").addEventListener("click", resendLink);
$("[data-confirm-different]").addEventListener("click", showCreateAnyway);
