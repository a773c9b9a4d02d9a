// /notifications/: the in-app inbox from GET /api/v1/me/notifications/.
import { api, showErrors, showLoadError } from "./api.js";
import { announce, dateTime, el, emptyState, fill } from "./ui.js";

const root = document.querySelector("[data-notifications]");
const list = root.querySelector("[data-list]");
const status = root.querySelector("[data-status]");
const more = root.querySelector("[data-more]");

function item(n) {
  return el("li", { class: `row-card notification ${n.read_at ? "" : "unread"}` },
    n.read_at ? null : el("span", { class: "badge", text: "New" }),
    n.url ? el("a", { href: n.url, text: n.title }) : el("strong", { text: n.title }),
    n.body ? el("span", { class: "muted small notification-body", text: n.body }) : null,
    el("span", { class: "muted small", text: dateTime(n.created_at) }));
}

async function load(url, replace) {
  const data = await api(url);
  status.textContent = data.unread_count ? `${data.unread_count} unread` : "All caught up.";
  const before = replace ? 0 : list.children.length;
  if (replace) fill(list);
  if (!data.results.length && !list.children.length) {
    fill(list, el("li", {}, emptyState("Nothing yet. When someone applies, replies or thanks you, you will hear about it here.")));
  }
  list.append(...data.results.map(item));
  more.hidden = !data.next;
  more.dataset.next = data.next || "";
  return before;
}

more.addEventListener("click", async () => {
  try {
    const before = await load(more.dataset.next, false);
    // Focus stays on "Show older" while there is more, then moves to the first older one.
    const first = list.children[before];
    if (!more.hidden) more.focus();
    else if (first) { first.tabIndex = -1; first.focus(); }
  } catch (error) { showErrors(root, error); }
});
const markAll = root.querySelector("[data-mark-all]");
markAll.addEventListener("click", async () => {
  try {
    await api("me/notifications/read/", { method: "POST", body: {} });
    await load("me/notifications/", true);
    const count = document.querySelector("[data-bell-count]");
    if (count) count.hidden = true;
    announce(status, "All caught up: every notification is marked as read.");
  } catch (error) { showErrors(root, error); }
});
load("me/notifications/", true).catch((error) => showLoadError(error, status));
