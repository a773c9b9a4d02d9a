// The notification bell in the header: shows how many notifications are unread.
import { api } from "./api.js";

const bell = document.querySelector("[data-bell]");
const count = document.querySelector("[data-bell-count]");
// Opening an engagement, application or offer is reading what its notices pointed at: they are
// marked read first, so the count below (and the inbox) no longer asks about them.
const PAGES_WITH_NOTICES = /^\/(engagements|applications|offers)\/[^/]+\/$/;
const seen = bell && PAGES_WITH_NOTICES.test(window.location.pathname)
  ? api("me/notifications/read/", { method: "POST", body: { url: window.location.pathname } }).catch(() => {})
  : Promise.resolve();
if (bell && count) {
  seen.then(() => api("me/notifications/?page_size=1")).then((data) => {
    const n = data.unread_count || 0;
    count.textContent = n > 99 ? "99+" : String(n);
    count.hidden = n === 0;
    bell.setAttribute("aria-label", n ? `Notifications, ${n} unread` : "Notifications");
  }).catch(() => {});
}

// Messages in the header: the unread count across every thread (GET /api/v1/me/threads/).
const inbox = document.querySelector("[data-inbox-link]");
const inboxCount = document.querySelector("[data-inbox-count]");
if (inbox && inboxCount && window.location.pathname !== "/messages/") {
  api("me/threads/").then((data) => {
    const n = data.unread_total || 0;
    // The visible number plus a hidden word, so the link's name starts with what is seen.
    inboxCount.textContent = n > 99 ? "99+" : String(n);
    inboxCount.hidden = n === 0;
    const word = document.createElement("span");
    word.className = "visually-hidden";
    word.textContent = " unread";
    if (n) inboxCount.after(word);
  }).catch(() => {});
}
