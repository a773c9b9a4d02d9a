// The onboarding wizard: profile → skills → first portfolio item, then the public profile.
import { api, clearErrors, showErrors, showLoadError } from "./api.js";
import { fillProfileForm, readProfileForm } from "./profile-form.js";
import { skillsPicker } from "./skills-picker.js";
import { showUploadLimits, uploadPortfolioItem } from "./portfolio-upload.js";

const TITLES = { 1: "About you", 2: "Skills", 3: "First piece of work" };
const progress = document.querySelector("[data-progress]");
const progressLabel = document.querySelector("[data-progress-label]");
const profileForm = document.querySelector("[data-profile-form]");
const portfolioForm = document.querySelector("[data-portfolio-form]");
let handle = "";

function go(step, focus = true) {
  document.querySelectorAll("[data-step]").forEach((section) => {
    section.hidden = section.dataset.step !== String(step);
  });
  document.querySelectorAll("[data-step-marker]").forEach((marker) => {
    const n = Number(marker.dataset.stepMarker);
    marker.classList.toggle("done", n < step);
    marker.classList.toggle("current", n === step);
  });
  progress.value = step;
  progressLabel.textContent = `Step ${step} of 3: ${TITLES[step]}`;
  if (focus) document.querySelector(`[data-step="${step}"] h2`).focus();
}

async function finish() {
  await api("me/", { method: "PATCH", body: { onboarding_completed: true } });
  window.location.assign(`/u/${handle}/`);
}

profileForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(profileForm);
  try {
    const me = await api("me/", { method: "PATCH", body: readProfileForm(profileForm) });
    handle = me.handle;
    go(2);
  } catch (error) {
    showErrors(profileForm, error);
  }
});

const pickerRoot = document.querySelector("[data-skills-picker]");
const picker = skillsPicker(pickerRoot);
document.querySelector("[data-skills-next]").addEventListener("click", async () => {
  if (await picker.save()) go(3);
});

portfolioForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(portfolioForm);
  try {
    await uploadPortfolioItem(portfolioForm);
    await finish();
  } catch (error) {
    showErrors(portfolioForm, error);
  }
});

document.querySelectorAll("[data-back]").forEach((button) => {
  button.addEventListener("click", () => go(Number(button.dataset.back)));
});
document.querySelector("[data-finish]").addEventListener("click", finish);

showUploadLimits(portfolioForm);
(async () => {
  const me = await api("me/");
  handle = me.handle;
  fillProfileForm(profileForm, me);
  await picker.load();
  go(1, false);
})().catch(showLoadError);
