// Small DOM helpers shared by the marketplace pages. Text always goes in as textContent.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function money(amount, currency) {
  if (!amount) return "";
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency: (currency || "usd").toUpperCase() }).format(amount / 100);
  } catch {
    return `${(amount / 100).toFixed(2)} ${currency}`;
  }
}

export function date(value) {
  if (!value) return "";
  const d = new Date(value.length === 10 ? `${value}T00:00:00` : value);
  return d.toLocaleDateString("en", { year: "numeric", month: "short", day: "numeric" });
}

export function dateTime(value) {
  if (!value) return "";
  return new Date(value).toLocaleString("en", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

const STATE_LABELS = {
  draft: ["Draft", "badge-muted"], open: ["Open", "badge-success"], closed: ["Closed", "badge-muted"],
  archived: ["Archived", "badge-muted"], cancelled: ["Cancelled", "badge-danger"],
  submitted: ["Submitted", ""], shortlisted: ["Shortlisted", "badge-warning"], accepted: ["Accepted", "badge-success"],
  declined: ["Declined", "badge-muted"], withdrawn: ["Withdrawn", "badge-muted"],
  awaiting_funding: ["Awaiting funding", "badge-warning"], active: ["In progress", ""],
  delivered: ["Delivered", "badge-warning"], completed: ["Completed", "badge-success"],
};

export function stateBadge(state) {
  const [label, cls] = STATE_LABELS[state] || [state, ""];
  return el("span", { class: `badge ${cls}`.trim() }, el("span", { class: "visually-hidden", text: "State: " }), label);
}

export function skillBadges(skills) {
  if (!skills || !skills.length) return null;
  return el("ul", { class: "skill-list", "aria-label": "Skills" }, skills.map((s) => el("li", { class: "badge", text: s.name || s })));
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

export function taskCard(task, { headingLevel = "h3" } = {}) {
  const meta = [
    `${task.estimated_hours} h`,
    task.is_remote ? "Remote" : task.location,
    task.deadline ? `Due ${date(task.deadline)}` : null,
    `${task.slots - task.filled_slots} of ${task.slots} places left`,
  ].filter(Boolean);
  return el("li", { class: "card task-card" },
    el(headingLevel, { class: "task-card-title" }, el("a", { href: `/tasks/${task.id}/`, text: task.title })),
    el("p", { class: "muted task-card-meta", text: meta.join(" · ") }),
    task.excerpt ? el("p", { class: "task-card-excerpt", text: plain(task.excerpt) + (task.excerpt.length >= 240 ? "…" : "") }) : null,
    skillBadges(task.skills),
    rewardLine(task),
    task.mentor_name || task.mentor_handle ? el("p", { class: "muted small", text: `Posted by ${task.mentor_name || task.mentor_handle}` }) : null,
  );
}

export function emptyState(text, link) {
  return el("div", { class: "empty-state" }, el("p", { text }), link ? el("a", { class: "button button-secondary", href: link.href, text: link.text }) : null);
}

export function say(node, text) {
  // A polite live region message (status of an action).
  node.textContent = text;
  node.hidden = !text;
}

// A message thread with a send form; `url` is the API path of the thread.
export async function mountThread(container, url, api, showErrors) {
  const list = el("ol", { class: "thread", "aria-live": "polite" });
  const textarea = el("textarea", { id: "message-body", name: "body", maxlength: "2000", rows: "3", required: true });
  const form = el("form", { class: "thread-form" },
    el("p", { class: "field-error", "data-form-error": true, tabindex: "-1", hidden: true }),
    el("label", { for: "message-body", text: "Write a message" }),
    textarea,
    el("p", { class: "helptext", text: "Plain text, up to 2,000 characters. Only the two of you can read this." }),
    el("button", { type: "submit", text: "Send message" }),
  );
  container.replaceChildren(list, form);
  async function load() {
    const data = await api(url + "?page_size=100");
    const messages = data.results.slice().reverse();
    list.replaceChildren(...(messages.length ? messages.map((m) =>
      el("li", { class: `message ${m.is_mine ? "message-mine" : ""}` },
        el("p", { class: "message-meta muted small", text: `${m.is_mine ? "You" : m.sender.display_name || m.sender.handle} · ${dateTime(m.created_at)}` }),
        el("p", { class: "message-body", text: m.body }),
      )) : [el("li", { class: "muted", text: "No messages yet. Say hello — keep it about the work." })]));
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api(url, { method: "POST", body: { body: textarea.value } });
      textarea.value = "";
      await load();
    } catch (error) {
      showErrors(form, error);
    }
  });
  await load();
}

// One attached portfolio item: its title (linked when it has a link), its file, its summary.
export function workItem(item) {
  return el("li", {},
    item.link ? el("a", { href: item.link, rel: "noopener noreferrer", text: item.title }) : el("strong", { text: item.title }),
    item.file ? el("span", {}, " · ", el("a", { href: item.file.url, text: `Open ${item.file.name}` })) : null,
    item.description ? el("span", { class: "muted", text: ` — ${item.description}` }) : null);
}
