// On /tasks/: save the browse query now in the address bar (POST /api/v1/me/saved-searches/);
// new matches then arrive in the daily e-mail.
import { api, clearErrors, showErrors } from "./api.js";

const form = document.querySelector("[data-save-search]");
const status = form.querySelector("[data-save-status]");
const FIELDS = ["q", "skills", "paid", "min_hours", "max_hours", "remote", "deadline_before", "institution_only", "ordering"];

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(form);
  const params = new URLSearchParams(window.location.search);
  const query = Object.fromEntries(FIELDS.filter((f) => params.get(f)).map((f) => [f, params.get(f)]));
  try {
    const saved = await api("me/saved-searches/", { method: "POST", body: { name: form.elements.name.value, query } });
    status.replaceChildren(`Saved “${saved.name}”. New matches arrive in your daily e-mail — `);
    const link = document.createElement("a");
    link.href = "/saved-searches/";
    link.textContent = "see your saved searches";
    status.append(link, ".");
    form.elements.name.value = "";
  } catch (error) {
    showErrors(form, error.fields && error.fields.query ? { ...error, fields: { name: ["Check the filters above, then save again."] } } : error);
  }
});
