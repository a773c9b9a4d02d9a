// /careers/ before someone is an office's staff: the ways in. An invitation waiting for one of
// their confirmed addresses (accepted here, as by its e-mailed link); the office already on their
// address's domain, and asking its admins to invite them (remembered on return visits); and the
// way to create a different office on a domain of its own, with the way back.
// Data: me/staff-invitations/, me/memberships/, me/staff-access-requests/.
import { api } from "./api.js";
import { MONTHS, announce, el } from "./ui.js";

const root = document.querySelector("[data-careers]");
const $ = (selector) => root.querySelector(selector);

// "7 Dec": the day someone asked is this month or last, so the year would only be noise.
function dayMonth(value) {
  const d = new Date(value);
  return `${d.getDate()} ${MONTHS[d.getMonth()]}`;
}

function listed(names) {
  return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

const roleWord = (role) => (role === "admin" ? "an admin" : "a viewer");

async function acceptInvitation(invitation, button) {
  const error = $("[data-invited-error]");
  button.disabled = true;
  error.hidden = true;
  try {
    const joined = await api(`me/staff-invitations/${invitation.id}/accept/`, { method: "POST" });
    // /careers/ welcomes them with what they joined, as what (as after the e-mailed link).
    window.location.assign(`/careers/?joined=${encodeURIComponent(joined.role)}`);
  } catch (failure) {
    error.textContent = failure.message;
    error.hidden = false;
    button.disabled = false;
  }
}

function invitationItem(invitation) {
  const office = `${invitation.institution_name}'s career office`;
  const by = invitation.invited_by || "A colleague";
  const button = el("button", { type: "button", class: "button", text: "Accept", "aria-label": `Accept the invitation to ${office}`,
    onclick: (click) => acceptInvitation(invitation, click.currentTarget) });
  // One text node per sentence, so its full stop never wraps alone onto a line of its own.
  return el("li", { class: "invitation-offer", "data-invitation-offer": invitation.institution_name },
    el("p", {}, el("strong", { text: by }), ` invited you to ${office} as ${roleWord(invitation.role)}.`),
    el("p", { class: "muted small", text: `As ${roleWord(invitation.role)} you can ${invitation.role_can}.` }),
    el("div", { class: "form-actions" }, button));
}

// Shown whichever screen the page picks (the office already here, waiting for approval, or none).
async function loadWaitingInvitations() {
  const invitations = await api("me/staff-invitations/");
  $("[data-invited-list]").replaceChildren(...invitations.map(invitationItem));
  $("[data-invited]").hidden = !invitations.length;
  return invitations;
}

const waiting = loadWaitingInvitations().catch(() => []);

// Where the person stands with the office's admins: never asked (the button), asked within the
// day (what happens next, no button), or asked before that (when, and they may ask again).
function showAsked(mine) {
  const said = $("[data-ask-said]");
  const area = $("[data-ask-area]");
  if (!mine.asked_at) { area.hidden = false; return; }
  said.classList.remove("flash-success");
  said.textContent = mine.ask_again_at
    ? `Asked on ${dayMonth(mine.asked_at)} — admins have been told. When one of them invites you, the invitation shows on this page and comes by e-mail.`
    : `You asked on ${dayMonth(mine.asked_at)} — admins have been told. Not invited yet? You may ask again.`;
  said.hidden = false;
  area.hidden = Boolean(mine.ask_again_at);
  $("[data-ask-to-join]").textContent = "Ask again";
}

// A confirmed address on a live institution's domain makes its owner a member there (a
// student-side membership, me/memberships/): that institution's office is already on Slipstream,
// and creating another on its domains would be refused. Say so first, and who can let them in.
export async function officeAlreadyHere() {
  const memberships = await api("me/memberships/");
  const there = memberships.find((m) => m.role === "student");
  if (!there) return false;
  $("[data-already-name]").textContent = there.institution_name;
  $("[data-back-name]").textContent = there.institution_name;
  $("[data-already-domain]").textContent = there.email.split("@").pop();
  $("[data-already]").hidden = false;
  const [invitations, mine] = await Promise.all([waiting, api("me/staff-access-requests/").catch(() => ({ asked_at: null }))]);
  // Invited already: the invitation above is the way in, so asking is not offered again.
  if (invitations.some((i) => i.institution_name === there.institution_name)) return true;
  showAsked(mine);
  return true;
}

// No invitation yet: ask the office's admins for one (they get a notice and an e-mail whose link
// opens their invite form with this address filled in). Once a day: a second ask says when.
export async function askToJoin(event) {
  const button = event.currentTarget;
  const said = $("[data-ask-said]");
  const error = $("[data-ask-error]");
  button.disabled = true;
  error.hidden = true;
  try {
    const sent = await api("me/staff-access-requests/", { method: "POST" });
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
    error.textContent = failure.message;
    error.hidden = false;
  }
}

export function showCreateAnyway() {
  $("[data-already]").hidden = true;
  $("[data-create]").hidden = false;
  $("[data-different-note]").hidden = false;
  $("#create-heading").focus();
}

function backToAlready() {
  $("[data-create]").hidden = true;
  $("[data-different-note]").hidden = true;
  $("[data-already]").hidden = false;
  $("#already-heading").tabIndex = -1;
  $("#already-heading").focus();
}

$("[data-back-to-already]").addEventListener("click", backToAlready);
