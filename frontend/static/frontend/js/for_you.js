// /for-you/: GET /api/v1/me/recommendations/, each task with the reasons it was picked.
import { api, showLoadError } from "./api.js";
import { taskCard } from "./task_card.js";
import { el, emptyState, fill } from "./ui.js";

const list = document.querySelector("[data-recommendations]");
const status = document.querySelector("[data-status]");

// What the profile still lacks for better picks; nothing for someone who has both.
function missing(me) {
  const parts = [];
  if (!me.skills.length) parts.push("skills");
  if (!me.weekly_hours) parts.push("your weekly hours");
  return parts.join(" and ");
}

Promise.all([api("me/recommendations/"), api("me/")]).then(([rows, me]) => {
  const lacks = missing(me);
  if (lacks) {
    document.querySelector("[data-profile-missing]").textContent = `Add ${lacks}`;
    document.querySelector("[data-profile-hint]").hidden = false;
  }
  status.textContent = rows.length ? `${rows.length} ${rows.length === 1 ? "task" : "tasks"} picked for you` : "";
  if (!rows.length) {
    const text = lacks
      ? `No matches right now. Browse all open tasks, or add ${lacks} to your profile.`
      : "No matches for your skills and hours right now. Browse all open tasks, or save a search to hear of new ones.";
    fill(list, el("li", {}, emptyState(text, { href: "/tasks/", text: "Browse tasks" })));
    return;
  }
  fill(list, rows.map((row) => {
    const card = taskCard(row, { headingLevel: "h2" });
    if (row.stretch) card.append(el("p", { class: "badge badge-warning", text: "Stretch task" }));
    card.append(el("ul", { class: "reasons", "aria-label": "Why this task" }, row.reasons.map((r) => el("li", { text: r }))));
    return card;
  }));
}).catch((error) => showLoadError(error, status));
