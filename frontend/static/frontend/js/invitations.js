// /invitations/: GET /api/v1/me/invitations/ for those a drafter received (apply from the task
// page, or decline here) and ?box=sent for those a mentor sent (who applied, who declined).
// Each box speaks to its reader: "you" is the drafter in one and the mentor in the other.
import { api, showLoadError } from "./api.js";
import { dateTime, el, emptyState } from "./ui.js";

const status = document.querySelector("[data-status]");

function receivedActions(invitation, reload) {
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
      reload();
    } catch (error) {
      status.textContent = error.message;
      decline.disabled = false;
    }
  });
  return el("div", { class: "actions" },
    el("a", { class: "button", href: `/tasks/${invitation.task_id}/#apply-heading`, text: `Apply to “${invitation.task_title}”` }),
    decline);
}

function receivedCard(invitation, reload) {
  return el("li", { class: "card" },
    el("h3", { class: "task-card-title" }, el("a", { href: `/tasks/${invitation.task_id}/`, text: invitation.task_title })),
    el("p", { class: "muted small", text: `${invitation.mentor_name || invitation.mentor_handle} invited you · ${dateTime(invitation.created_at)}` }),
    invitation.note ? el("blockquote", { text: invitation.note }) : null,
    invitation.reasons.length ? el("ul", { class: "reasons", "aria-label": "Why you" }, invitation.reasons.map((r) => el("li", { text: r }))) : null,
    receivedActions(invitation, reload));
}

function sentOutcome(invitation, name) {
  if (invitation.application_id) {
    return el("p", {}, el("a", { href: `/applications/${invitation.application_id}/`, text: `${name} applied — review the application` }));
  }
  if (invitation.state === "declined") return el("p", { class: "muted", text: `${name} declined.` });
  return el("p", { class: "muted", text: `Waiting for ${name} to apply or decline.` });
}

function sentCard(invitation) {
  const name = invitation.drafter_name || invitation.drafter_handle;
  return el("li", { class: "card" },
    el("h3", { class: "task-card-title" }, el("a", { href: `/tasks/${invitation.task_id}/`, text: invitation.task_title })),
    el("p", { class: "muted small" }, "You invited ", el("a", { href: `/u/${invitation.drafter_handle}/`, text: name }), ` · ${dateTime(invitation.created_at)}`),
    invitation.note ? el("blockquote", { text: invitation.note }) : null,
    sentOutcome(invitation, name));
}

const BOXES = {
  received: {
    card: receivedCard,
    // Only a drafter who is not discoverable is asked to become so: the others already are.
    empty: (section) => ("discoverable" in section.dataset
      ? emptyState("No invitations yet. You're discoverable: mentors who find you among a task's recommended drafters can invite you.")
      : emptyState("No invitations yet. Make yourself discoverable so mentors can invite you.", { href: "/settings/notifications/", text: "Notification settings" })),
  },
  sent: {
    card: sentCard,
    empty: () => emptyState("You have not invited anyone yet. Open one of your open tasks: its recommended drafters each have an Invite button.", { href: "/dashboard/", text: "Your tasks" }),
  },
};

async function load(section) {
  const box = section.dataset.invitationsBox;
  const list = section.querySelector("[data-invitations]");
  const reload = () => load(section);
  try {
    const rows = await api(`me/invitations/?box=${box}`);
    list.replaceChildren(...(rows.length ? rows.map((row) => BOXES[box].card(row, reload)) : [el("li", {}, BOXES[box].empty(section))]));
  } catch (error) {
    showLoadError(error);
  }
}

status.textContent = "";
document.querySelectorAll("[data-invitations-box]").forEach(load);
