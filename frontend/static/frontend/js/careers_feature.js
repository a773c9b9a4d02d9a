// "For your students" on a task page (career-office staff): whether the office features the
// task, by whom; admins feature it or stop featuring it here, with the result said in place;
// viewers see the state read-only (featuring is the admins' call, as the API enforces).
import { allPages, api } from "./api.js";
import { date, el, fill } from "./ui.js";

const box = document.querySelector("[data-feature-task]");
const actions = box.querySelector("[data-feature-actions]");
const state = box.querySelector("[data-feature-state]");
const note = box.querySelector("[data-feature-status]");
const problem = box.querySelector("[data-feature-error]");
const taskId = Number(box.dataset.taskId);

function button(text, onclick, className = "button-secondary") {
  return el("button", { type: "button", class: className, text, onclick });
}

function draw(featured, admin) {
  if (featured) {
    state.textContent = `Featured for your students since ${date(featured.created_at)}${featured.featured_by ? ` by ${featured.featured_by}` : ""}.`;
  } else {
    state.textContent = "Not featured for your students.";
  }
  if (!admin) {
    fill(actions, el("p", { class: "muted small", text: "Your office's admins feature tasks and stop featuring them." }));
    return;
  }
  fill(actions, featured
    ? button("Stop featuring", () => act(() => api(`careers/featured-tasks/${featured.id}/`, { method: "DELETE" }), null,
      "No longer featured: your students no longer see the badge on this task."))
    : button("Feature for your students", async () => act(
      () => api("careers/featured-tasks/", { method: "POST", body: { task_id: taskId } }), true,
      // The state line above already says "Featured for your students since …": not again here.
      "Done: your students now see “Featured by your career office” on this task and in their recommendations.")));
}

async function act(request, featuring, done) {
  const pressed = actions.querySelector("button");
  pressed.disabled = true;
  problem.hidden = true;
  try {
    const answer = await request();
    draw(featuring ? answer : null, true);
    note.textContent = done;
  } catch (error) {
    note.textContent = "";
    problem.textContent = error.message;
    problem.hidden = false;
    pressed.disabled = false;
  }
}

async function start() {
  let office;
  try {
    office = await api("careers/institution/");
  } catch {
    // Not live yet (or no longer staff): nothing to feature with.
    state.textContent = "Featuring tasks for your students opens once Slipstream approves your office.";
    box.hidden = false;
    return;
  }
  const rows = await allPages("careers/featured-tasks/").catch(() => []);
  draw(rows.find((f) => f.task.id === taskId && f.active !== false) || null, office.viewer_role === "admin");
  box.hidden = false;
}

start();
