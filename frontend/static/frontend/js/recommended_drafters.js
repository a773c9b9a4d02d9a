// On a mentor's own task page: GET /api/v1/tasks/<id>/recommended-drafters/ with an invite
// button each (POST /api/v1/tasks/<id>/invitations/). task_detail.js mounts it only when the
// task's `viewer_role` says the viewer is its mentor, so nobody else's page asks (and 404s).
import { api } from "./api.js";
import { announce, el } from "./ui.js";

function row(section, taskId, drafter) {
  const status = section.querySelector("[data-drafter-status]");
  const name = drafter.display_name || drafter.handle;
  const button = el("button", { type: "button", class: "button-secondary", text: drafter.invited ? `Invited ${name}` : `Invite ${name}`, disabled: drafter.invited });
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await api(`tasks/${taskId}/invitations/`, { method: "POST", body: { drafter_handle: drafter.handle } });
      button.textContent = `Invited ${name}`;
      announce(status, `Invitation sent to ${name}. They decide whether to apply.`, { href: "/invitations/", text: "See the invitations you sent." });
    } catch (error) {
      status.textContent = error.message;
      button.disabled = false;
    }
  });
  return el("li", { class: "card" },
    el("h3", {}, el("a", { href: `/u/${drafter.handle}/`, text: name })),
    drafter.headline ? el("p", { class: "muted", text: drafter.headline }) : null,
    el("ul", { class: "reasons", "aria-label": `Why ${name}` }, drafter.reasons.map((r) => el("li", { text: r }))),
    // form-actions: the button stood flush against the reasons above it.
    el("div", { class: "form-actions" }, button));
}

export async function mountRecommendedDrafters(task) {
  const section = document.querySelector("[data-recommended-drafters]");
  if (!section) return;
  try {
    const rows = await api(`tasks/${task.id}/recommended-drafters/`);
    section.querySelector("[data-drafter-status]").textContent = rows.length ? "" : "No discoverable drafter matches this task yet. Share the task's link, or check back as people join.";
    section.querySelector("[data-drafter-list]").replaceChildren(...rows.map((drafter) => row(section, task.id, drafter)));
    section.hidden = false;
  } catch {
    // The list is a help, not the page: a failure leaves the section hidden.
  }
}
