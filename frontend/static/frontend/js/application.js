// /applications/<id>/: the application, the actions the API allows the viewer, and its messages.
import { api, showErrors, showLoadError } from "./api.js";
import { confirmAct, confirmApplicationAct } from "./dialog.js";
import { announce, el, fill, mountThread, stateBadge, workItem } from "./ui.js";

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

function summary(app) {
  const mentorView = app.viewer_role === "mentor";
  const name = app.drafter.display_name || app.drafter.handle;
  const answers = (app.answers || []).map((answer, i) => (answer
    ? el("p", {}, el("strong", { text: `${(app.task_questions || [])[i] || "Answer"} ` }), answer) : null));
  return [
    el("p", {}, stateBadge(app.state), " ", mentorView
      ? ["From ", el("a", { href: `/u/${app.drafter.handle}/`, text: name })]
      : ["To ", el("a", { href: `/u/${app.mentor.handle}/`, text: app.mentor.display_name || app.mentor.handle })]),
    mentorView && app.drafter.headline ? el("p", { class: "muted", text: app.drafter.headline }) : null,
    el("h2", { class: "h3", text: "Note" }), el("p", { class: "note", text: app.note || "(no note)" }),
    app.portfolio_items.length ? [el("h2", { class: "h3", text: "Work attached" }), el("ul", { class: "work-list" }, app.portfolio_items.map(workItem))] : null,
    app.work_sample_link ? el("p", {}, "Work sample: ", el("a", { href: app.work_sample_link, rel: "noopener noreferrer", text: app.work_sample_link })) : null,
    answers,
    app.decline_note ? el("p", { class: "flash", "data-decline-note": true }, el("strong", { text: declineLabel(app) }), app.decline_note) : null,
  ];
}

function actions(app, allowed) {
  const box = $("[data-actions]");
  const name = app.drafter.display_name || app.drafter.handle;
  const run = async (action, next) => {
    const asked = action === "withdraw"
      ? await confirmAct({ title: "Withdraw your application?", body: "The mentor is told, and you cannot apply to this task again.", confirm: "Withdraw", danger: true })
      : await confirmApplicationAct(action, name, app.task);
    if (!asked) return;
    const body = action === "decline" ? { note: asked.note } : undefined;
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
    allowed.has("decline") ? el("button", { type: "button", class: "button-secondary", text: `Decline ${name}`, onclick: () => run("decline") }) : null);
}

let threadShownFor = null;

async function render() {
  const app = await api(`applications/${id}/`);
  const allowed = new Set(app.allowed_actions || []);
  const who = app.viewer_role === "mentor" ? `${app.drafter.display_name || app.drafter.handle}’s application` : "Your application";
  document.title = `${who} to ${app.task.title} · Slipstream`;
  fill($("[data-title]"), el("a", { href: `/tasks/${app.task.id}/`, text: app.task.title }));
  fill($("[data-summary]"), summary(app));
  actions(app, allowed);
  $("[data-status]").hidden = true;
  $("[data-application]").hidden = false;
  const canSend = allowed.has("message");
  if (threadShownFor !== canSend) {
    threadShownFor = canSend;
    await mountThread($("[data-thread]"), `applications/${id}/messages/`, { canSend });
  }
}

render().then(() => {
  // Arriving straight after applying: say it worked and what happens next.
  if (new URLSearchParams(window.location.search).get("sent")) {
    announce($("[data-result]"), "Application sent. The mentor is notified; you will hear back here and by e-mail.", { href: "/tasks/", text: "Browse more tasks" });
    history.replaceState(null, "", window.location.pathname);
  }
}).catch((error) => showLoadError(error, $("[data-status]")));
