// Home: a few featured (newest open) tasks from GET /api/v1/tasks/.
import { api, featuredTasks, showLoadError } from "./api.js";
import { taskCard } from "./task_card.js";
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
