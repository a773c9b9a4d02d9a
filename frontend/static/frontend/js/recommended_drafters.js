// On a mentor's task page: GET /api/v1/tasks/<id>/recommended-drafters/ with an invite button
// each (POST /api/v1/tasks/<id>/invitations/). Anyone but the task's mentor gets a 404: the
// section then stays hidden.
import { api } from "./api.js";
import { el } from "./ui.js";

const section = document.querySelector("[data-recommended-drafters]");
const taskId = section.dataset.taskId;
const list = section.querySelector("[data-drafter-list]");
const status = section.querySelector("[data-drafter-status]");

function row(drafter) {
  const name = drafter.display_name;
  const button = el("button", { type: "button", class: "button-secondary", text: drafter.invited ? `Invited ${name}` : `Invite ${name}`, disabled: drafter.invited });
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await api(`tasks/${taskId}/invitations/`, { method: "POST", body: { drafter_handle: drafter.handle } });
      button.textContent = `Invited ${name}`;
      status.textContent = `Invitation sent to ${name}. They decide whether to apply.`;
    } catch (error) {
      status.textContent = error.message;
      button.disabled = false;
    }
  });
  return el("li", { class: "card" },
    el("h3", {}, el("a", { href: `/u/${drafter.handle}/`, text: drafter.display_name })),
    drafter.headline ? el("p", { class: "muted", text: drafter.headline }) : null,
    el("ul", { class: "reasons", "aria-label": `Why ${drafter.display_name}` }, drafter.reasons.map((r) => el("li", { text: r }))),
    button);
}

if (section.dataset.signedIn === "true") {
  api(`tasks/${taskId}/recommended-drafters/`).then((rows) => {
    section.hidden = false;
    status.textContent = rows.length ? "" : "No discoverable drafter matches this task yet.";
    list.replaceChildren(...rows.map(row));
  }).catch(() => { /* not the mentor, or the task is gone: nothing to show */ });
}
