// The onboarding wizard: about you → skills → (drafters only) a first piece of work → a next
// step. Every step can be skipped. Opening it once counts as seen, so nobody is sent back here on
// each login; Settings and the dashboard's profile prompt lead back to anything skipped.
import { api, clearErrors, showErrors, showLoadError } from "./api.js";
import { fillProfileForm, readProfileForm } from "./profile-form.js";
import { skillsPicker } from "./skills-picker.js";
import { showUploadLimits, uploadPortfolioItem } from "./portfolio-upload.js";
import { el, fill } from "./ui.js";

const TITLES = { 1: "About you", 2: "Skills", 3: "First piece of work" };
const progress = document.querySelector("[data-progress]");
const progressLabel = document.querySelector("[data-progress-label]");
const profileForm = document.querySelector("[data-profile-form]");
const portfolioForm = document.querySelector("[data-portfolio-form]");
let me = null;

// Mentors who do not draft are not asked for a portfolio piece.
function wantsPortfolio() {
  return !(me && me.wants_to_mentor && !me.wants_to_draft);
}

function total() {
  return wantsPortfolio() ? 3 : 2;
}

function go(step, focus = true) {
  if (step === 3 && !wantsPortfolio()) { finish(); return; }
  document.querySelectorAll("[data-step]").forEach((section) => {
    section.hidden = section.dataset.step !== String(step);
  });
  document.querySelectorAll("[data-step-marker]").forEach((marker) => {
    const n = Number(marker.dataset.stepMarker);
    marker.classList.toggle("done", n < step);
    marker.classList.toggle("current", n === step);
  });
  document.querySelector("[data-portfolio-marker]").hidden = !wantsPortfolio();
  progress.max = total();
  progress.value = step;
  progressLabel.textContent = `Step ${step} of ${total()}: ${TITLES[step]}`;
  if (focus) document.querySelector(`[data-step="${step}"] h2`).focus();
}

// Who is asked what in step 1: drafters whether mentors may find them (yes preselected),
// mentors what makes them credible (organisation, job title, LinkedIn).
const discoverableQuestion = document.querySelector("[data-discoverable-question]");
const mentorQuestions = document.querySelector("[data-mentor-questions]");
function showRoleQuestions() {
  discoverableQuestion.hidden = !profileForm.elements.wants_to_draft.checked;
  mentorQuestions.hidden = !profileForm.elements.wants_to_mentor.checked;
}
profileForm.elements.wants_to_draft.addEventListener("change", showRoleQuestions);
profileForm.elements.wants_to_mentor.addEventListener("change", showRoleQuestions);

function discoverableAnswer() {
  return profileForm.querySelector("input[name=discoverable]:checked")?.value !== "false";
}

// The end: say what is next for this person, by role. A drafter who skipped step 1 keeps the
// preselected "yes, let mentors find me".
async function finish() {
  const body = { onboarding_completed: true };
  if (me.wants_to_draft) body.discoverable = discoverableAnswer();
  me = await api("me/", { method: "PATCH", body });
  const mentor = me.wants_to_mentor;
  const drafter = me.wants_to_draft || !mentor;
  document.querySelectorAll("[data-step]").forEach((section) => { section.hidden = section.dataset.step !== "done"; });
  progress.value = progress.max;
  progressLabel.textContent = "All steps done";
  const found = me.discoverable
    ? " Mentors whose tasks fit your skills can now find you and invite you."
    : " Mentors cannot find you; you can change that in Settings → Matching.";
  document.querySelector("[data-done-text]").textContent = mentor && !drafter
    ? "Next: post a piece of overflow work. Drafters apply with their work; you choose who helps."
    : `Next: find a task that fits your skills and offer to help. Lead with your work.${me.wants_to_draft ? found : ""}`;
  fill(document.querySelector("[data-done-actions]"),
    drafter ? el("a", { class: "button", href: "/for-you/", text: "See tasks that fit you" }) : null,
    mentor ? el("a", { class: drafter ? "button button-secondary" : "button", href: "/tasks/new/", text: "Post a task" }) : null,
    el("a", { class: "button button-secondary", href: `/u/${me.handle}/`, text: "See your profile" }),
    mentor && !me.verified_work_domain ? el("a", { class: "button button-secondary", href: "/accounts/email/", text: "Confirm a work e-mail address" }) : null);
  document.querySelector("[data-step=done] h2").focus();
}

profileForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(profileForm);
  const body = readProfileForm(profileForm);
  // Questions for a role the person does not take are not sent.
  if (discoverableQuestion.hidden) delete body.discoverable;
  if (mentorQuestions.hidden) for (const name of ["organisation", "job_title", "linkedin_url"]) delete body[name];
  if (!body.display_name) {
    showErrors(profileForm, { fields: { display_name: ["Add your name: it is the first thing people see."] } });
    return;
  }
  try {
    me = await api("me/", { method: "PATCH", body });
    go(2);
  } catch (error) {
    showErrors(profileForm, error);
  }
});

const picker = skillsPicker(document.querySelector("[data-skills-picker]"));
document.querySelector("[data-skills-next]").addEventListener("click", async () => {
  if (await picker.save()) go(3);
});
document.querySelector("[data-skip]").addEventListener("click", () => go(2));
document.querySelector("[data-skip-skills]").addEventListener("click", () => go(3));

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
document.querySelector("[data-finish]").addEventListener("click", () => finish().catch(showLoadError));

showUploadLimits(portfolioForm);
(async () => {
  me = await api("me/");
  fillProfileForm(profileForm, me);
  // First time here: "yes" stays preselected (fillProfileForm would show the stored "off").
  if (!me.onboarding_completed) profileForm.querySelector("#discoverable-yes").checked = true;
  showRoleQuestions();
  // The role was chosen at sign-up (from "Start drafting" too): say it, do not ask again.
  const roles = profileForm.querySelector("fieldset.roles");
  const joinedAs = [me.wants_to_draft && "a drafter", me.wants_to_mentor && "a mentor"].filter(Boolean).join(" and ");
  if (roles && joinedAs) roles.replaceWith(el("p", { class: "muted small", "data-joined-as": true, text: `You joined as ${joinedAs}. You can change this in Settings.` }));
  await picker.load();
  go(1, false);
  // Seen once is enough: the login redirect stops sending this person here. A drafter is saved
  // as the "yes" the question shows preselected, so leaving the wizard early never hides them
  // from mentors while the page said otherwise (they can answer "no" here or in Settings).
  if (!me.onboarding_completed) {
    const first = me.wants_to_draft ? { onboarding_completed: true, discoverable: true } : { onboarding_completed: true };
    me = await api("me/", { method: "PATCH", body: first });
  }
})().catch(showLoadError);
