// /tasks/<id>/: the task, an apply form for drafters, and the review panel for its mentor. Which
// panel and which buttons show comes from the API's `viewer_role` and `allowed_actions`.
import { allPages, api, featuredTasks, sendForm, showErrors, showLoadError, siteConfig, textLimit } from "./api.js";
import { formProblems } from "./form_check.js";
import { confirmAct, confirmApplicationAct } from "./dialog.js";
import { firstName, mentorCardData, offerLink } from "./offer_cards.js";
import { mountRecommendedDrafters } from "./recommended_drafters.js";
import { feeLine, rewardLine } from "./task_card.js";
import { announce, avatar, date, el, emptyState, featuredBadge, fill, fillSanitised, pagedList, placesLeft, plural, skillBadges, stateBadge, workItem } from "./ui.js";
import { levelBadge, responseRateText, verifiedPill } from "./ui.js";

const root = document.querySelector("[data-task-page]");
const taskId = root.dataset.taskId;
const status = root.querySelector("[data-status]");
const side = root.querySelector("[data-task-side]");
const TASK_DONE = {
  publish: "Published. Drafters can find the task and apply now.",
  close: "Closed to new applications. People already applying stay in the list below.",
  archive: "Archived. It no longer shows on your dashboard's open work.",
  cancel: "Task cancelled. Pending applicants have been told.",
};
const APPLICATION_DONE = {
  shortlist: "On your shortlist. Accept when you are ready, or decline with a kind note.",
  decline: "Declined. They will see your note.",
};
// Acts that cannot be taken back are confirmed first (dialog.js).
const CONFIRM = {
  cancel: { title: "Cancel this task?", body: "Everyone still applying is told it is cancelled. This cannot be undone.", confirm: "Cancel the task", danger: true },
  delete: { title: "Delete this draft?", body: "The draft is removed for good.", confirm: "Delete the draft", danger: true },
};

// Who posted the task, with what makes them worth working with (GET /tasks/{id}/ mentor_card).
function mentorCard(task) {
  const card = task.mentor_card;
  const person = card || task.mentor;
  const name = person.display_name || person.handle;
  const facts = card ? [
    card.job_title && card.organisation ? `${card.job_title}, ${card.organisation}` : card.organisation || card.job_title,
    // "0 drafts completed" read as a warning on a new mentor's first task: say they are new
    // (with since when, as one fact: the two side by side read as one run-on phrase).
    card.drafts_completed ? plural(card.drafts_completed, "draft") + " completed"
      : card.drafts_completed === 0 ? ["New on Slipstream", card.member_since ? `Member since ${date(card.member_since)}` : null].filter(Boolean).join("\u00a0· ") : null,
    card.people_helped ? `helped ${plural(card.people_helped, "person", "people")}` : null,
    responseRateText(card.response_rate, card.median_reply_hours)
      || (card.reply_hours != null ? `usually replies within ${plural(Math.max(1, Math.round(card.reply_hours)), "hour")}` : null),
    card.member_since && card.drafts_completed !== 0 ? `Member since ${date(card.member_since)}` : null,
  ].filter(Boolean) : [];
  return el("div", { class: "mentor-card" },
    avatar(card?.avatar_url, name, "medium"),
    el("div", {},
      el("p", { class: "mentor-card-name" }, "Posted by ", el("a", { href: `/u/${person.handle}/`, text: name })),
      facts.length ? el("ul", { class: "fact-list", "aria-label": `About ${name}` }, facts.map((f) => el("li", { text: f }))) : null,
      verifiedBadge(card?.verified_work_domain)));
}

// "✓ Verified at acme.com": the domain of a work address the mentor confirmed, never the address.
function verifiedBadge(domain) {
  if (!domain) return null;
  return verifiedPill(domain, { tag: "p", attrs: { "data-verified-domain": true } });
}

function renderTask(task) {
  document.title = `${task.title} · Slipstream`;
  root.querySelector("[data-task-title]").textContent = task.title;
  // An accepted offer's task is private and already filled by the offering drafter: it says so,
  // never "Closed · No places open · 1 applicant" (its engagement carries the work).
  const fromOffer = task.visibility === "private";
  fill(root.querySelector("[data-task-state]"),
    fromOffer ? el("span", { class: "badge badge-muted", "data-private-task": true },
      el("span", { class: "visually-hidden", text: "Visibility: " }), "Private") : stateBadge(task.state),
    " ", levelBadge(task.level));
  featuredTasks().then((featured) => {
    const badge = featuredBadge(featured[task.id]);
    if (badge) root.querySelector("[data-task-state]").append(" ", badge);
  });
  const meta = [
    `${task.estimated_hours} hours`,
    task.is_remote ? "Remote" : `On site: ${task.location}`,
    task.deadline ? `Deadline ${date(task.deadline)}` : "No fixed deadline",
    fromOffer ? "From an accepted offer" : placesLeft(task),
    task.published_at ? `Posted ${date(task.published_at)}` : null,
    !fromOffer && task.applicant_count != null ? plural(task.applicant_count, "applicant") : null,
  ].filter(Boolean);
  root.querySelector("[data-task-meta]").textContent = meta.join(" · ");
  fill(root.querySelector("[data-task-skills]"), skillBadges(task.skills));
  fill(root.querySelector("[data-task-mentor]"), mentorCard(task));
  // Offering help is a drafter's act: not for the task's mentor, nor for career-office staff.
  if (task.viewer_role !== "mentor" && !("staffOnly" in root.dataset)) {
    // An offer beside a mentor who is open to offers: a decoration, silent when absent. Worded
    // as help beyond this task, so it is not mistaken for applying to it.
    mentorCardData((task.mentor_card || task.mentor).handle).then((card) => {
      const link = card && offerLink(card, {
        className: "button button-secondary button-small",
        label: `Offer other help to ${firstName(card)}`,
      });
      if (link) root.querySelector("[data-task-mentor] .mentor-card > div").append(link);
    }).catch(() => {});
  }
  fill(root.querySelector("[data-task-reward]"), rewardLine(task, {
    payer: task.viewer_role === "mentor", staff: "staffOnly" in root.dataset,
  }));
  fillSanitised(root.querySelector("[data-task-description]"), task.description_html);
  root.querySelector("[data-task]").hidden = false;
  status.hidden = true;
}

async function loadPortfolio(fieldset) {
  let items;
  try {
    items = await allPages("me/portfolio/");
  } catch {
    return;  // No portfolio to offer: the link field still works.
  }
  if (!items.length) return;
  fill(fieldset.querySelector("[data-portfolio-options]"), items.map((item) =>
    el("div", { class: "check" },
      el("input", { type: "checkbox", id: `pi-${item.id}`, name: "portfolio_item_ids", value: String(item.id) }),
      el("label", { for: `pi-${item.id}`, text: item.title }))));
  fieldset.hidden = false;
}

// What is wrong with the apply form before sending, in the server's words where it has them
// (projects/services/applications.py and the name guard): a note, evidence (one portfolio item or a link), an answer
// to each question, and a name when the profile has none.
function applyProblems(form, nameField, questionCount) {
  const name = form.elements.display_name;
  name.required = !nameField.hidden;
  const problems = formProblems(form, {
    display_name: { valueMissing: "Add your name to apply: the mentor sees it instead of your handle." },
    note: { valueMissing: "Write a short note: what you would do, and which work shows you can." },
    answers: { valueMissing: questionCount === 1 ? "Answer the mentor’s question." : `Answer each of the ${questionCount} questions.` },
  }) || { message: "Some fields need a change.", fields: {} };
  const boxes = form.querySelectorAll("[name=portfolio_item_ids]");
  const attached = [...boxes].some((box) => box.checked) || form.elements.work_sample_link.value.trim();
  if (!attached) {
    problems.fields[boxes.length ? "portfolio_item_ids" : "work_sample_link"] = ["Attach at least one portfolio item or a link to a work sample."];
  }
  return Object.keys(problems.fields).length ? problems : null;
}

function applyPanel(task, config) {
  const fragment = document.querySelector("[data-apply-template]").content.cloneNode(true);
  const form = fragment.querySelector("[data-apply-form]");
  task.questions.forEach((question, i) => {
    form.querySelector("[data-questions]").append(el("div", { class: "field" },
      el("label", { for: `answer-${i}`, text: question }),
      el("textarea", { id: `answer-${i}`, name: "answers", rows: "3", maxlength: textLimit(config, "application.answers"), required: true })));
  });
  loadPortfolio(fragment.querySelector("[data-portfolio-fieldset]"));
  // What accepting would pay, said where the decision is made.
  const fee = feeLine(task);
  if (fee) form.querySelector("[type=submit]").before(fee);
  // A drafter with no display name is asked for it here, saved to their profile first.
  const nameField = form.querySelector("[data-name-field]");
  let unconfirmed = false;
  api("me/").then((me) => {
    if (!(me.display_name || "").trim()) nameField.hidden = false;
    unconfirmed = me.email_verified === false;
  }).catch(() => {});
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    // Every plain mistake at once, before anything is sent; the server checks all again. An
    // unconfirmed address comes first (nothing else matters until it is confirmed): the server
    // says so, with the way to confirm.
    const problems = unconfirmed ? null : applyProblems(form, nameField, task.questions.length);
    if (problems) { showErrors(form, problems); return; }
    const name = form.elements.display_name.value.trim();
    const body = {
      note: form.elements.note.value,
      work_sample_link: form.elements.work_sample_link.value,
      portfolio_item_ids: [...form.querySelectorAll("[name=portfolio_item_ids]:checked")].map((i) => Number(i.value)),
      answers: [...form.querySelectorAll("[name=answers]")].map((i) => i.value),
    };
    try {
      if (!nameField.hidden && name) {
        await api("me/", { method: "PATCH", body: { display_name: name } });
        nameField.hidden = true;
      }
      const application = await api(`tasks/${taskId}/applications/`, { method: "POST", body });
      window.location.assign(`/applications/${application.id}/?sent=1`);
    } catch (error) {
      // Without portfolio checkboxes on the form, show "attach work" under the link field.
      if (error.fields?.display_name) nameField.hidden = false;
      if (error.fields?.portfolio_item_ids && !form.querySelector("[name=portfolio_item_ids]")) {
        error.fields.work_sample_link = error.fields.portfolio_item_ids;
      }
      showErrors(form, error);
    }
  });
  return fragment;
}

function mentorPanel(task, allowed) {
  const result = el("p", { class: "flash flash-success", role: "status", tabindex: "-1", hidden: true, "data-result": true });
  const box = el("section", { class: "card", "aria-labelledby": "manage-heading" },
    el("h2", { id: "manage-heading", text: "Your task" }),
    el("p", { class: "muted", text: allowed.has("publish") ? "Only you can see this draft. Publish it when it reads well." : "Manage who can still apply." }),
    result);
  const actions = el("div", { class: "button-row" },
    el("p", { class: "field-error", "data-form-error": true, tabindex: "-1", hidden: true }));
  const act = (label, action, cls = "") => el("button", { type: "button", class: cls, text: label, onclick: async () => {
    if (CONFIRM[action] && !(await confirmAct(CONFIRM[action]))) return;
    try {
      if (action === "delete") {
        await api(`tasks/${task.id}/`, { method: "DELETE" });
        window.location.assign("/dashboard/");
        return;
      }
      await api(`tasks/${task.id}/${action}/`, { method: "POST" });
      await main();
      announce(side.querySelector("[data-result]"), TASK_DONE[action],
        action === "publish" ? { href: `/tasks/${task.id}/`, text: "Copy this page's address to share it" } : { href: "/dashboard/", text: "Back to your dashboard" });
    } catch (error) { showErrors(actions, error); }
  } });
  actions.append(...[
    allowed.has("edit") ? el("a", { class: "button button-secondary", href: `/tasks/${task.id}/edit/`, text: "Edit" }) : null,
    allowed.has("publish") ? act("Publish", "publish") : null,
    allowed.has("close") ? act("Close to new applications", "close", "button-secondary") : null,
    allowed.has("archive") ? act("Archive", "archive", "button-secondary") : null,
    allowed.has("cancel") ? act("Cancel task", "cancel", "button-danger") : null,
    allowed.has("delete") ? act("Delete draft", "delete", "button-danger") : null,
  ].filter(Boolean));
  box.append(actions);
  return box;
}

function applicationCard(app, task = currentTask) {
  const allowed = new Set(app.allowed_actions || []);
  const name = app.drafter.display_name || app.drafter.handle;
  const result = el("p", { class: "flash flash-success", role: "status", tabindex: "-1", hidden: true });
  const buttons = el("div", { class: "button-row" });
  const card = el("li", { class: "card application-card" },
    el("div", { class: "card-head" },
      el("h3", {}, el("a", { href: `/u/${app.drafter.handle}/`, text: name })), stateBadge(app.state)),
    el("p", { class: "small" }, el("a", { href: `/applications/${app.id}/` }, "Open the application and messages", el("span", { class: "visually-hidden", text: ` from ${name}` }))),
    app.drafter.headline ? el("p", { class: "muted", text: app.drafter.headline }) : null,
    app.introduced_by ? el("p", { class: "small", text: `Introduced by ${app.introduced_by.display_name || app.introduced_by.handle}` }) : null,
    app.portfolio_items.length ? el("ul", { class: "work-list", "aria-label": `Work from ${name}` }, app.portfolio_items.map(workItem)) : null,
    app.work_sample_link ? el("p", {}, "Work sample: ", el("a", { href: app.work_sample_link, rel: "noopener noreferrer", text: app.work_sample_link })) : null,
    el("p", { class: "note", text: app.note }),
    (app.answers || []).map((answer, i) => (answer ? el("p", { class: "small" }, el("strong", { text: `${app.task_questions[i] || "Answer"} ` }), answer) : null)),
    el("p", { class: "field-error", "data-form-error": true, tabindex: "-1", hidden: true }),
    result,
    buttons,
    app.engagement_id ? el("p", {}, el("a", { href: `/engagements/${app.engagement_id}/`, text: "Open the engagement" })) : null);
  async function run(action) {
    const asked = await confirmApplicationAct(action, name, task);
    if (!asked) return;
    const body = action === "decline" ? { note: asked.note } : undefined;
    try {
      const answer = await api(`applications/${app.id}/${action}/`, { method: "POST", body });
      if (action === "accept") { window.location.assign(`/engagements/${answer.id}/`); return; }
      // Redraw this card only; the result is announced in it and takes focus.
      const fresh = applicationCard(await api(`applications/${app.id}/`));
      card.replaceWith(fresh);
      announce(fresh.querySelector("[role=status]"), APPLICATION_DONE[action]);
    } catch (error) { showErrors(card, error); }
  }
  fill(buttons,
    allowed.has("shortlist") ? el("button", { type: "button", class: "button-secondary", text: `Shortlist ${name}`, onclick: () => run("shortlist") }) : null,
    allowed.has("accept") ? el("button", { type: "button", text: `Accept ${name}`, onclick: () => run("accept") }) : null,
    allowed.has("decline") ? el("button", { type: "button", class: "button-secondary", text: `Decline ${name}`, onclick: () => run("decline") }) : null);
  return card;
}

let applications = null;
let currentTask = null;

async function showApplications() {
  const panel = root.querySelector("[data-mentor-panel]");
  applications ??= pagedList(panel.querySelector("[data-applications]"), {
    url: `tasks/${taskId}/applications/`,
    item: applicationCard,
    empty: () => el("li", {}, emptyState("No applications yet. Share the task link with people who might help, or check back soon.")),
    moreLabel: "Load more applications",
    onError: (error) => showLoadError(error, panel.querySelector("[data-apps-error]")),
  });
  await applications.reload();
  panel.hidden = false;  // shown once its list is drawn, never half-empty
}

// Anyone signed in can point someone else to this task; the drafter decides, then the mentor sees.
function introduceForm(config) {
  const handle = el("input", { id: "intro-handle", name: "drafter_handle", maxlength: textLimit(config, "introduction.drafter_handle"), autocomplete: "off" });
  const note = el("textarea", { id: "intro-note", name: "note", rows: "2", maxlength: textLimit(config, "introduction.note") });
  const done = el("p", { class: "flash flash-success", role: "status", tabindex: "-1", hidden: true });
  const form = el("form", { class: "card section-tight", novalidate: true },
    el("h2", { class: "h3", text: "Know someone for this?" }),
    el("p", { class: "muted small", text: "Introduce them with a short note. They decide whether the mentor sees it." }),
    el("p", { class: "field-error", "data-form-error": true, tabindex: "-1", hidden: true }),
    el("div", { class: "field" }, el("label", { for: "intro-handle", text: "Their Slipstream handle" }), handle),
    el("div", { class: "field" }, el("label", { for: "intro-note", text: "Why they would be good" }), note),
    done,
    el("button", { type: "submit", class: "button-secondary", text: "Introduce" }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const sent = await sendForm(form, async () => {
      await api("introductions/", { method: "POST", body: { task_id: Number(taskId), drafter_handle: handle.value.trim(), note: note.value } });
      handle.value = ""; note.value = "";
    });
    if (sent) announce(done, "Introduction sent. Thank you for connecting people.");
  });
  return form;
}

function card(...children) {
  return el("div", { class: "card" }, ...children);
}

// A private task is an accepted offer's: already filled, with nothing to share, manage or review.
// Both its people are pointed to the engagement, where the work and the conversation are.
async function offerPanel(task) {
  const page = await api(`me/offers/?task=${task.id}`);
  const offer = page.results[0];
  if (!offer) return card(el("p", { text: "This task is private." }), el("a", { href: "/dashboard/", text: "Back to your dashboard" }));
  const mentorSide = task.viewer_role === "mentor";
  const other = mentorSide ? offer.drafter : offer.mentor;
  const name = other.display_name || other.handle;
  // The description is the drafter's offer in their own words ("I will…"): under "About the
  // task" beside "Posted by" it read as the mentor's. Say whose words they are.
  const drafterName = offer.drafter.display_name || offer.drafter.handle;
  root.querySelector("#about-heading").textContent = mentorSide ? `What ${drafterName} offered to do` : "What you offered to do";
  const byline = root.querySelector("[data-task-mentor] .mentor-card-name");
  // The owner reads about herself as "you"; a private task cannot be browsed, so no nav item is current.
  if (byline && mentorSide) fill(byline, "You accepted ", el("a", { href: `/u/${offer.drafter.handle}/`, text: drafterName }), "’s offer");
  else if (byline?.firstChild?.nodeType === Node.TEXT_NODE) byline.firstChild.textContent = "Offer accepted by ";
  document.querySelectorAll(".site-nav [aria-current]").forEach((link) => link.removeAttribute("aria-current"));
  return el("section", { class: "card", "aria-labelledby": "origin-heading", "data-offer-origin": true },
    el("h2", { id: "origin-heading", text: mentorSide ? `Made from ${name}'s offer` : `${name} accepted your offer` }),
    el("p", { class: "muted", text: "The work, its messages and its approval are on the engagement." }),
    el("div", { class: "button-row" },
      offer.engagement_id ? el("a", { class: "button", href: `/engagements/${offer.engagement_id}/`, text: "Open the engagement" }) : null,
      el("a", { class: "button button-secondary", href: `/offers/${offer.id}/`, text: "See the offer" })));
}

async function main() {
  const task = await api(`tasks/${taskId}/`);
  currentTask = task;
  const allowed = new Set(task.allowed_actions || []);
  renderTask(task);
  if (task.visibility === "private" && (task.viewer_role === "mentor" || task.viewer_application_id)) {
    fill(side, await offerPanel(task));
  } else if (task.viewer_role === "mentor") {
    fill(side, mentorPanel(task, allowed));
    // Only the task's own mentor is offered drafters (anyone else would get a 404).
    mountRecommendedDrafters(task);
    await showApplications();
  } else if (task.viewer_application_id) {
    fill(side, card(el("h2", { text: "You applied" }),
      el("p", { text: "Follow your application and talk to the mentor from its page." }),
      el("a", { class: "button", href: `/applications/${task.viewer_application_id}/`, text: "See your application" })));
  } else if (task.viewer_role === "visitor") {
    // Visitors may do nothing yet (their allowed_actions is empty): signing in comes first.
    fill(side, card(el("h2", { text: "Want to help?" }),
      el("p", { text: "Log in or sign up to offer your help with your portfolio." }),
      el("a", { class: "button", href: `/accounts/login/?next=/tasks/${taskId}/`, text: "Log in to apply" })));
  } else if ("staffOnly" in root.dataset) {
    // Career-office staff who neither draft nor mentor: the office's actions (careers_feature.js)
    // stand where a drafter's apply form would, instead of a form they have no use for.
    const feature = root.querySelector("[data-feature-task]");
    feature.classList.remove("section-tight");
    fill(side, feature);
  } else if (!allowed.has("apply")) {
    fill(side, card(el("p", { text: "This task is not taking applications." }), el("a", { href: "/tasks/", text: "Browse open tasks" })));
  } else {
    const config = await siteConfig();
    fill(side, applyPanel(task, config), introduceForm(config));
  }
}

main().then(() => {
  // Arriving from "Save and publish" in the editor: say so, and what comes next.
  const arrived = new URLSearchParams(window.location.search);
  const result = side.querySelector("[data-result]");
  if (result && arrived.get("published")) announce(result, TASK_DONE.publish, { href: "/dashboard/", text: "Follow applications from your dashboard." });
  else if (result && arrived.get("saved")) announce(result, "Saved.", { href: `/tasks/${taskId}/edit/`, text: "Keep editing" });
  if (arrived.size) history.replaceState(null, "", window.location.pathname);  // a reload says nothing twice
}).catch((error) => showLoadError(error, status));
