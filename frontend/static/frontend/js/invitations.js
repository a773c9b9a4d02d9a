// /invitations/: GET /api/v1/me/invitations/; apply from the task page or decline here.
import { api, showLoadError } from "./api.js";
import { dateTime, el, emptyState } from "./ui.js";

const list = document.querySelector("[data-invitations]");
const status = document.querySelector("[data-status]");

function actions(invitation) {
  if (invitation.application_id) {
    return el("p", {}, el("a", { href: `/applications/${invitation.application_id}/`, text: "You applied — see your application" }));
  }
  if (invitation.state === "declined") return el("p", { class: "muted", text: "You declined." });
  const decline = el("button", { type: "button", class: "button-secondary", text: "Decline" });
  decline.addEventListener("click", async () => {
    decline.disabled = true;
    try {
      await api(`invitations/${invitation.id}/decline/`, { method: "POST" });
      status.textContent = `Declined the invitation to “${invitation.task_title}”.`;
      load();
    } catch (error) {
      status.textContent = error.message;
      decline.disabled = false;
    }
  });
  return el("div", { class: "actions" },
    el("a", { class: "button", href: `/tasks/${invitation.task_id}/#apply-heading`, text: `Apply to “${invitation.task_title}”` }),
    decline);
}

function card(invitation) {
  return el("li", { class: "card" },
    el("h2", { class: "task-card-title" }, el("a", { href: `/tasks/${invitation.task_id}/`, text: invitation.task_title })),
    el("p", { class: "muted small", text: `${invitation.mentor_name || invitation.mentor_handle} invited you · ${dateTime(invitation.created_at)}` }),
    invitation.note ? el("blockquote", { text: invitation.note }) : null,
    invitation.reasons.length ? el("ul", { class: "reasons", "aria-label": "Why you" }, invitation.reasons.map((r) => el("li", { text: r }))) : null,
    actions(invitation));
}

async function load() {
  try {
    const rows = await api("me/invitations/");
    list.replaceChildren(...(rows.length ? rows.map(card) : [el("li", {}, emptyState("No invitations yet. Make yourself discoverable so mentors can invite you.", { href: "/settings/notifications/", text: "Notification settings" }))]));
  } catch (error) {
    showLoadError(error);
  }
}

status.textContent = "";
load();
