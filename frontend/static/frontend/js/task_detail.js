// /tasks/<id>/: the task, an apply form for drafters, and the review panel for its mentor.
import { api, showErrors } from "./api.js";
import { date, el, emptyState, rewardLine, skillBadges, stateBadge, workItem } from "./ui.js";

const root = document.querySelector("[data-task-page]");
const taskId = root.dataset.taskId;
const signedIn = root.dataset.signedIn === "true";
const status = root.querySelector("[data-status]");
const side = root.querySelector("[data-task-side]");

function renderTask(task) {
  document.title = `${task.title} · Slipstream`;
  root.querySelector("[data-task-title]").textContent = task.title;
  root.querySelector("[data-task-state]").replaceChildren(stateBadge(task.state));
  const meta = [
    `${task.estimated_hours} hours`,
    task.is_remote ? "Remote" : `On site: ${task.location}`,
    task.deadline ? `Deadline ${date(task.deadline)}` : "No fixed deadline",
    `${task.slots - task.filled_slots} of ${task.slots} places left`,
    `Posted by ${task.mentor.display_name || task.mentor.handle}`,
  ];
  root.querySelector("[data-task-meta]").textContent = meta.join(" · ");
  root.querySelector("[data-task-skills]").replaceChildren(skillBadges(task.skills) || "");
  root.querySelector("[data-task-reward]").replaceChildren(rewardLine(task));
  // description_html is sanitised by the server (nh3) for exactly this use.
  root.querySelector("[data-task-description]").innerHTML = task.description_html;
  root.querySelector("[data-task]").hidden = false;
  status.hidden = true;
}

async function loadPortfolio(fieldset) {
  try {
    const data = await api("me/portfolio/?page_size=50");
    const items = Array.isArray(data) ? data : data.results || [];
    if (!items.length) return;
    fieldset.querySelector("[data-portfolio-options]").replaceChildren(...items.map((item) =>
      el("div", { class: "check" },
        el("input", { type: "checkbox", id: `pi-${item.id}`, name: "portfolio_item_ids", value: String(item.id) }),
        el("label", { for: `pi-${item.id}`, text: item.title }))));
    fieldset.hidden = false;
  } catch {
    // No portfolio yet (or the portfolio service is unavailable): the link field still works.
  }
}

function renderApply(task) {
  const fragment = document.querySelector("[data-apply-template]").content.cloneNode(true);
  const form = fragment.querySelector("[data-apply-form]");
  const questions = fragment.querySelector("[data-questions]");
  task.questions.forEach((question, i) => {
    questions.append(el("div", { class: "field" },
      el("label", { for: `answer-${i}`, text: question }),
      el("textarea", { id: `answer-${i}`, name: "answers", rows: "3", maxlength: "1000", required: true })));
  });
  loadPortfolio(fragment.querySelector("[data-portfolio-fieldset]"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = {
      note: form.elements.note.value,
      work_sample_link: form.elements.work_sample_link.value,
      portfolio_item_ids: [...form.querySelectorAll("[name=portfolio_item_ids]:checked")].map((i) => Number(i.value)),
      answers: [...form.querySelectorAll("[name=answers]")].map((i) => i.value),
    };
    try {
      const application = await api(`tasks/${taskId}/applications/`, { method: "POST", body });
      window.location.assign(`/applications/${application.id}/`);
    } catch (error) {
      // Without portfolio checkboxes on the form, show "attach work" under the link field.
      if (error.fields.portfolio_item_ids && !form.querySelector("[name=portfolio_item_ids]")) {
        error.fields.work_sample_link = error.fields.portfolio_item_ids;
      }
      showErrors(form, error);
    }
  });
  side.replaceChildren(fragment);
}

function mentorActions(task) {
  const box = el("section", { class: "card", "aria-labelledby": "manage-heading" },
    el("h2", { id: "manage-heading", text: "Your task" }),
    el("p", { class: "muted", text: task.state === "draft" ? "Only you can see this draft. Publish it when it reads well." : "Manage who can still apply." }));
  const error = el("p", { class: "field-error", tabindex: "-1", hidden: true });
  const actions = el("div", { class: "button-row" });
  if (["draft", "open"].includes(task.state)) actions.append(el("a", { class: "button button-secondary", href: `/tasks/${task.id}/edit/`, text: "Edit" }));
  const act = (label, path, cls = "") => el("button", { type: "button", class: cls, text: label, onclick: async () => {
    try { await api(`tasks/${task.id}/${path}/`, { method: "POST" }); window.location.reload(); }
    catch (e) { error.textContent = e.message; error.hidden = false; error.focus(); }
  } });
  if (task.state === "draft") actions.append(act("Publish", "publish"));
  if (task.state === "open") actions.append(act("Close to new applications", "close", "button-secondary"));
  if (task.state === "closed") actions.append(act("Archive", "archive", "button-secondary"));
  if (["draft", "open"].includes(task.state)) actions.append(act("Cancel task", "cancel", "button-danger"));
  box.append(error, actions);
  side.replaceChildren(box);
}

function applicationCard(app, reload) {
  const error = el("p", { class: "field-error", tabindex: "-1", hidden: true });
  const run = async (path, body) => {
    try {
      const result = await api(`applications/${app.id}/${path}/`, { method: "POST", body });
      if (path === "accept") window.location.assign(`/engagements/${result.id}/`);
      else await reload();
    } catch (e) { error.textContent = e.message; error.hidden = false; error.focus(); }
  };
  const pending = ["submitted", "shortlisted"].includes(app.state);
  const declineNote = el("textarea", { id: `decline-${app.id}`, name: "note", rows: "2", maxlength: "1000" });
  const name = app.drafter.display_name || app.drafter.handle;
  return el("li", { class: "card application-card" },
    el("div", { class: "card-head" },
      el("h3", {}, el("a", { href: `/applications/${app.id}/`, text: name })), stateBadge(app.state)),
    app.drafter.headline ? el("p", { class: "muted", text: app.drafter.headline }) : null,
    app.introduced_by ? el("p", { class: "small", text: `Introduced by ${app.introduced_by.display_name || app.introduced_by.handle}` }) : null,
    app.portfolio_items.length ? el("ul", { class: "work-list", "aria-label": `Work from ${name}` },
      app.portfolio_items.map(workItem)) : null,
    app.work_sample_link ? el("p", {}, "Work sample: ", el("a", { href: app.work_sample_link, rel: "noopener noreferrer", text: app.work_sample_link })) : null,
    el("p", { class: "note", text: app.note }),
    app.answers.map((answer, i) => el("p", { class: "small" }, el("strong", { text: `${app.task_questions[i] || "Answer"} ` }), answer)),
    error,
    pending ? el("div", { class: "button-row" },
      app.state === "submitted" ? el("button", { type: "button", class: "button-secondary", text: `Shortlist ${name}`, onclick: () => run("shortlist") }) : null,
      el("button", { type: "button", text: `Accept ${name}`, onclick: () => run("accept") })) : null,
    pending ? el("details", { class: "decline" },
      el("summary", { text: "Decline with a kind note" }),
      el("label", { for: `decline-${app.id}`, text: "Optional note (they will see it)" }), declineNote,
      el("button", { type: "button", class: "button-secondary", text: "Decline", onclick: () => run("decline", { note: declineNote.value }) })) : null,
    app.engagement_id ? el("p", {}, el("a", { href: `/engagements/${app.engagement_id}/`, text: "Open the engagement" })) : null,
  );
}

async function renderApplications() {
  const panel = root.querySelector("[data-mentor-panel]");
  const list = panel.querySelector("[data-applications]");
  const data = await api(`tasks/${taskId}/applications/?page_size=100`);
  panel.hidden = false;
  if (!data.results.length) {
    list.replaceChildren(el("li", {}, emptyState("No applications yet. Share the task link with people who might help, or check back soon.")));
    return;
  }
  list.replaceChildren(...data.results.map((app) => applicationCard(app, renderApplications)));
}

// Anyone signed in can point someone else to this task; the drafter decides, then the mentor sees.
function introduceForm() {
  const handle = el("input", { id: "intro-handle", name: "drafter_handle", maxlength: "40", autocomplete: "off" });
  const note = el("textarea", { id: "intro-note", name: "note", rows: "2", maxlength: "500" });
  const done = el("p", { class: "flash flash-success", role: "status", hidden: true });
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
    try {
      await api("introductions/", { method: "POST", body: { task_id: Number(taskId), drafter_handle: handle.value.trim(), note: note.value } });
      handle.value = ""; note.value = "";
      done.textContent = "Introduction sent. Thank you for connecting people.";
      done.hidden = false;
    } catch (error) {
      showErrors(form, error);
    }
  });
  return form;
}

async function main() {
  let task;
  try {
    task = await api(`tasks/${taskId}/`);
  } catch (error) {
    status.textContent = error.status === 404 ? "This task does not exist or is not visible to you." : error.message;
    return;
  }
  renderTask(task);
  if (task.is_mine) {
    mentorActions(task);
    await renderApplications();
  } else if (task.viewer_application_id) {
    side.replaceChildren(el("div", { class: "card" },
      el("h2", { text: "You applied" }),
      el("p", { text: "Follow your application and talk to the mentor from its page." }),
      el("a", { class: "button", href: `/applications/${task.viewer_application_id}/`, text: "See your application" })));
  } else if (!signedIn) {
    side.replaceChildren(el("div", { class: "card" },
      el("h2", { text: "Want to help?" }),
      el("p", { text: "Log in or sign up to offer your help with your portfolio." }),
      el("a", { class: "button", href: `/accounts/login/?next=/tasks/${taskId}/`, text: "Log in to apply" })));
  } else if (task.state === "open") {
    renderApply(task);
  }
  if (task.is_mine || task.viewer_application_id) return;
  if (task.state !== "open") {
    side.replaceChildren(el("div", { class: "card" }, el("p", { text: "This task is not taking applications." }),
      el("a", { href: "/tasks/", text: "Browse open tasks" })));
  } else if (signedIn) {
    side.append(introduceForm());
  }
}

main();
