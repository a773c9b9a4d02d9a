// On /tasks/: save the browse query now in the address bar (POST /api/v1/me/saved-searches/);
// new matches then arrive in the daily e-mail.
import { api, clearErrors, showErrors } from "./api.js";
import { announce } from "./ui.js";

const form = document.querySelector("[data-save-search]");
const status = form.querySelector("[data-save-status]");
const FIELDS = ["q", "skills", "paid", "min_hours", "max_hours", "remote", "deadline_before", "institution_only", "ordering"];
// The address bar holds text; the API's JSON takes numbers and true/false where the schema says.
const NUMBERS = new Set(["min_hours", "max_hours"]);
const FLAGS = new Set(["paid", "remote", "institution_only"]);

function typed(field, value) {
  if (NUMBERS.has(field)) return Number(value);
  if (FLAGS.has(field)) return value === "true" || value === "1" || value === "on";
  return value;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(form);
  const params = new URLSearchParams(window.location.search);
  const query = Object.fromEntries(FIELDS.filter((f) => params.get(f)).map((f) => [f, typed(f, params.get(f))]));
  try {
    const saved = await api("me/saved-searches/", { method: "POST", body: { name: form.elements.name.value, query } });
    announce(status, `Saved “${saved.name}”. New matches arrive in your daily e-mail.`, { href: "/saved-searches/", text: "See your saved searches" });
    form.elements.name.value = "";
  } catch (error) {
    showErrors(form, error.fields && error.fields.query ? { ...error, fields: { name: ["Check the filters above, then save again."] } } : error);
  }
});
