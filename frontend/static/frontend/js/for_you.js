// /for-you/: GET /api/v1/me/recommendations/, each task with the reasons it was picked.
import { api, showLoadError } from "./api.js";
import { taskCard } from "./task_card.js";
import { el, emptyState, fill } from "./ui.js";

const list = document.querySelector("[data-recommendations]");
const status = document.querySelector("[data-status]");

api("me/recommendations/").then((rows) => {
  status.textContent = rows.length ? `${rows.length} ${rows.length === 1 ? "task" : "tasks"} picked for you` : "";
  if (!rows.length) {
    fill(list, el("li", {}, emptyState("No matches right now. Browse all open tasks, or add skills and your weekly hours to your profile.", { href: "/tasks/", text: "Browse tasks" })));
    return;
  }
  fill(list, rows.map((row) => {
    const card = taskCard(row, { headingLevel: "h2" });
    if (row.stretch) card.append(el("p", { class: "badge badge-warning", text: "Stretch task" }));
    card.append(el("ul", { class: "reasons", "aria-label": "Why this task" }, row.reasons.map((r) => el("li", { text: r }))));
    return card;
  }));
}).catch((error) => showLoadError(error, status));
