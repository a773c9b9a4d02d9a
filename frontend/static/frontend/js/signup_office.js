// The sign-up page reached from a colleague's invitation (?next=/careers/join/<token>/) names the
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
