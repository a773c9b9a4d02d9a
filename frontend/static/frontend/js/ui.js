// The one way pages build DOM: el() and fill() create nodes with text as textContent, so user
// text can never become markup. Absent values (null, undefined, false) render as nothing.
import { api, errorText, showErrors, siteConfig, textLimit } from "./api.js";

function nodes(children) {
  return children.flat(Infinity)
    .filter((child) => child !== null && child !== undefined && child !== false && child !== "")
    .map((child) => (child instanceof Node ? child : document.createTextNode(String(child))));
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...nodes(children));
  return node;
}

// Replace a node's children; nulls and empty lists leave nothing behind (never the text "null").
export function fill(node, ...children) {
  node.replaceChildren(...nodes(children));
  return node;
}

// HTML the server has already sanitised with its allow-list (task descriptions, bios). Parsed
// inert by DOMParser (no scripts run) and moved in as nodes.
export function fillSanitised(node, html) {
  const doc = new DOMParser().parseFromString(html || "", "text/html");
  node.replaceChildren(...doc.body.childNodes);
}

// The result of an action: a status line that says what happened (and, with `next`, the link to
// the next step) and takes keyboard focus, so focus never falls back to the top of the page when
// the content under it is redrawn.
export function announce(node, text, next = null) {
  fill(node, text, next ? [" ", el("a", { href: next.href, text: next.text })] : null);
  node.hidden = !text;
  if (!text) return;
  if (!node.hasAttribute("tabindex")) node.tabIndex = -1;
  node.focus();
}

// "1 place", "3 places": every count on a page goes through here.
export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

// A list that follows the API's cursor: the first page, then a "Load more" button for each next
// page. `older: true` puts later pages above the first (message threads read oldest first).
export function pagedList(list, { url, item, empty, moreLabel = "Load more", older = false, onError }) {
  const more = el("button", { type: "button", class: "button-secondary button-small load-more", hidden: true, text: moreLabel });
  if (older) list.before(more); else list.after(more);
  let next = null;
  async function load(pageUrl, replace) {
    more.disabled = true;
    try {
      const page = await api(pageUrl);
      const rows = page.results.map(item);
      const shown = older ? rows.reverse() : rows;
      if (replace) fill(list, shown);
      else if (older) list.prepend(...shown);
      else list.append(...shown);
      if (!list.children.length && empty) fill(list, empty());
      next = page.next;
      more.hidden = !next;
      return page;
    } catch (error) {
      if (onError) onError(error); else throw error;
      return null;
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener("click", async () => {
    const before = list.children.length;
    await load(next, false);
    // Keyboard focus stays on "Load more" while there is more, then moves to the first new row.
    const first = older ? list.children[list.children.length - before - 1] : list.children[before];
    if (!more.hidden) more.focus();
    else if (first) {
      if (!first.hasAttribute("tabindex")) first.tabIndex = -1;
      first.focus();
    }
  });
  return { reload: () => load(url, true), more };
}

export function money(amount, currency) {
  if (!amount) return "";
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency: (currency || "usd").toUpperCase() }).format(amount / 100);
  } catch {
    return `${(amount / 100).toFixed(2)} ${currency}`;
  }
}

// The file types and size allowed, from /api/v1/config/'s `upload` limits.
export function uploadLimitsText(upload) {
  return `${upload.extensions.map((x) => x.replace(/^\./, "").toUpperCase()).join(", ")}; up to ${Math.round(upload.max_bytes / (1024 * 1024))} MB.`;
}

// One date format everywhere, the same as the server's (DATE_FORMAT in marketplace/formats):
// "7 Dec 2026", and "7 Dec 2026, 14:05" where the time matters. Built by hand rather than with
// toLocaleDateString, whose month names change with the browser ("Sept" in recent ICU).
// A bare "2026-12-07" is a calendar day, read as such (not as UTC midnight).
export const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function parsed(value) {
  if (value instanceof Date) return value;
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00` : value);
}

export function date(value) {
  if (!value) return "";
  const d = parsed(value);
  if (Number.isNaN(d.getTime())) return "";
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}

export function dateTime(value) {
  if (!value) return "";
  const d = parsed(value);
  if (Number.isNaN(d.getTime())) return "";
  const two = (n) => String(n).padStart(2, "0");
  return `${date(d)}, ${two(d.getHours())}:${two(d.getMinutes())}`;
}

// A time of day with the zone the browser shows it in ("14:05 UTC", "09:05 EST", "15:05 GMT+1"),
// for lines where a bare "14:05" would leave the reader guessing whose clock it is.
export function timeWithZone(value) {
  if (!value) return "";
  const d = parsed(value);
  if (Number.isNaN(d.getTime())) return "";
  const two = (n) => String(n).padStart(2, "0");
  const zone = new Intl.DateTimeFormat("en-US", { timeZoneName: "short" }).formatToParts(d).find((p) => p.type === "timeZoneName");
  return `${two(d.getHours())}:${two(d.getMinutes())}${zone ? ` ${zone.value}` : ""}`;
}

const STATE_LABELS = {
  draft: ["Draft", "badge-muted"], open: ["Open", "badge-success"], closed: ["Closed", "badge-muted"],
  archived: ["Archived", "badge-muted"], cancelled: ["Cancelled", "badge-danger"],
  submitted: ["Submitted", ""], shortlisted: ["Shortlisted", "badge-warning"], accepted: ["Accepted", "badge-success"],
  declined: ["Declined", "badge-muted"], withdrawn: ["Withdrawn", "badge-muted"],
  awaiting_funding: ["Awaiting funding", "badge-warning"], active: ["In progress", ""],
  delivered: ["Delivered", "badge-warning"], completed: ["Completed", "badge-success"],
};

// `waitingOn` (the mentor's name, for the drafter who applied) words a submitted application as
// the offer pages word a pending offer: "Waiting for Hannah Kim’s answer", not a bare "Submitted".
export function stateBadge(state, { waitingOn = null } = {}) {
  const [label, cls] = state === "submitted" && waitingOn
    ? [`Waiting for ${waitingOn}’s answer`, "badge-warning"]
    : STATE_LABELS[state] || [state, ""];
  return el("span", { class: `badge ${cls}`.trim() }, el("span", { class: "visually-hidden", text: "State: " }), label);
}

// Skill chips; each one is a link that filters the task list by that skill's name.
export function skillBadges(skills, { link = true } = {}) {
  if (!skills || !skills.length) return null;
  return el("ul", { class: "skill-list", "aria-label": "Skills" }, skills.map((s) => {
    const name = s.name || s;
    return el("li", { class: link ? "chip-item" : "badge" }, link
      ? el("a", { class: "badge chip", href: `/tasks/?skills=${encodeURIComponent(name)}`, title: `Open tasks needing ${name}` }, name)
      : name);
  }));
}

// "1 place open", "3 places open", "2 of 3 places open": how many a drafter can still get,
// with the total only when it differs (people read "1 place left of 1" as a puzzle).
export function placesLeft(task) {
  const open = Math.max(task.slots - task.filled_slots, 0);
  if (open === 0) return "No places open";
  if (open === task.slots) return `${plural(open, "place")} open`;
  return `${open} of ${plural(task.slots, "place")} open`;
}

// A person's photo, or their initials in a circle when there is none (decorative: the name is
// always written next to it).
export function avatar(url, name, size = "small") {
  if (url) return el("img", { class: `avatar avatar-${size}`, src: url, alt: "", width: size === "small" ? 40 : 64, height: size === "small" ? 40 : 64, loading: "lazy" });
  const initials = (name || "?").split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join("");
  return el("span", { class: `avatar avatar-${size} avatar-initials`, "aria-hidden": "true", text: initials });
}

export function rewardLine(task) {
  if (task.stipend_amount) {
    return el("p", { class: "reward reward-paid" }, el("strong", { text: "Stipend: " }), money(task.stipend_amount, task.stipend_currency));
  }
  return el("p", { class: "reward" }, el("strong", { text: "Unpaid — what you'll gain: " }), task.what_you_gain || "");
}

// Excerpts are cut from Markdown: drop its markup characters for a plain preview.
function plain(text) {
  return text.replace(/[*_#>`]+/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
}

// "Featured by your career office": the offices' names say which one, for a screen reader too.
export function featuredBadge(offices) {
  if (!offices || !offices.length) return null;
  return el("p", { class: "badge badge-featured", title: `Featured by ${offices.join(", ")}`, text: "Featured by your career office" });
}

export function taskCard(task, { headingLevel = "h3", featuredBy = null } = {}) {
  const meta = [
    `${task.estimated_hours} h`,
    task.is_remote ? "Remote" : task.location,
    task.deadline ? `Due ${date(task.deadline)}` : null,
    placesLeft(task),
  ].filter(Boolean);
  const mentor = task.mentor_name || task.mentor_handle;
  return el("li", { class: "card task-card" },
    el(headingLevel, { class: "task-card-title" }, el("a", { href: `/tasks/${task.id}/`, text: task.title })),
    el("p", { class: "muted task-card-meta", text: meta.join("\u00a0· ") }),
    task.level ? el("p", { class: "task-card-level" }, levelBadge(task.level)) : null,
    featuredBadge(featuredBy),
    task.excerpt ? el("p", { class: "task-card-excerpt", text: plain(task.excerpt) + (task.excerpt.length >= 240 ? "…" : "") }) : null,
    skillBadges(task.skills),
    rewardLine(task),
    mentor ? el("p", { class: "byline" }, avatar(task.mentor_avatar_url, mentor),
      el("span", {}, "Posted by ", el("a", { href: `/u/${task.mentor_handle}/`, text: mentor }),
        task.mentor_organisation ? `, ${task.mentor_organisation}` : "",
        task.published_at ? el("span", { class: "muted", text: `\u00a0· ${date(task.published_at)}` }) : null)) : null,
    responseRateText(task.mentor_response_rate, task.mentor_median_reply_hours)
      ? el("p", { class: "muted task-card-response", text: responseRateText(task.mentor_response_rate, task.mentor_median_reply_hours) }) : null,
  );
}

// "✓ Verified at acme.com": one line, never wrapped. In a narrow card the words "Verified at"
// step out of sight (still read aloud) so the domain itself fits; the title says it all.
export function verifiedPill(domain, { tag = "span", attrs = {} } = {}) {
  return el(tag, { class: "badge badge-verified", title: `This mentor confirmed an e-mail address at ${domain}`, ...attrs },
    "✓ ", el("span", { class: "verified-words", text: "Verified at " }), domain);
}

// A badge or pill followed by a "·" separator: the two never part at a wrap (Chrome breaks
// after an inline-block even before a no-break space), so a line never starts with the "·".
export function glued(node) {
  return el("span", { class: "sep-glue" }, node, el("span", { class: "muted", text: "\u00a0·" }));
}

export function emptyState(text, link) {
  return el("div", { class: "empty-state" }, el("p", { text }), link ? el("a", { class: "button button-secondary", href: link.href, text: link.text }) : null);
}


// Where a message was written, said on the engagement's timeline (which holds the offer's and
// the application's messages too): one conversation per piece of work.
const WRITTEN_ON = { offer: "on the offer", application: "on the application", engagement: "on the engagement" };

// A message thread; with `canSend`, a send form under it. `url` is the API path of the thread.
// With `continueAt` (an engagement's page), a link there stands where the form would: the
// conversation of an accepted offer or application goes on in its engagement.
export async function mountThread(container, url, { canSend = true, continueAt = null } = {}) {
  const here = url.split("/")[0].replace(/s$/, "");
  const list = el("ol", { class: "thread", "aria-live": "polite" });
  const limit = textLimit(await siteConfig(), "message.body");
  const textarea = el("textarea", { id: "message-body", name: "body", maxlength: limit, rows: "3", required: true });
  const form = canSend ? el("form", { class: "thread-form" },
    el("p", { class: "field-error", "data-form-error": true, tabindex: "-1", hidden: true }),
    el("label", { for: "message-body", text: "Write a message" }),
    textarea,
    el("p", { class: "helptext", text: `Plain text${limit ? `, up to ${Number(limit).toLocaleString("en-US")} characters` : ""}. Only the two of you can read this.` }),
    el("button", { type: "submit", text: "Send message" }),
  ) : null;
  const onward = continueAt ? el("p", { class: "thread-onward" },
    el("a", { class: "button button-secondary", href: continueAt, text: "Continue the conversation on the engagement" })) : null;
  fill(container, list, form || onward);
  const thread = pagedList(list, {
    url,
    older: true,
    moreLabel: "Show earlier messages",
    item: (m) => el("li", { class: `message ${m.is_mine ? "message-mine" : ""}` },
      el("p", { class: "message-meta muted small", text: [m.is_mine ? "You" : m.sender.display_name || m.sender.handle, dateTime(m.created_at),
        m.thread && m.thread !== here ? WRITTEN_ON[m.thread] : null].filter(Boolean).join("\u00a0· ") }),
      el("p", { class: "message-body", text: m.body })),
    empty: () => el("li", { class: "muted", text: canSend ? "No messages yet. Say hello — keep it about the work." : continueAt ? "No messages here before the engagement began." : "No messages." }),
    onError: (error) => fill(list, el("li", { class: "field-error", role: "alert", text: `The messages could not be loaded. ${errorText(error)}` })),
  });
  form?.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api(url, { method: "POST", body: { body: textarea.value } });
      textarea.value = "";
      await thread.reload();
      textarea.focus();  // ready for the next message; the new one is announced by the live list
    } catch (error) {
      showErrors(form, error);
    }
  });
  await thread.reload();
}

// One attached portfolio item: its title (linked when it has a link), its file, its summary.
// A portfolio piece is shown one way everywhere (application, offer, profile): its title links
// to its link, and a file adds "Open <file name>". Someone else's link, so nofollow and ugc.
export function workTitle(item) {
  return item.link
    ? el("a", { href: item.link, rel: "nofollow noopener noreferrer ugc", text: item.title })
    : el("strong", { text: item.title });
}

export function workFile(item) {
  if (!item.file) return null;
  return el("a", { class: "work-file", href: item.file.url, text: `Open ${item.file.name || item.title}` });
}

export function workItem(item) {
  const file = workFile(item);
  return el("li", {}, workTitle(item), file ? el("span", {}, "\u00a0· ", file) : null,
    item.description ? el("span", { class: "muted", text: ` — ${item.description}` }) : null);
}

// --- Levels and response rates (closure guarantee) ---------------------------------------------
export const LEVEL_LABELS = {
  beginner_friendly: "Beginner-friendly", some_experience: "Some experience", experienced: "Experienced",
};

// The level a task needs, as a labelled badge (cards and the task page).
export function levelBadge(level) {
  if (!level) return null;
  const cls = level === "beginner_friendly" ? "badge-success" : level === "experienced" ? "badge-warning" : "badge-muted";
  return el("span", { class: `badge ${cls}` }, el("span", { class: "visually-hidden", text: "Level: " }), LEVEL_LABELS[level] || level);
}

// "Answers 80% of applications, usually within 9 hours" — null until the API has enough to say.
export function responseRateText(rate, medianHours) {
  if (rate == null) return null;
  const share = `Answers ${Math.round(rate * 100)}% of applications`;
  return medianHours == null ? share : `${share}, usually within ${plural(medianHours, "hour")}`;
}
