// /messages/: one row per piece of work (an offer, an application, or the engagement they became)
// with its unread count, from GET /api/v1/me/threads/ (the 100 most recent threads).
// A thread is listed once a message is written in it: applying or sending an offer alone does
// not start one. So the person's own applications and offers still waiting for an answer, with
// no message yet, are listed under "Waiting for a first message", linking to their pages.
import { api, showLoadError } from "./api.js";
import { offerStateBadge } from "./offer_states.js";
import { date, dateTime, el, fill, plural, stateBadge } from "./ui.js";

const root = document.querySelector("[data-inbox-page]");
const status = root.querySelector("[data-status]");
const list = root.querySelector("[data-inbox]");
const waitingBox = root.querySelector("[data-waiting-box]");
const waitingList = root.querySelector("[data-waiting]");
const empty = root.querySelector("[data-inbox-empty]");

function row(thread) {
  const other = thread.other.display_name || thread.other.handle;
  // An offer or application that became an engagement is listed once, as that work.
  const kind = { engagement: "Work", offer: "Offer", application: "Application" }[thread.kind] || "Conversation";
  return el("li", { class: `inbox-row${thread.unread_count ? " unread" : ""}` },
    el("p", {}, el("a", { href: thread.url }, el("strong", { text: other }), `\u00a0· ${kind}: ${thread.task_title}`)),
    el("p", { class: "muted small", text: thread.last_message_at ? dateTime(thread.last_message_at) : "No messages yet" }),
    el("p", { class: "muted", text: thread.last_message_excerpt || "" }),
    thread.unread_count ? el("p", {}, el("span", { class: "badge badge-warning", text: `${plural(thread.unread_count, "unread message")}` })) : el("span"));
}

function waitingRow({ url, kind, title, mentor, since, badge }) {
  return el("li", { class: "waiting-row" },
    el("p", {}, el("a", { href: url }, el("strong", { text: `${kind}: ${title}` }))),
    el("p", { class: "muted small", text: `Sent to ${mentor} on ${date(since)}. No messages yet.` }),
    el("p", {}, badge));
}

// The person's applications and sent offers still waiting for an answer (first page of each:
// the newest). A failure here must not hide the conversations, so it yields nothing.
async function waitingItems() {
  const [applications, offers] = await Promise.all([
    api("me/applications/").catch(() => ({ results: [] })),
    api("me/offers/?box=sent").catch(() => ({ results: [] })),
  ]);
  const items = [];
  for (const a of applications.results || []) {
    if (!["submitted", "shortlisted"].includes(a.state)) continue;
    const mentor = a.mentor.display_name || a.mentor.handle;
    items.push({ url: `/applications/${a.id}/`, kind: "Application", title: a.task.title, mentor, since: a.created_at, badge: stateBadge(a.state, { waitingOn: mentor }) });
  }
  for (const o of offers.results || []) {
    if (o.state !== "pending") continue;
    const mentor = o.mentor.display_name || o.mentor.handle;
    items.push({ url: `/offers/${o.id}/`, kind: "Offer", title: o.title, mentor, since: o.created_at, badge: offerStateBadge(o.state, { waitingOn: mentor }) });
  }
  return items.sort((a, b) => (a.since < b.since ? 1 : -1));
}

async function main() {
  const [data, waiting] = await Promise.all([api("me/threads/"), waitingItems()]);
  const threads = data.results || [];
  const talking = new Set(threads.map((t) => t.url));
  const quiet = waiting.filter((item) => !talking.has(item.url));
  status.textContent = threads.length
    ? `${plural(threads.length, "conversation")}${data.unread_total ? `, ${plural(data.unread_total, "unread message")}` : ""}.`
    : "";
  list.hidden = !threads.length;
  fill(list, threads.map(row));
  waitingBox.hidden = !quiet.length;
  fill(waitingList, quiet.map(waitingRow));
  empty.hidden = Boolean(threads.length);
}

main().catch((error) => showLoadError(error, status));
