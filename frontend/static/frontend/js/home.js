// Home: a few featured (newest open) tasks from GET /api/v1/tasks/, and the platform fee the
// "For mentors" section quotes, from /api/v1/config/ (the payout's own rate, never a copy).
import { api, featuredTasks, showLoadError, siteConfig } from "./api.js";
import { percent, taskCard } from "./task_card.js";
import { el, emptyState, fill } from "./ui.js";

const list = document.querySelector("[data-featured]");
Promise.all([api("tasks/?page_size=3&ordering=newest"), featuredTasks()]).then(([data, featured]) => {
  fill(list, data.results.length ? data.results.map((t) => taskCard(t, { featuredBy: featured[t.id] }))
    : el("li", {}, emptyState("No open tasks yet. Have overflow work? Post the first one.", { href: "/tasks/new/", text: "Post a task" })));
}).catch((error) => {
  const note = el("li", { class: "muted" });
  fill(list, note);
  showLoadError(error, note);
});

const fee = document.querySelector("[data-fee-percent]");
siteConfig().then((config) => {
  // The server renders the fee; the config only refreshes it (the same number, or a newer one).
  if (config && fee) fee.textContent = percent(config.platform_fee_percent);
});
