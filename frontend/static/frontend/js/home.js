// Home: a few featured (newest open) tasks from GET /api/v1/tasks/.
import { api, showLoadError } from "./api.js";
import { el, emptyState, fill, taskCard } from "./ui.js";

const list = document.querySelector("[data-featured]");
api("tasks/?page_size=3&ordering=newest").then((data) => {
  fill(list, data.results.length ? data.results.map((t) => taskCard(t))
    : el("li", {}, emptyState("No open tasks yet. Have overflow work? Post the first one.", { href: "/tasks/new/", text: "Post a task" })));
}).catch((error) => {
  const note = el("li", { class: "muted" });
  fill(list, note);
  showLoadError(error, note);
});
