// /tasks/new/ and /tasks/<id>/edit/: create or edit through POST/PATCH /api/v1/tasks/.
import { api, clearErrors, showErrors, showLoadError } from "./api.js";
import { el, fill } from "./ui.js";

const form = document.querySelector("[data-task-form]");
const taskId = form.dataset.taskId;
const skillBox = form.querySelector("[data-skill-options]");

async function loadSkills(selected) {
  try {
    const data = await api("skills/?limit=50");
    const skills = Array.isArray(data) ? data : data.results || [];
    if (!skills.length) return;
    fill(skillBox, skills.map((skill) => el("div", { class: "check" },
      el("input", { type: "checkbox", id: `sk-${skill.id}`, name: "skill_ids", value: String(skill.id), checked: selected.has(skill.id) }),
      el("label", { for: `sk-${skill.id}`, text: skill.name }))));
    form.querySelector("[data-skills-fieldset]").hidden = false;
  } catch {
    // The skill catalogue is optional for posting a task.
  }
}

function fillForm(task) {
  for (const name of ["title", "description", "estimated_hours", "slots", "location", "what_you_gain", "stipend_currency"]) {
    form.elements[name].value = task[name] ?? "";
  }
  form.elements.deadline.value = task.deadline || "";
  form.elements.is_remote.checked = task.is_remote;
  form.elements.stipend.value = task.stipend_amount ? (task.stipend_amount / 100).toFixed(2) : "";
  const questions = form.querySelectorAll("[name=question]");
  task.questions.forEach((q, i) => { if (questions[i]) questions[i].value = q; });
}

function payload() {
  const stipend = form.elements.stipend.value;
  return {
    title: form.elements.title.value,
    description: form.elements.description.value,
    estimated_hours: Number(form.elements.estimated_hours.value) || null,
    slots: Number(form.elements.slots.value) || 1,
    deadline: form.elements.deadline.value || null,
    is_remote: form.elements.is_remote.checked,
    location: form.elements.location.value,
    stipend_amount: stipend ? Math.round(Number(stipend) * 100) : null,
    stipend_currency: form.elements.stipend_currency.value,
    what_you_gain: form.elements.what_you_gain.value,
    questions: [...form.querySelectorAll("[name=question]")].map((i) => i.value.trim()).filter(Boolean),
    skill_ids: [...form.querySelectorAll("[name=skill_ids]:checked")].map((i) => Number(i.value)),
  };
}

async function save(publish) {
  clearErrors(form);
  try {
    const body = payload();
    const task = taskId
      ? await api(`tasks/${taskId}/`, { method: "PATCH", body })
      : await api("tasks/", { method: "POST", body });
    if (publish && (task.allowed_actions || []).includes("publish")) await api(`tasks/${task.id}/publish/`, { method: "POST" });
    window.location.assign(`/tasks/${task.id}/`);
  } catch (error) {
    // The form names the stipend field "stipend"; the API calls it stipend_amount.
    if (error.fields && error.fields.stipend_amount) error.fields.stipend = error.fields.stipend_amount;
    showErrors(form, error);
  }
}

form.addEventListener("submit", (event) => { event.preventDefault(); save(false); });
form.querySelector("[data-publish]").addEventListener("click", () => save(true));

async function main() {
  let selected = new Set();
  if (taskId) {
    const task = await api(`tasks/${taskId}/`);
    fillForm(task);
    selected = new Set(task.skills.map((s) => s.id));
    // A draft can still be published; a published task only saves changes.
    const canPublish = (task.allowed_actions || []).includes("publish");
    form.querySelector("[data-publish]").hidden = !canPublish;
    form.querySelector("[data-submit]").textContent = canPublish ? "Save draft" : "Save changes";
  }
  await loadSkills(selected);
}

main().catch((error) => showLoadError(error));
