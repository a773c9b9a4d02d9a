// /tasks/new/ and /tasks/<id>/edit/: create or edit through POST/PATCH /api/v1/tasks/.
import { api, sendForm, showLoadError } from "./api.js";
import { skillsPicker } from "./skills-picker.js";
import { percent } from "./task_card.js";
import { money } from "./ui.js";

const form = document.querySelector("[data-task-form]");
const taskId = form.dataset.taskId;
// The whole catalogue through type-ahead; the task's own skills stay chosen until removed.
const picker = skillsPicker(form.querySelector("[data-skills-picker]"), { levels: false, allowNew: true });

function fillForm(task) {
  for (const name of ["title", "description", "estimated_hours", "slots", "location", "what_you_gain", "stipend_currency"]) {
    form.elements[name].value = task[name] ?? "";
  }
  form.elements.deadline.value = task.deadline || "";
  form.elements.is_remote.checked = task.is_remote;
  form.elements.stipend.value = task.stipend_amount ? (task.stipend_amount / 100).toFixed(2) : "";
  const questions = form.querySelectorAll("[name=question]");
  task.questions.forEach((q, i) => { if (questions[i]) questions[i].value = q; });
  if (task.level) form.elements.level.value = task.level;
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
    skill_ids: picker.value().map((s) => s.id).filter(Boolean),
    level: form.elements.level.value || "some_experience",
  };
}

// The form names the stipend field "stipend" and the skills input "t-skills"; the API calls
// them stipend_amount and skill_ids.
const FORM_NAMES = { stipend_amount: "stipend", skill_ids: "t-skills" };

// A mentor with no display name is asked for it here (a published task must show a name, not
// "member-c73f8e"): saved to the profile before the task is published.
const nameField = form.querySelector("[data-name-field]");
const NAME_NEEDED = "Add your name: drafters see it on your task before they apply.";

async function saveName(publish) {
  if (nameField.hidden) return;
  const name = form.elements.display_name.value.trim();
  if (name) {
    await api("me/", { method: "PATCH", body: { display_name: name } });
    nameField.hidden = true;
  } else if (publish) {
    throw Object.assign(new Error(NAME_NEEDED), { fields: { display_name: [NAME_NEEDED] } });
  }
}

function save(publish) {
  return sendForm(form, async () => {
    const body = payload();
    try {
      await saveName(publish);
      const task = taskId
        ? await api(`tasks/${taskId}/`, { method: "PATCH", body })
        : await api("tasks/", { method: "POST", body });
      const publishing = publish && (task.allowed_actions || []).includes("publish");
      if (publishing) await api(`tasks/${task.id}/publish/`, { method: "POST" });
      window.location.assign(`/tasks/${task.id}/?${publishing ? "published" : "saved"}=1`);
    } catch (error) {
      if (error.fields && error.fields.display_name) nameField.hidden = false;
      for (const [apiName, name] of Object.entries(FORM_NAMES)) {
        if (error.fields && error.fields[apiName]) error.fields[name] = error.fields[apiName];
      }
      throw error;
    }
  });
}

// "You pay $150.00; the drafter receives $135.00 after the 10% platform fee", quoted by the
// server (GET /api/v1/config/stipend-quote/) with the payout's own arithmetic.
const feeQuote = form.querySelector("[data-fee-quote]");
let quoteTimer = null;
async function quoteFee() {
  const amount = Math.round(Number(form.elements.stipend.value) * 100);
  const currency = form.elements.stipend_currency.value;
  if (!(amount > 0)) { feeQuote.hidden = true; return; }
  try {
    const quote = await api(`config/stipend-quote/?amount=${amount}`);
    if (Math.round(Number(form.elements.stipend.value) * 100) !== amount) return;  // typed on
    feeQuote.textContent = `You pay ${money(quote.amount, currency)}; the drafter receives ${money(quote.stipend_after_fee, currency)} after the ${percent(quote.platform_fee_percent)} platform fee.`;
    feeQuote.hidden = false;
  } catch {
    feeQuote.hidden = true;  // out of range: saving says why, next to the field
  }
}
for (const name of ["stipend", "stipend_currency"]) {
  form.elements[name].addEventListener("input", () => { clearTimeout(quoteTimer); quoteTimer = setTimeout(quoteFee, 250); });
}

form.addEventListener("submit", (event) => { event.preventDefault(); save(false); });
form.querySelector("[data-publish]").addEventListener("click", () => save(true));

async function main() {
  const me = await api("me/");
  if (!(me.display_name || "").trim()) {
    nameField.hidden = false;
    form.elements.display_name.required = true;
  }
  if (taskId) {
    const task = await api(`tasks/${taskId}/`);
    fillForm(task);
    quoteFee();
    picker.set(task.skills);
    // A draft can still be published; a published task only saves changes.
    const canPublish = (task.allowed_actions || []).includes("publish");
    form.querySelector("[data-publish]").hidden = !canPublish;
    const submit = form.querySelector("[data-submit]");
    submit.textContent = canPublish ? "Save draft" : "Save changes";
    // Once published, saving changes is the main act.
    if (!canPublish) submit.classList.remove("button-secondary");
    document.title = `Edit “${task.title}” · Slipstream`;
  }
}

main().catch((error) => showLoadError(error));
