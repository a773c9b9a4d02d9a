// The onboarding wizard: about you → skills → (drafters) a first piece of work → (mentors)
// offers from drafters → a next step. Every step can be skipped. Opening it saves nothing: the
// wizard is done on Finish or "Skip setup"; until then the dashboard links back here, and a
// reload resumes at the first step not yet answered or skipped. Once done, the page opens on
// "You're set up" (where to next), and each step can be gone through again on its own.
import { api, clearErrors, showErrors, showLoadError } from "./api.js";
import { fillProfileForm, readProfileForm } from "./profile-form.js";
import { skillsPicker } from "./skills-picker.js";
import { showUploadLimits, uploadPortfolioItem } from "./portfolio-upload.js";
import { el, fill, plural } from "./ui.js";

// Steps by their number in the page: 1 about you, 2 skills, 3 a first piece of work, 4 offers.
const TITLES = { 1: "About you", 2: "Skills", 3: "First piece of work", 4: "Offers from drafters" };
const progress = document.querySelector("[data-progress]");
const progressLabel = document.querySelector("[data-progress-label]");
const profileForm = document.querySelector("[data-profile-form]");
// What the person typed before their profile finished loading: the stored values must not
// overwrite it (a name typed fast, then Continue, came back empty and was refused).
const typedEarly = new Map();
profileForm.addEventListener("input", (event) => {
  if (event.target.matches("input:not([type=radio]):not([type=checkbox]), textarea")) typedEarly.set(event.target.name, event.target.value);
});
const portfolioForm = document.querySelector("[data-portfolio-form]");
const offerForm = document.querySelector("[data-offer-form]");
const setUpView = document.querySelector("[data-step=setup]");
const progressBox = document.querySelector(".wizard-progress");
let me = null;
// The page shell knows whether the wizard was finished: then it opens on the set-up view.
let current = document.querySelector("[data-welcome]").hasAttribute("data-set-up") ? "setup" : "1";
// Going through one step again from the set-up view: saving or skipping it returns there.
let rerun = false;

// The steps this person is asked, in order: a portfolio piece for drafters, offer settings for
// mentors (someone who does both sees both).
function steps() {
  const mentor = Boolean(me && me.wants_to_mentor);
  const drafter = !me || me.wants_to_draft || !mentor;
  return ["1", "2", ...(drafter ? ["3"] : []), ...(mentor ? ["4"] : [])];
}

function go(step, focus = true) {
  const order = steps();
  const index = order.indexOf(step);
  if (index < 0) { finish().catch(showLoadError); return; }
  current = step;
  // Going through one step again is not a walk through the wizard: no "Step 2 of 3", and the
  // page head says what this is (it said "You're set up" above a form).
  progressBox.hidden = rerun;
  if (rerun) {
    document.querySelector("[data-welcome-heading]").textContent = "Going through one step again";
    document.querySelector("[data-lead]").textContent = `${TITLES[step]}: save to keep your changes, or skip to leave it as it was.`;
  }
  document.querySelectorAll("[data-step]").forEach((section) => {
    section.hidden = section.dataset.step !== step;
  });
  document.querySelectorAll("[data-step-marker]").forEach((marker) => {
    const at = order.indexOf(marker.dataset.stepMarker);
    marker.hidden = at < 0;
    marker.classList.toggle("done", at >= 0 && at < index);
    marker.classList.toggle("current", at === index);
  });
  // The last step's main button says it ends the wizard.
  portfolioForm.querySelector("[data-portfolio-submit]").textContent = order.at(-1) === "3" ? "Add and finish" : "Add and continue";
  progress.max = order.length;
  progress.value = index + 1;
  progressLabel.textContent = `Step ${index + 1} of ${order.length}: ${TITLES[step]}`;
  if (focus) document.querySelector(`[data-step="${step}"] h2`).focus();
}

// Steps answered or skipped, remembered in this browser so a reload resumes where the person
// left off; what the profile already holds counts as answered too.
// Keyed by the account id: the handle changes when step 1 saves a name.
const passedKey = () => `slipstream-welcome-passed:${me?.id ?? ""}`;
function passedSteps() {
  let stored = [];
  try { stored = JSON.parse(window.localStorage.getItem(passedKey()) || "[]"); } catch { stored = []; }
  const missing = me?.completeness?.missing || [];
  const known = [me?.headline && "1", !missing.includes("skills") && "2", !missing.includes("portfolio") && "3"];
  return new Set([...stored, ...known.filter(Boolean)]);
}
function markPassed(step) {
  try {
    window.localStorage.setItem(passedKey(), JSON.stringify([...passedSteps(), step]));
  } catch { /* private mode: a reload starts at step 1, nothing is lost */ }
}
function firstUnfinished() {
  const order = steps();
  const passed = passedSteps();
  return order.find((step) => !passed.has(step)) || order.at(-1);
}

// "You're set up": where to next, and the steps this person can go through again.
const SET_UP_HEAD = [document.querySelector("[data-welcome-heading]").textContent, document.querySelector("[data-lead]").textContent];
function showSetUp({ saved = false, focus = true } = {}) {
  rerun = false;
  current = "setup";
  [document.querySelector("[data-welcome-heading]").textContent, document.querySelector("[data-lead]").textContent] = SET_UP_HEAD;
  const order = steps();
  document.querySelectorAll("[data-step]").forEach((section) => { section.hidden = section !== setUpView; });
  progressBox.hidden = true;
  setUpView.querySelectorAll("[data-rerun-item]").forEach((item) => { item.hidden = !order.includes(item.dataset.rerunItem); });
  setUpView.querySelector("[data-rerun-saved]").hidden = !saved;
  if (focus) setUpView.querySelector("h2").focus();
}
setUpView.querySelectorAll("[data-rerun]").forEach((button) => {
  button.addEventListener("click", async () => {
    await ready;  // which steps this person has (a mentor's offers step) needs the profile
    rerun = true;
    go(button.dataset.rerun);
  });
});

// The step after the current one, or the end (or, when going through one step again, back to
// the set-up view).
function next() {
  if (rerun) { showSetUp({ saved: true }); return; }
  markPassed(current);
  const order = steps();
  go(order[order.indexOf(current) + 1] || "done");
}

// Who is asked what in step 1: drafters whether mentors may find them (yes preselected),
// mentors what makes them credible (organisation, job title, LinkedIn).
const discoverableQuestion = document.querySelector("[data-discoverable-question]");
const mentorQuestions = document.querySelector("[data-mentor-questions]");
// The headline's hint speaks to the role: a mentor's headline is what drafters trust.
const headlineHelp = document.querySelector("#headline-help");
const HEADLINE_HINTS = {
  mentor: "One line drafters read next to your tasks: your role and what you work on. “Research lead at Acme Health: patient interviews and reports.”",
  drafter: headlineHelp.textContent,
};
function showRoleQuestions() {
  const drafts = profileForm.elements.wants_to_draft.checked;
  const mentors = profileForm.elements.wants_to_mentor.checked;
  discoverableQuestion.hidden = !drafts;
  mentorQuestions.hidden = !mentors;
  headlineHelp.textContent = mentors && !drafts ? HEADLINE_HINTS.mentor : HEADLINE_HINTS.drafter;
}
profileForm.elements.wants_to_draft.addEventListener("change", showRoleQuestions);
profileForm.elements.wants_to_mentor.addEventListener("change", showRoleQuestions);

function discoverableAnswer() {
  return profileForm.querySelector("input[name=discoverable]:checked")?.value !== "false";
}

// The end: say what is next for this person, by role. A drafter who skipped step 1 keeps the
// preselected "yes, let mentors find me". `skipped`: "Skip setup" says so, not "You are set up".
async function finish({ skipped = false } = {}) {
  if (!me) await ready;
  // The end is where this person is now: a page still loading must not reopen step 1 over it.
  current = "done";
  const body = { onboarding_completed: true };
  if (me.wants_to_draft) body.discoverable = discoverableAnswer();
  me = await api("me/", { method: "PATCH", body });
  try { window.localStorage.removeItem(passedKey()); } catch { /* nothing stored */ }
  document.querySelector("[data-skip-all]").closest("p").hidden = true;
  const mentor = me.wants_to_mentor;
  const drafter = me.wants_to_draft || !mentor;
  document.querySelectorAll("[data-step]").forEach((section) => { section.hidden = section.dataset.step !== "done"; });
  // The page's head stops inviting to a setup that is over (a revisit opens on "You're set up").
  progressBox.hidden = true;
  // What is still missing, from the same completeness the dashboard and Settings show, so the
  // end of the wizard never calls a profile ready that the dashboard then calls half done.
  const completeness = me.completeness || { percent: 100, next_step: null };
  const complete = completeness.percent >= 100 || !completeness.next_step;
  document.querySelector("[data-welcome-heading]").textContent = skipped ? "Welcome to Slipstream" : complete ? "Your profile is ready" : "Your profile is saved";
  document.querySelector("#done-heading").textContent = skipped
    ? "Setup skipped — finish it any time from your dashboard or Settings"
    : "You are set up";
  const missing = document.querySelector("[data-done-missing]");
  missing.hidden = complete;
  if (!complete) {
    fill(missing, `Your profile is ${completeness.percent}% complete. Still to do first: `,
      el("a", { href: completeness.next_step.url, text: completeness.next_step.label }), ".");
  }
  document.querySelector("[data-lead]").textContent = "Change anything in Settings, or come back here to go through one step again.";
  const found = me.discoverable
    ? " Mentors whose tasks fit your skills can now find you and invite you."
    : " Mentors cannot find you; you can change that in Settings → Matching.";
  document.querySelector("[data-done-text]").textContent = mentor && !drafter
    ? "Next: post a piece of overflow work. Drafters apply with their work; you choose who helps."
    : `Next: find a task that fits your skills and offer to help. Lead with your work.${me.wants_to_draft && !skipped ? found : ""}`;
  fill(document.querySelector("[data-done-actions]"),
    drafter ? el("a", { class: "button", href: "/for-you/", text: "See tasks that fit you" }) : null,
    mentor ? el("a", { class: drafter ? "button button-secondary" : "button", href: "/tasks/new/", text: "Post a task" }) : null,
    el("a", { class: "button button-secondary", href: `/u/${me.handle}/`, text: "See your profile" }),
    el("a", { class: "button button-secondary", href: "/dashboard/", text: "Go to your dashboard" }),
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
    next();
  } catch (error) {
    showErrors(profileForm, error);
  }
});

// Each skill is saved as it is added, removed or given a level, so Back, a reload or leaving the
// page keeps it. Saves run one after another: the last PUT holds the last list.
let skillsSaving = Promise.resolve(true);
function skillsAutosave() {
  skillsSaving = skillsSaving.then(() => picker.save(), () => picker.save());
  return skillsSaving;
}
const skillsRoot = document.querySelector("[data-skills-picker]");
// A change to the list answers "add one more": the question goes until the next Continue.
const picker = skillsPicker(skillsRoot, { onChange: () => { skillsShort.hidden = true; return skillsAutosave(); } });
skillsRoot.querySelector("[data-skill-list]").addEventListener("change", (event) => {
  if (event.target.matches("select")) skillsAutosave();
});
// Fewer skills than the profile's completeness asks for (the dashboard's "Add at least 3
// skills"): said here, once, with a way on; the API's completeness decides, not a count of ours.
const skillsShort = document.querySelector("[data-skills-short]");
function skillsShortAsk() {
  const count = picker.count();
  const drafter = me.wants_to_draft || !me.wants_to_mentor;
  const text = !count
    ? (drafter ? "Mentors find drafters by their skills: add three or more so they can find you." : "Add the skills you work in: drafters see them on your profile and your tasks.")
    : `Add ${count === 1 ? "two more" : "one more"} so mentors can find you: with three skills a match is likely.`;
  skillsShort.querySelector("[data-skills-short-text]").textContent = text;
  skillsShort.querySelector("[data-skills-anyway]").textContent = count ? `Continue with ${plural(count, "skill")}` : "Continue without skills";
  skillsShort.hidden = false;
  skillsShort.querySelector("[data-skills-short-text]").focus();
}
document.querySelector("[data-skills-next]").addEventListener("click", async () => {
  await skillsSaving;
  if (!(await skillsAutosave())) return;
  me = await api("me/").catch(() => me);  // unreadable: go on, the dashboard will say it
  if ((me.completeness?.missing || []).includes("skills")) { skillsShortAsk(); return; }
  next();
});
document.querySelector("[data-skills-anyway]").addEventListener("click", () => { skillsShort.hidden = true; next(); });

// Skipping a step gone through again changes nothing: back to the set-up view, without "Saved".
const skip = () => (rerun ? showSetUp() : next());
document.querySelector("[data-skip-about]").addEventListener("click", skip);
document.querySelector("[data-skip-skills]").addEventListener("click", skip);
document.querySelector("[data-finish]").addEventListener("click", skip);
document.querySelector("[data-skip-offers]").addEventListener("click", skip);
// "Skip setup": done for now; Settings and the profile prompts lead back to anything left.
document.querySelector("[data-skip-all]").addEventListener("click", () => finish({ skipped: true }).catch(showLoadError));

portfolioForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(portfolioForm);
  try {
    await uploadPortfolioItem(portfolioForm);
    next();
  } catch (error) {
    showErrors(portfolioForm, error);
  }
});

// Offers from drafters (mentors): yes or not now; the cap, topics and note only matter for yes.
const offerTopics = skillsPicker(offerForm.querySelector("[data-skills-picker]"), { levels: false, allowNew: false });
const offerDetails = offerForm.querySelector("[data-offer-details]");
function offersOpen() {
  return offerForm.querySelector("input[name=is_open]:checked")?.value === "true";
}
offerForm.querySelectorAll("input[name=is_open]").forEach((radio) => {
  radio.addEventListener("change", () => { offerDetails.hidden = !offersOpen(); });
});
offerForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(offerForm);
  const cap = offerForm.elements.monthly_cap.value.trim();
  const body = offersOpen()
    ? {
      is_open: true,
      monthly_cap: cap === "" ? 3 : Number(cap),
      note: offerForm.elements.note.value,
      topic_ids: offerTopics.value().map((skill) => skill.id).filter(Boolean),
    }
    : { is_open: false };
  try {
    await api("me/offer-settings/", { method: "PATCH", body });
    next();
  } catch (error) {
    showErrors(offerForm, error);
  }
});

document.querySelectorAll("[data-back]").forEach((button) => {
  button.addEventListener("click", () => {
    if (rerun) { showSetUp(); return; }
    const order = steps();
    go(order[Math.max(0, order.indexOf(current) - 1)]);
  });
});

showUploadLimits(portfolioForm);
// Loading the person; an early "Skip setup" waits for it instead of failing on a missing profile.
const ready = (async () => {
  me = await api("me/");
  fillProfileForm(profileForm, me);
  for (const [name, value] of typedEarly) if (profileForm.elements[name]) profileForm.elements[name].value = value;
  // First time here: "yes" stays preselected (fillProfileForm would show the stored "off").
  if (!me.onboarding_completed) profileForm.querySelector("#discoverable-yes").checked = true;
  showRoleQuestions();
  // The role was chosen at sign-up (from "Start drafting" too): say it, do not ask again.
  const roles = profileForm.querySelector("fieldset.roles");
  const joinedAs = [me.wants_to_draft && "a drafter", me.wants_to_mentor && "a mentor"].filter(Boolean).join(" and ");
  if (roles && joinedAs) roles.replaceWith(el("p", { class: "muted small", "data-joined-as": true, text: `You joined as ${joinedAs}. You can change this in Settings.` }));
  await picker.load();
  if (me.wants_to_mentor) {
    const settings = await api("me/offer-settings/");
    offerForm.querySelector(settings.is_open ? "#offers-open-yes" : "#offers-open-no").checked = true;
    offerForm.elements.monthly_cap.value = settings.monthly_cap;
    offerForm.elements.note.value = settings.note;
    offerTopics.set(settings.topics);
    offerDetails.hidden = !settings.is_open;
  }
  // Already done: the set-up view, with the steps this person has; otherwise resume where they
  // left off (unless they already moved on while the page was loading).
  if (current === "setup") showSetUp({ focus: false });
  else if (current === "1") go(firstUnfinished(), false);
})();
ready.catch(showLoadError);

// "You have confirmed <address>." greets the first view; once the person answers a step it has
// been read, and left above a step's error it read as said a second time (drafter re-walk).
document.addEventListener("submit", () => {
  document.querySelectorAll(".flash-list .flash-success").forEach((flash) => flash.remove());
  document.querySelectorAll(".flash-list:empty").forEach((list) => list.closest(".container")?.remove());
}, { capture: true, once: true });
