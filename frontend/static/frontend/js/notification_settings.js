// /settings/notifications/: GET and PATCH /api/v1/me/notification-preferences/.
import { api, clearErrors, showErrors, showLoadError } from "./api.js";
import { dateTime, el } from "./ui.js";

const form = document.querySelector("[data-preferences-form]");
const status = form.querySelector("[data-status]");
const BOOLEANS = ["saved_search_digest", "recommendation_digest", "nudges", "report_back_prompts", "invitations"];

function showPreferences(prefs) {
  for (const name of BOOLEANS) form.elements[name].checked = Boolean(prefs[name]);
  form.elements.recommendation_threshold.value = prefs.recommendation_threshold;
}

// The form waits for the saved choices: a box ticked before they arrive would be overwritten.
const controls = [...form.elements];
controls.forEach((control) => { control.disabled = true; });
api("me/notification-preferences/").then((prefs) => {
  showPreferences(prefs);
  controls.forEach((control) => { control.disabled = false; });
}).catch(showLoadError);

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(form);
  const body = Object.fromEntries(BOOLEANS.map((name) => [name, form.elements[name].checked]));
  body.recommendation_threshold = Number(form.elements.recommendation_threshold.value || 0);
  try {
    showPreferences(await api("me/notification-preferences/", { method: "PATCH", body }));
    status.textContent = "Saved.";
  } catch (error) {
    showErrors(form, error);
  }
});

// Reminders (nudges): snooze one for a week, or turn it off.
const reminders = document.querySelector("[data-reminders]");
const reminderStatus = document.querySelector("[data-reminder-status]");

function reminderButton(nudge, label, path, body) {
  const button = el("button", { type: "button", class: "button-secondary", text: label });
  button.addEventListener("click", async () => {
    try {
      await api(`nudges/${nudge.id}/${path}/`, { method: "POST", body });
      reminderStatus.textContent = `${nudge.label}: ${label.toLowerCase()} done.`;
      loadReminders();
    } catch (error) {
      reminderStatus.textContent = error.message;
    }
  });
  return button;
}

async function loadReminders() {
  const rows = await api("me/nudges/");
  reminders.replaceChildren(...rows.map((nudge) => el("li", {},
    el("p", { text: nudge.label }),
    el("p", { class: "muted small", text: nudge.state === "off" ? "Turned off" : nudge.snoozed_until ? `Snoozed until ${dateTime(nudge.snoozed_until)}` : `${nudge.state === "sent" ? "Sent" : "Due"} ${dateTime(nudge.due_at)}` }),
    nudge.state === "off" ? null : el("div", { class: "actions" },
      reminderButton(nudge, "Snooze a week", "snooze", { days: 7 }),
      reminderButton(nudge, "Turn off", "turn-off")))));
  if (!rows.length) reminderStatus.textContent = "No reminders yet.";
}

loadReminders().catch(showLoadError);
