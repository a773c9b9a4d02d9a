// /dashboard/: mentor and drafter sections from GET /api/v1/me/dashboard/.
import { api, showErrors, showLoadError } from "./api.js";
import { announce, el, fill, stateBadge } from "./ui.js";

const root = document.querySelector("[data-dashboard]");
const $ = (sel) => root.querySelector(sel);

function row(href, title, state, detail) {
  return el("li", { class: "row-card" },
    el("a", { href, text: title }), stateBadge(state), detail ? el("span", { class: "muted small", text: detail }) : null);
}

function fillList(list, items, empty) {
  fill(list, items.length ? items : el("li", { class: "empty-state small", text: empty }));
}

function engagementRow(e, role) {
  const other = role === "mentor" ? e.drafter : e.mentor;
  return row(`/engagements/${e.id}/`, e.task.title, e.state, `with ${other.display_name || other.handle}`);
}

// Accepting or declining an introduction redraws the dashboard and says what happened.
function introduction(i) {
  const item = el("li", { class: "row-card" },
    el("a", { href: `/tasks/${i.task.id}/`, text: i.task.title }),
    el("span", { class: "muted small", text: `${i.introducer.display_name || i.introducer.handle}: “${i.note}”` }));
  const answer = (action, done) => async () => {
    try {
      await api(`introductions/${i.id}/${action}/`, { method: "POST" });
      await main();
      announce($("[data-status]"), done);
    } catch (error) { showErrors(item, error); }
  };
  item.append(
    el("button", { type: "button", class: "button-small", text: "Accept", onclick: answer("accept", `Introduction accepted: the mentor of “${i.task.title}” can see it now.`) }),
    el("button", { type: "button", class: "button-small button-secondary", text: "Decline", onclick: answer("decline", "Introduction declined.") }));
  return item;
}

async function main() {
  const data = await api("me/dashboard/");
  $("[data-status]").textContent = data.unread_messages ? `You have ${data.unread_messages} unread ${data.unread_messages === 1 ? "message" : "messages"}.` : "";
  const steps = data.drafter.next_steps;
  if (steps.length) {
    $("[data-next]").hidden = false;
    fill($("[data-next-list]"), steps.map((s) => el("li", {}, el("a", { href: s.url, text: s.text }))));
  }
  fillList($("[data-drafter-engagements]"), data.drafter.engagements.map((e) => engagementRow(e, "drafter")),
    "No engagements yet. When a mentor accepts your application, the work appears here.");
  fillList($("[data-drafter-applications]"), data.drafter.applications.map((a) => row(`/applications/${a.id}/`, a.task.title, a.state)),
    "You have not applied to anything yet. Browse tasks and offer to help with one that fits your work.");
  if (data.drafter.introductions.length) {
    $("[data-introductions-box]").hidden = false;
    fill($("[data-introductions]"), data.drafter.introductions.map(introduction));
  } else {
    $("[data-introductions-box]").hidden = true;
  }
  fillList($("[data-review]"), data.mentor.applications_to_review.map((a) => row(`/applications/${a.id}/`, `${a.drafter.display_name || a.drafter.handle} → ${a.task.title}`, a.state)),
    "Nothing to review. New applications to your tasks will show up here.");
  fillList($("[data-mentor-engagements]"), data.mentor.engagements.map((e) => engagementRow(e, "mentor")),
    "No engagements yet. Accept an application to start one.");
  fillList($("[data-tasks]"), data.mentor.tasks.map((t) => row(`/tasks/${t.id}/`, t.title, t.state,
    `${t.applications_pending} to review · ${t.applications_total} applications · ${t.filled_slots}/${t.slots} places filled`)),
    "You have not posted a task. Have overflow work? Post it and let a drafter help.");
}

main().catch((error) => showLoadError(error, $("[data-status]")));
