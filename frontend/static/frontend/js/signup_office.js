// The sign-up page: the pitch above the form follows the roles ticked (career-office staff do
// not read the drafter's pitch), and reached from a colleague's invitation (?next=/careers/join/<token>/) names the
// office being joined, as the invitation itself says it (GET staff-invitations/<token>/, readable
// signed out): the URL only points at the invitation, it never supplies the name.
import { api } from "./api.js";

const line = document.querySelector("[data-joining-office]");
const next = new URLSearchParams(location.search).get("next") || "";
const match = next.match(/^\/careers\/join\/([^/]+)\/$/);
const ROLE = { admin: "an admin", viewer: "a viewer" };

if (line && match) {
  api(`staff-invitations/${encodeURIComponent(match[1])}/`).then((invitation) => {
    if (invitation.state !== "pending") return;
    line.textContent = `Create your account to join ${invitation.institution_name}'s career office as ${ROLE[invitation.role] || invitation.role}${invitation.invited_by ? `, invited by ${invitation.invited_by}` : ""}.`;
    line.hidden = false;
  }).catch(() => {}); // an unknown link: the join page says why after sign-up
}

// One pitch per ticked role; with none ticked yet, the drafter's (the form's default).
const pitches = document.querySelectorAll("[data-pitch]");
// Checkboxes only: joining by invitation the role is a hidden career-office value (its pitch shown).
const roleBoxes = document.querySelectorAll('input[name="roles"][type="checkbox"]');
function showPitches() {
  const ticked = new Set([...roleBoxes].filter((box) => box.checked).map((box) => box.value));
  if (!ticked.size) ticked.add("drafter");
  for (const pitch of pitches) pitch.hidden = !ticked.has(pitch.dataset.pitch);
}
for (const box of roleBoxes) box.addEventListener("change", showPitches);
if (pitches.length && roleBoxes.length) showPitches();

// From an invitation, the invited address needs no confirmation e-mail (the server said which
// address); typing another one brings the usual confirmation back, and the line says so.
const note = document.querySelector("[data-confirm-note][data-invited-email]");
const emailBox = document.querySelector('input[name="email"]');
if (note && emailBox) {
  const invited = note.dataset.invitedEmail.trim().toLowerCase();
  const words = note.querySelector("[data-confirm-words]");
  const sayConfirmation = () => {
    words.textContent = emailBox.value.trim().toLowerCase() === invited
      ? "No confirmation e-mail needed: your invitation already proved this address."
      : "We send one e-mail to confirm your address.";
  };
  emailBox.addEventListener("input", sayConfirmation);
  sayConfirmation();
}
