// /settings/notifications/: GET and PATCH /api/v1/me/notification-preferences/.
import { api, clearErrors, showErrors, showLoadError } from "./api.js";

const form = document.querySelector("[data-preferences-form]");
const status = form.querySelector("[data-status]");
const BOOLEANS = ["discoverable", "saved_search_digest", "recommendation_digest", "nudges", "report_back_prompts", "invitations"];

function fill(prefs) {
  for (const name of BOOLEANS) form.elements[name].checked = Boolean(prefs[name]);
  form.elements.recommendation_threshold.value = prefs.recommendation_threshold;
}

api("me/notification-preferences/").then(fill).catch(showLoadError);

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(form);
  const body = Object.fromEntries(BOOLEANS.map((name) => [name, form.elements[name].checked]));
  body.recommendation_threshold = Number(form.elements.recommendation_threshold.value || 0);
  try {
    fill(await api("me/notification-preferences/", { method: "PATCH", body }));
    status.textContent = "Saved.";
  } catch (error) {
    showErrors(form, error);
  }
});
