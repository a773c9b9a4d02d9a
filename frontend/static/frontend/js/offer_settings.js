// The "Offers from drafters" section of /settings/: open or closed, the monthly cap, the topics
// offers are welcome on and a note (GET/PATCH /api/v1/me/offer-settings/).
import { api, clearErrors, showErrors, showLoadError, siteConfig, textLimit } from "./api.js";
import { formProblems } from "./form_check.js";
import { skillsPicker } from "./skills-picker.js";

const section = document.querySelector("[data-offer-settings]");
const form = section.querySelector("[data-offer-settings-form]");
const status = section.querySelector("[data-offer-settings-status]");
const topics = skillsPicker(section.querySelector("[data-skills-picker]"), { levels: false, allowNew: false });

function show(settings) {
  form.elements.is_open.checked = settings.is_open;
  form.elements.monthly_cap.value = settings.monthly_cap;
  form.elements.note.value = settings.note;
  topics.set(settings.topics);
}

// The cap is always sent: an empty one is not "no limit" but a missing answer.
form.elements.monthly_cap.required = true;
const CAP = "Choose between 1 and 10 offers a month.";

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(form);
  const problems = formProblems(form, {
    monthly_cap: { valueMissing: CAP, rangeUnderflow: CAP, rangeOverflow: CAP, stepMismatch: CAP, badInput: CAP },
    note: { tooLong: `Keep the note to ${form.elements.note.maxLength} characters.` },
  });
  if (problems) {
    status.textContent = "";
    showErrors(form, problems);
    return;
  }
  const cap = form.elements.monthly_cap.value;
  const body = {
    is_open: form.elements.is_open.checked,
    monthly_cap: cap === "" ? null : Number(cap),
    note: form.elements.note.value,
    topic_ids: topics.value().map((skill) => skill.id).filter(Boolean),
  };
  try {
    show(await api("me/offer-settings/", { method: "PATCH", body }));
    status.textContent = body.is_open ? "Saved. Drafters can now offer to help you." : "Saved. You are not taking offers.";
  } catch (error) {
    status.textContent = "";
    showErrors(form, error);
  }
});

// The note's limit comes from /api/v1/config/: the settings page shell renders only the
// profile form's limits as attributes.
siteConfig().then((config) => {
  const limit = textLimit(config, "offer_settings.note");
  if (limit) form.elements.note.maxLength = Number(limit);
});
api("me/offer-settings/").then(show).catch((error) => showLoadError(error, status));
