// /careers/join/<token>/: a colleague's invitation. It says who invited whom, to which office and
// as what (GET staff-invitations/<token>/, readable signed out); signed out it offers sign-up
// (prefilled with the invited address) or login, both coming back here; signed in as someone
// else it says so; a link that no longer works says why. Accepting is one click, then /careers/.
import { api } from "./api.js";
import { date } from "./ui.js";

const root = document.querySelector("[data-careers-join]");
const token = root.dataset.token;
const status = root.querySelector("[data-status]");
const part = (name) => root.querySelector(`[data-${name}]`);
const ROLE = { admin: "an admin", viewer: "a viewer" };

function ended(title, body) {
  part("ended-title").textContent = title;
  part("ended-body").textContent = body;
  part("ended").hidden = false;
}

function show(invitation) {
  const inviter = invitation.invited_by || "A colleague";
  const role = ROLE[invitation.role] || invitation.role;
  part("who").textContent = `${inviter} invited you to join the career office of ${invitation.institution_name} on Slipstream as ${role}.`;
  part("role-can").textContent = `As ${role} you can ${invitation.role_can}.`;
  part("expiry").textContent = `Sent to ${invitation.email}. The link works until ${date(invitation.expires_at)}.`;
  part("invitation").hidden = false;
  status.hidden = true;

  if (invitation.state === "accepted") {
    part("expiry").hidden = true;
    if (invitation.accepted_by_you) {
      ended("You already joined", `You are on ${invitation.institution_name}'s career office.`);
      part("ended-body").append(" ", Object.assign(document.createElement("a"), { href: "/careers/", textContent: "Open the dashboard" }));
    } else {
      ended("This invitation was already used", `Someone has accepted it already. If you should be on the office too, ask ${inviter} to invite you again.`);
      // Often it was the reader, back from the e-mail: signed out, one click logs them in to
      // the office they joined.
      if (root.dataset.signedIn !== "true") {
        const login = Object.assign(document.createElement("a"), { href: `/accounts/login/?next=${encodeURIComponent("/careers/")}`, textContent: "log in" });
        const line = Object.assign(document.createElement("p"), { className: "login-instead" });
        line.append("If that was you, ", login, " to open your office's dashboard.");
        part("ended").append(line);
      }
    }
    return;
  }
  if (invitation.state === "expired") {
    part("expiry").hidden = true;
    ended("This invitation has expired", `It worked until ${date(invitation.expires_at)}. Ask ${inviter} to send you a new one.`);
    return;
  }
  if (invitation.state === "revoked") {
    part("expiry").hidden = true;
    ended("This invitation was withdrawn", `${inviter} withdrew it (or sent a newer one: use the latest e-mail). Ask them if you should still join.`);
    return;
  }
  if (root.dataset.signedIn !== "true") {
    const signup = part("signup");
    // Prefilled with the invited address and the career-office role (no drafter's wizard).
    signup.href = `${signup.pathname}?role=career_office&email=${encodeURIComponent(invitation.email)}&next=${encodeURIComponent(window.location.pathname)}`;
    part("signup-words").textContent = `New to Slipstream? Create an account with ${invitation.email} (filled in for you): it needs no confirmation e-mail, since this invitation reached that inbox, and you come straight back here to accept.`;
    part("signed-out").hidden = false;
    return;
  }
  root.querySelectorAll("[data-me]").forEach((node) => { node.textContent = invitation.signed_in_as; });
  if (!invitation.email_verified) { part("unverified").hidden = false; return; }
  if (!invitation.signed_in_as_invitee) {
    part("invitee").textContent = invitation.email;
    part("other-account").hidden = false;
  }
  part("accept-block").hidden = false;
}

async function accept(button) {
  const error = part("error");
  const nameField = part("name-field");
  button.disabled = true;
  error.hidden = true;
  try {
    // Staff are shown by name, never by address: the page asks for one if there is none yet.
    if (nameField) {
      const input = nameField.querySelector("input");
      const name = input.value.trim();
      if (!name) {
        error.textContent = "Please give your name: colleagues and students will see it.";
        error.hidden = false;
        button.disabled = false;
        input.focus();
        return;
      }
      await api("me/", { method: "PATCH", body: { display_name: name } });
    }
    const joined = await api("me/staff-invitations/accept/", { method: "POST", body: { token } });
    // /careers/ welcomes them with what they joined, as what (?joined=viewer|admin).
    if (joined.institution_slug) window.location.assign(`/careers/?joined=${encodeURIComponent(joined.role)}`);
  } catch (failure) {
    error.textContent = failure.status === 404 ? "This invitation link is not valid. Ask your colleague to send a new one." : failure.message;
    error.hidden = false;
    button.disabled = false;
  }
}

part("accept")?.addEventListener("click", (event) => accept(event.currentTarget));

api(`staff-invitations/${encodeURIComponent(token)}/`).then(show).catch((failure) => {
  status.hidden = true;
  if (failure.status === 404) ended("This invitation link is not valid", "Check that you opened the whole link from the e-mail, or ask your colleague to send a new one.");
  else ended("The invitation could not be loaded", failure.message);
});
