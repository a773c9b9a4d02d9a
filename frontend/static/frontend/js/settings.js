// /settings/: profile, photo, skills and account deletion, all through /api/v1/.
import { api, clearErrors, showErrors, showLoadError } from "./api.js";
import { formProblems } from "./form_check.js";
import { announce, el, fill } from "./ui.js";
import { fillProfileForm, readProfileForm } from "./profile-form.js";
import { skillsPicker } from "./skills-picker.js";

const profileForm = document.querySelector("[data-profile-form]");
const profileStatus = document.querySelector("[data-profile-status]");
const avatarForm = document.querySelector("[data-avatar-form]");
const avatarImg = document.querySelector("[data-avatar-img]");
const avatarRemove = document.querySelector("[data-avatar-remove]");
const avatarStatus = document.querySelector("[data-avatar-status]");
const deleteForm = document.querySelector("[data-delete-form]");
const handlePreview = document.querySelector("[data-handle-preview]");

function showCompleteness(me) {
  const box = document.querySelector("[data-completeness]");
  const { percent, next_step: next } = me.completeness;
  box.hidden = false;
  box.querySelector("[data-completeness-text]").textContent = `Your profile is ${percent}% complete`;
  box.querySelector("[data-completeness-bar]").dataset.percent = String(Math.round(percent / 10) * 10);
  const nextStep = box.querySelector("[data-next-step]");
  fill(nextStep, next ? ["Next: ", el("a", { href: next.url, text: next.label })] : "Everything is filled in. Nice work.");
}

function showAvatar(me) {
  avatarImg.hidden = !me.avatar_url;
  avatarRemove.hidden = !me.avatar_url;
  if (me.avatar_url) avatarImg.src = me.avatar_url;
}

function showHandle(me) {
  handlePreview.textContent = `${window.location.origin}/u/${me.handle}/`;
  // A handle may be chosen once: after that the field is read-only and says why.
  profileForm.elements.handle.readOnly = !me.handle_changeable;
  document.querySelector("[data-handle-rule]").textContent = me.handle_changeable
    ? "You can change it once; links to the old address keep working."
    : "You have changed it once already, so it stays: links you shared keep working.";
}

// Sections by role: a drafter-only person sees no mentor settings (a line says how to get them),
// a mentor-only person no "let mentors find me"; ticking a role above shows its sections at once.
const headlineHelp = document.querySelector("#headline-help");
const HEADLINE_HINTS = {
  mentor: "One line drafters read next to your tasks: your role and what you work on. “Research lead at Acme Health: patient interviews and reports.”",
  drafter: headlineHelp.textContent,
};
function showRoleSections() {
  const mentors = profileForm.elements.wants_to_mentor.checked;
  const drafts = profileForm.elements.wants_to_draft.checked || !mentors;
  document.querySelectorAll("[data-mentor-only]").forEach((node) => { node.hidden = !mentors; });
  document.querySelectorAll("[data-drafter-only]").forEach((node) => { node.hidden = !drafts; });
  document.querySelector("[data-mentor-hint]").hidden = mentors;
  headlineHelp.textContent = mentors && !drafts ? HEADLINE_HINTS.mentor : HEADLINE_HINTS.drafter;
}
profileForm.elements.wants_to_draft.addEventListener("change", showRoleSections);
profileForm.elements.wants_to_mentor.addEventListener("change", showRoleSections);

function showWorkDomain(me) {
  if (!me.verified_work_domain) return;
  fill(document.querySelector("[data-work-domain]"), `Your profile says “verified at ${me.verified_work_domain}”.`);
}

async function load() {
  const me = await api("me/");
  fillProfileForm(profileForm, me);
  profileForm.elements.bio.value = me.bio;
  showRoleSections();
  showHandle(me);
  showWorkDomain(me);
  showAvatar(me);
  showCompleteness(me);
}

// The server's words for what the page can check before sending (accounts/api/fields.py).
const PROFILE_SAY = {
  display_name: { valueMissing: "Add the name people see on your profile." },
  handle: { patternMismatch: "Use 3-40 letters, digits or hyphens, starting and ending with a letter or digit." },
  weekly_hours: { rangeUnderflow: "Between 0 and 80 hours a week.", rangeOverflow: "Between 0 and 80 hours a week.", stepMismatch: "Whole hours, 0 to 80." },
  years_experience: { rangeUnderflow: "Between 0 and 70 years.", rangeOverflow: "Between 0 and 70 years.", stepMismatch: "Whole years, 0 to 70." },
};

profileForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(profileForm);
  const problems = formProblems(profileForm, PROFILE_SAY);
  if (problems) {
    profileStatus.textContent = "";
    showErrors(profileForm, problems);
    return;
  }
  profileStatus.textContent = "Saving…";
  try {
    const body = readProfileForm(profileForm);
    if (profileForm.elements.handle.readOnly) delete body.handle;
    const me = await api("me/", { method: "PATCH", body });
    fillProfileForm(profileForm, me);
    showRoleSections();
    showHandle(me);
    showCompleteness(me);
    announce(profileStatus, "Profile saved.", { href: `/u/${me.handle}/`, text: "See your public profile" });
  } catch (error) {
    profileStatus.textContent = "";
    showErrors(profileForm, error);
  }
});

avatarForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(avatarForm);
  const file = avatarForm.elements.avatar.files[0];
  if (!file) { showErrors(avatarForm, { message: "Choose an image first.", fields: {} }); return; }
  const body = new FormData();
  body.append("avatar", file);
  try {
    const me = await api("me/avatar/", { method: "POST", body });
    showAvatar(me);
    showCompleteness(me);
    avatarForm.reset();
    announce(avatarStatus, "Photo saved.");
  } catch (error) {
    showErrors(avatarForm, error);
  }
});

avatarRemove.addEventListener("click", async () => {
  try {
    const me = await api("me/avatar/", { method: "DELETE" });
    showAvatar(me);
    showCompleteness(me);
    announce(avatarStatus, "Photo removed.");
  } catch (error) {
    showErrors(avatarForm, error);
  }
});

const picker = skillsPicker(document.querySelector("[data-skills-picker]"), {
  onSaved: async () => showCompleteness(await api("me/")),
});
document.querySelector("[data-skills-save]").addEventListener("click", () => picker.save());

deleteForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(deleteForm);
  if (!deleteForm.elements.confirm.checked) {
    showErrors(deleteForm, { message: "Tick the box to confirm.", fields: { confirm: ["Please confirm."] } });
    return;
  }
  try {
    await api("me/delete/", { method: "POST", body: { password: deleteForm.elements.password.value } });
    window.location.assign("/");
  } catch (error) {
    showErrors(deleteForm, error);
  }
});

const zones = document.querySelector("[data-time-zones]");
for (const zone of Intl.supportedValuesOf?.("timeZone") ?? []) {
  const option = document.createElement("option");
  option.value = zone;
  zones.append(option);
}

load().catch((error) => showLoadError(error));
picker.load().catch((error) => showLoadError(error));
