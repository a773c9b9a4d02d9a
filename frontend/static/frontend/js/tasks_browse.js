// /tasks/: the filters live in the URL (shareable); results come from GET /api/v1/tasks/.
import { api, errorText, featuredTasks } from "./api.js";
import { skillsPicker } from "./skills-picker.js";
import { taskCard } from "./task_card.js";
import { emptyState } from "./ui.js";

const form = document.querySelector("[data-filters]");
const list = document.querySelector("[data-task-list]");
const countNode = document.querySelector("[data-result-count]");
const errorNode = document.querySelector("[data-load-error]");
const more = document.querySelector("[data-load-more]");
const params = new URLSearchParams(window.location.search);

// Put the URL's filters back into the form.
for (const [name, value] of params) {
  const input = form.elements.namedItem(name);
  if (!input) continue;
  if (input.type === "checkbox") input.checked = value === "true";
  else input.value = value;
}
// "Only tasks for my institution" means something only to a member of one (or to a link that
// already carries the filter, so it can be seen and cleared).
const institutionFilter = form.querySelector("[data-institution-filter]");
if (form.elements.institution_only.checked) institutionFilter.hidden = false;
else if ("signedIn" in document.body.dataset) {
  api("me/memberships/").then((memberships) => { institutionFilter.hidden = !memberships.length; }).catch(() => {});
}

// Skills are filtered by name, as printed on the chips: the URL reads ?skills=Data analysis,Python.
const skillsValue = form.querySelector("[data-skills-value]");
const picker = skillsPicker(form.querySelector("[data-skills-picker]"), {
  levels: false,
  onChange: (chosen) => { skillsValue.value = chosen.map((s) => s.name).join(","); },
});
picker.set((params.get("skills") || "").split(",").map((name) => name.trim()).filter(Boolean));

// On a phone the filters fold away under the results count; the button opens them.
const toggle = document.querySelector("[data-filters-toggle]");
const active = [...params].filter(([name, value]) => value && name !== "ordering").length;
if (active) toggle.textContent = `Filters (${active})`;
toggle.addEventListener("click", () => {
  const open = form.classList.toggle("filters-collapsed") === false;
  toggle.setAttribute("aria-expanded", String(open));
  if (open) form.querySelector("input, select")?.focus();
});

// Empty fields stay out of the URL, so shared links stay short.
form.addEventListener("submit", () => {
  form.querySelectorAll("[data-skill-search]").forEach((input) => { input.disabled = true; });
  for (const input of form.querySelectorAll("input, select")) {
    if (!input.value || (input.type === "checkbox" && !input.checked)) input.disabled = true;
  }
});

const query = new URLSearchParams();
for (const [name, value] of params) if (value) query.set(name, value);
if (query.get("q") && !params.get("ordering")) query.set("ordering", "relevance");

async function load(url) {
  const before = list.children.length;
  try {
    const [data, featured] = await Promise.all([api(url), featuredTasks()]);
    if (!data.results.length && !list.children.length) {
      countNode.textContent = "No tasks match.";
      list.after(emptyState("No open tasks match these filters. Try fewer filters or another search word.", { href: "/tasks/", text: "See all open tasks" }));
    } else {
      const n = data.count_capped ? "1000+" : String(data.count);
      countNode.textContent = `${n} open ${data.count === 1 ? "task" : "tasks"}`;
      list.append(...data.results.map((task) => taskCard(task, { headingLevel: "h2", featuredBy: featured[task.id] })));
    }
    more.hidden = !data.next;
    more.dataset.next = data.next || "";
    return before;
  } catch (error) {
    countNode.textContent = "";
    errorNode.textContent = `The tasks could not be loaded. ${errorText(error)}`;
    errorNode.hidden = false;
    errorNode.setAttribute("role", "alert");
    return null;
  }
}

more.addEventListener("click", async () => {
  const before = await load(more.dataset.next);
  // Focus stays on "Show more" while there is more, then moves to the first new task's link.
  if (before === null) return;
  if (!more.hidden) more.focus();
  else list.children[before]?.querySelector("a")?.focus();
});
load(`tasks/?${query.toString()}`);
