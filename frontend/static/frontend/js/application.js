// /applications/<id>/: the application, the actions open to each side, and its messages.
import { api, showErrors } from "./api.js";
import { el, mountThread, stateBadge, workItem } from "./ui.js";

const root = document.querySelector("[data-application-page]");
const id = root.dataset.applicationId;
const errorNode = root.querySelector("[data-action-error]");

async function main() {
  let app;
  try {
    app = await api(`applications/${id}/`);
  } catch (error) {
    root.querySelector("[data-status]").textContent = error.status === 404 ? "This application does not exist or is not yours." : error.message;
    return;
  }
  const me = await api("me/");
  const isMentor = me.id === app.mentor.id;
  root.querySelector("[data-title]").replaceChildren(el("a", { href: `/tasks/${app.task.id}/`, text: app.task.title }));
  const name = app.drafter.display_name || app.drafter.handle;
  root.querySelector("[data-summary]").replaceChildren(
    el("p", {}, stateBadge(app.state), " ", isMentor ? `From ${name}` : `To ${app.mentor.display_name || app.mentor.handle}`),
    app.drafter.headline && isMentor ? el("p", { class: "muted", text: app.drafter.headline }) : null,
    el("h2", { class: "h3", text: "Note" }), el("p", { class: "note", text: app.note || "(no note)" }),
    app.portfolio_items.length ? el("h2", { class: "h3", text: "Work attached" }) : null,
    app.portfolio_items.length ? el("ul", { class: "work-list" }, app.portfolio_items.map(workItem)) : null,
    app.work_sample_link ? el("p", {}, "Work sample: ", el("a", { href: app.work_sample_link, rel: "noopener noreferrer", text: app.work_sample_link })) : null,
    app.answers.map((a, i) => el("p", {}, el("strong", { text: `${app.task_questions[i] || "Answer"} ` }), a)),
    app.decline_note ? el("p", { class: "flash" }, el("strong", { text: "Note from the mentor: " }), app.decline_note) : null,
  );
  const run = async (path) => {
    try {
      const result = await api(`applications/${id}/${path}/`, { method: "POST" });
      if (path === "accept") window.location.assign(`/engagements/${result.id}/`);
      else window.location.reload();
    } catch (e) { errorNode.textContent = e.message; errorNode.hidden = false; errorNode.focus(); }
  };
  const actions = root.querySelector("[data-actions]");
  const pending = ["submitted", "shortlisted"].includes(app.state);
  if (app.engagement_id) actions.append(el("a", { class: "button", href: `/engagements/${app.engagement_id}/`, text: "Open the engagement" }));
  if (isMentor && app.state === "submitted") actions.append(el("button", { type: "button", class: "button-secondary", text: "Shortlist", onclick: () => run("shortlist") }));
  if (isMentor && pending) actions.append(el("button", { type: "button", text: "Accept", onclick: () => run("accept") }));
  if (isMentor && pending) actions.append(el("a", { class: "button button-secondary", href: `/tasks/${app.task.id}/#apps-heading`, text: "Decline from the task page" }));
  if (!isMentor && pending) actions.append(el("button", { type: "button", class: "button-secondary", text: "Withdraw application", onclick: () => run("withdraw") }));
  root.querySelector("[data-status]").hidden = true;
  root.querySelector("[data-application]").hidden = false;
  await mountThread(root.querySelector("[data-thread]"), `applications/${id}/messages/`, api, showErrors);
}

main();
