// /notifications/: the in-app inbox from GET /api/v1/me/notifications/.
import { api } from "./api.js";
import { dateTime, el, emptyState } from "./ui.js";

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
  if (replace) list.replaceChildren();
  if (!data.results.length && !list.children.length) {
    list.replaceChildren(el("li", {}, emptyState("Nothing yet. When someone applies, replies or thanks you, you will hear about it here.")));
  }
  list.append(...data.results.map(item));
  more.hidden = !data.next;
  more.dataset.next = data.next || "";
}

more.addEventListener("click", () => load(more.dataset.next, false));
root.querySelector("[data-mark-all]").addEventListener("click", async () => {
  await api("me/notifications/read/", { method: "POST", body: {} });
  await load("me/notifications/", true);
  const count = document.querySelector("[data-bell-count]");
  if (count) count.hidden = true;
});
load("me/notifications/", true).catch((error) => { status.textContent = error.message; });
