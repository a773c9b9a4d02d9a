// "Feature for my students" on a task page (career-office staff of a live institution): one
// button that says whether the task is already featured.
import { api } from "./api.js";

const box = document.querySelector("[data-feature-task]");
const button = box.querySelector("[data-feature-button]");
const note = box.querySelector("[data-feature-status]");
const taskId = Number(box.dataset.taskId);

async function start() {
  let featured;
  try {
    featured = await api("careers/featured-tasks/");
  } catch {
    return; // not staff of a live office (yet): nothing to offer
  }
  box.hidden = false;
  const mine = featured.results.find((f) => f.task.id === taskId && f.active !== false);
  if (mine) { button.hidden = true; note.textContent = "Featured for your students."; }
}

button.addEventListener("click", async () => {
  button.disabled = true;
  try {
    await api("careers/featured-tasks/", { method: "POST", body: { task_id: taskId } });
    button.hidden = true;
    note.textContent = "Featured for your students. See all featured tasks on your career-office page.";
  } catch (error) {
    note.textContent = error.message;
    button.disabled = false;
  }
});

start();
