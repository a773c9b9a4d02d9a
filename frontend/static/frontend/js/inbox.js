// /messages/: one row per piece of work (an offer, an application, or the engagement they became)
// with its unread count, from GET /api/v1/me/threads/ (the 100 most recent threads).
import { api, showLoadError } from "./api.js";
import { dateTime, el, emptyState, fill, plural } from "./ui.js";

const root = document.querySelector("[data-inbox-page]");
const status = root.querySelector("[data-status]");
const list = root.querySelector("[data-inbox]");

function row(thread) {
  const other = thread.other.display_name || thread.other.handle;
  // An offer or application that became an engagement is listed once, as that work.
  const kind = { engagement: "Work", offer: "Offer", application: "Application" }[thread.kind] || "Conversation";
  return el("li", { class: `inbox-row${thread.unread_count ? " unread" : ""}` },
    el("p", {}, el("a", { href: thread.url }, el("strong", { text: other }), ` · ${kind}: ${thread.task_title}`)),
    el("p", { class: "muted small", text: thread.last_message_at ? dateTime(thread.last_message_at) : "No messages yet" }),
    el("p", { class: "muted", text: thread.last_message_excerpt || "" }),
    thread.unread_count ? el("p", {}, el("span", { class: "badge badge-warning", text: `${plural(thread.unread_count, "unread message")}` })) : el("span"));
}

async function main() {
  const data = await api("me/threads/");
  const threads = data.results || [];
  status.textContent = threads.length
    ? `${plural(threads.length, "conversation")}${data.unread_total ? `, ${plural(data.unread_total, "unread message")}` : ""}.`
    : "";
  fill(list, threads.length ? threads.map(row)
    : el("li", {}, emptyState("No conversations yet. Messages start when you apply to a task, or when someone applies to yours.", { href: "/tasks/", text: "Browse tasks" })));
}

main().catch((error) => showLoadError(error, status));
