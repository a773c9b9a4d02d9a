// /applications/<id>/: the application, the actions the API allows the viewer, and its messages.
import { api, showErrors, showLoadError, siteConfig } from "./api.js";
import { confirmAct, confirmApplicationAct } from "./dialog.js";
import { announce, date, el, fill, glued, mountThread, stateBadge, workItem } from "./ui.js";
import { levelBadge, plural } from "./ui.js";

const root = document.querySelector("[data-application-page]");
const id = root.dataset.applicationId;
const $ = (sel) => root.querySelector(sel);
const DONE = {
  shortlist: "On your shortlist. Accept when you are ready, or decline with a kind note.",
  decline: "Declined. They can read your note on this page.",
  withdraw: "Application withdrawn. The mentor has been told.",
};

// Who wrote the decline note, said to the person reading it: Slipstream's own (the task filled
// up or ended) is never passed off as the mentor's words.
function declineLabel(app) {
  if (app.decline_automatic) return "From Slipstream: ";
  if (app.viewer_role === "mentor") return "Your note: ";
  return `Note from ${app.mentor.display_name || app.mentor.handle}: `;
}

function summary(app, config) {
  const mentorView = app.viewer_role === "mentor";
  const name = app.drafter.display_name || app.drafter.handle;
  const answers = (app.answers || []).map((answer, i) => (answer
    ? el("p", {}, el("strong", { text: `${(app.task_questions || [])[i] || "Answer"} ` }), answer) : null));
  return [
    // "Waiting for Hannah Kim’s answer" names the mentor already: no "To Hannah Kim" after it.
    el("p", {}, !mentorView && app.state === "submitted"
      ? [glued(stateBadge(app.state, { waitingOn: app.mentor.display_name || app.mentor.handle })), el("span", { class: "muted", text: ` sent ${date(app.created_at)}` })]
      : [stateBadge(app.state, { waitingOn: mentorView ? null : app.mentor.display_name || app.mentor.handle }), " ", mentorView
        ? ["From ", el("a", { href: `/u/${app.drafter.handle}/`, text: name })]
        : ["To ", el("a", { href: `/u/${app.mentor.handle}/`, text: app.mentor.display_name || app.mentor.handle })]]),
    mentorView && app.drafter.headline ? el("p", { class: "muted", text: app.drafter.headline }) : null,
    el("h2", { class: "h3", text: "Note" }), el("p", { class: "note", text: app.note || "(no note)" }),
    app.portfolio_items.length ? [el("h2", { class: "h3", text: "Work attached" }), el("ul", { class: "work-list" }, app.portfolio_items.map(workItem))] : null,
    app.work_sample_link ? el("p", {}, "Work sample: ", el("a", { href: app.work_sample_link, rel: "noopener noreferrer", text: app.work_sample_link })) : null,
    answers,
    app.decline_note && !app.closed_automatically ? el("p", { class: "flash", "data-decline-note": true }, el("strong", { text: declineLabel(app) }), app.decline_note) : null,
    app.decline_reason && !app.closed_automatically ? el("p", {}, el("strong", { text: "Reason: " }), DECLINE_REASONS[app.decline_reason] || app.decline_reason) : null,
    app.closed_automatically ? closurePanel(app, config) : null,
  ];
}

// --- The closure guarantee ----------------------------------------------------------------------
// The mentor's one-click reasons (the day-7 reminder links here with ?decline=<reason>#decline).
const DECLINE_REASONS = {
  not_a_fit: "Not the right fit for this task",
  filled: "The places went to someone else",
  no_capacity: "No time to take anyone on now",
  task_changed: "The task changed or is no longer needed",
};

// " after N days" as /api/v1/config/ says (nothing when the config could not be loaded).
function afterCloseDays(config) {
  return config ? ` after ${plural(config.application_close_days, "day")}` : "";
}

// Closed by the system after the config's days without an answer: said as such (never as the
// mentor's note), with the tasks that fit that the recommender chose when it closed.
function closurePanel(app, config) {
  const tasks = app.alternatives || [];
  return el("section", { class: "card closure-panel", "aria-labelledby": "closure-heading" },
    el("h2", { class: "h3", id: "closure-heading", text: `Closed automatically${afterCloseDays(config)} without an answer` }),
    el("p", { text: "The mentor did not answer in time, so Slipstream closed your application. It says nothing about your work." }),
    tasks.length
      ? [el("p", { text: `Here ${tasks.length === 1 ? "is one task" : `are ${tasks.length} tasks`} that fit you:` }),
        el("ul", {}, tasks.map((t) => el("li", {}, el("a", { href: `/tasks/${t.id}/`, text: t.title }), `\u00a0· ${plural(t.estimated_hours, "hour")} `, levelBadge(t.level))))]
      : el("p", {}, el("a", { href: "/for-you/", text: "See the tasks recommended for you" })));
}

function declineReasons(app, run, config) {
  const wanted = new URLSearchParams(window.location.search).get("decline");
  const buttons = Object.entries(DECLINE_REASONS).map(([reason, label]) => el("button", {
    type: "button", class: reason === wanted ? "" : "button-secondary", text: label, "data-reason": reason,
    onclick: () => run("decline", null, { reason }),
  }));
  return el("section", { class: "decline-reasons", id: "decline", "aria-labelledby": "decline-heading" },
    el("h2", { class: "h3", id: "decline-heading", text: "Decline in one click, with a reason" }),
    el("p", { class: "muted", text: `${app.drafter.display_name || app.drafter.handle} sees the reason. Unanswered applications close automatically${afterCloseDays(config)}.` }),
    el("div", { class: "button-row" }, buttons));
}

function actions(app, allowed, config) {
  const box = $("[data-actions]");
  const name = app.drafter.display_name || app.drafter.handle;
  const run = async (action, next, reasoned = null) => {
    const asked = reasoned || (action === "withdraw"
      ? await confirmAct({ title: "Withdraw your application?", body: "The mentor is told, and you cannot apply to this task again.", confirm: "Withdraw", danger: true })
      : await confirmApplicationAct(action, name, app.task));
    if (!asked) return;
    const body = action === "decline" ? (reasoned ? { reason: reasoned.reason } : { note: asked.note }) : undefined;
    try {
      const result = await api(`applications/${id}/${action}/`, { method: "POST", body });
      if (action === "accept") { window.location.assign(`/engagements/${result.id}/`); return; }
      await render();
      announce($("[data-result]"), DONE[action], action === "withdraw" ? { href: "/tasks/", text: "Browse other tasks" } : { href: `/tasks/${app.task.id}/`, text: "Back to all applications for this task" });
      next?.();
    } catch (error) { showErrors(box, error); }
  };
  fill(box,
    el("p", { class: "field-error", "data-form-error": true, tabindex: "-1", hidden: true }),
    app.engagement_id ? el("a", { class: "button", href: `/engagements/${app.engagement_id}/`, text: "Open the engagement" }) : null,
    allowed.has("shortlist") ? el("button", { type: "button", class: "button-secondary", text: `Shortlist ${name}`, onclick: () => run("shortlist") }) : null,
    allowed.has("accept") ? el("button", { type: "button", text: `Accept ${name}`, onclick: () => run("accept") }) : null,
    allowed.has("withdraw") ? el("button", { type: "button", class: "button-secondary", text: "Withdraw application", onclick: () => run("withdraw") }) : null,
    allowed.has("decline") ? el("button", { type: "button", class: "button-secondary", text: `Decline ${name}`, onclick: () => run("decline") }) : null,
    allowed.has("decline") ? declineReasons(app, run, config) : null);
}

let threadShownFor = null;

async function render() {
  const [app, config] = await Promise.all([api(`applications/${id}/`), siteConfig()]);
  const allowed = new Set(app.allowed_actions || []);
  const who = app.viewer_role === "mentor" ? `${app.drafter.display_name || app.drafter.handle}’s application` : "Your application";
  document.title = `${who} to ${app.task.title} · Slipstream`;
  fill($("[data-title]"), el("a", { href: `/tasks/${app.task.id}/`, text: app.task.title }));
  fill($("[data-summary]"), summary(app, config));
  actions(app, allowed, config);
  $("[data-status]").hidden = true;
  $("[data-application]").hidden = false;
  // Once it became an engagement, the conversation goes on there (which shows these lines too).
  const continueAt = app.engagement_id ? `/engagements/${app.engagement_id}/` : null;
  const canSend = allowed.has("message") && !continueAt;
  if (threadShownFor !== canSend) {
    threadShownFor = canSend;
    await mountThread($("[data-thread]"), `applications/${id}/messages/`, { canSend, continueAt });
  }
}

render().then(() => {
  // From the day-7 reminder: the chosen reason's button is ready for one click.
  root.querySelector("[data-reason]:not(.button-secondary)")?.focus();
  // Arriving straight after applying: say it worked and what happens next.
  if (new URLSearchParams(window.location.search).get("sent")) {
    announce($("[data-result]"), "Application sent. The mentor is notified; you will hear back here and by e-mail.", { href: "/tasks/", text: "Browse more tasks" });
    history.replaceState(null, "", window.location.pathname);
  }
}).catch((error) => showLoadError(error, $("[data-status]")));
