// Calls /api/v1/ with the session cookie and CSRF token, and reports every failure the same way:
// what happened (the API's message) and what to do, with per-field messages on the fields.

export function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

// A field's messages, however the API nested them (lists of row errors too). The API writes
// every message for people (marketplace/api/messages.py); pages show them exactly as sent.
function messagesOf(value) {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(messagesOf);
  if (typeof value === "object") return Object.values(value).flatMap(messagesOf);
  return [String(value)];
}

export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || `Request failed (${status})`);
    this.status = status;
    this.code = error.code || "unknown";
    this.fields = Object.fromEntries(Object.entries(error.fields || {}).map(([name, messages]) => [name, messagesOf(messages)]));
  }
}

// `path` is relative to /api/v1/, a site path ("/api/v1/…"), or a full URL the API handed out
// (a cursor's `next` link).
function apiUrl(path) {
  if (/^https?:\/\//.test(path)) return path;
  return path.startsWith("/") ? path : `/api/v1/${path}`;
}

export async function api(path, { method = "GET", body, headers = {} } = {}) {
  const init = { method, credentials: "same-origin", headers: { Accept: "application/json", ...headers } };
  if (method !== "GET" && method !== "HEAD") init.headers["X-CSRFToken"] = csrfToken();
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(apiUrl(path), init);
  } catch {
    throw new ApiError(0, null);
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

// The site's public limits (upload size and types, auto-release and feedback-reveal days, page
// size), fetched once per page. Copy that mentions a limit reads it from here.
let configPromise = null;
export function siteConfig() {
  configPromise ??= api("config/").catch(() => null);
  return configPromise;
}

// The most characters a form's text field takes ("feedback.text"), as the API's input
// serializer says (config `limits`); null when the config could not be loaded (the API still
// refuses longer text, with a message).
export function textLimit(config, name) {
  const [form, field] = name.split(".");
  const value = config && config.limits && config.limits[form] && config.limits[form][field];
  return value ? String(value) : null;
}

// Tasks the signed-in person's career office features for them ({task id: [office names]}).
// A decoration, not the page's data: visitors and a failed load simply get no badges.
let featuredPromise = null;
export function featuredTasks() {
  featuredPromise ??= "signedIn" in document.body.dataset
    ? api("me/featured-tasks/").then((body) => body.featured || {}).catch(() => ({}))
    : Promise.resolve({});
  return featuredPromise;
}

// One sentence for any failure: what happened, then what to do about it.
export function errorText(error) {
  const status = error && error.status;
  if (status === 0 || !(error instanceof ApiError)) {
    return "Slipstream could not be reached. Check your connection and try again.";
  }
  if (status === 401) return "You are signed out. Log in again, then retry.";
  if (status === 404) return `${error.message} It may have been removed, or it is not yours to see.`;
  if (status >= 500) return "Something went wrong on our side. Wait a moment and try again.";
  if (status === 429) return "Too many requests. Wait a minute and try again.";
  return error.message;
}

function summaryNode(container) {
  let summary = container.querySelector("[data-form-error]");
  if (!summary) {
    summary = document.createElement("p");
    summary.className = "field-error";
    summary.dataset.formError = "";
    container.prepend(summary);
  }
  summary.setAttribute("role", "alert");
  summary.tabIndex = -1;
  return summary;
}

// Report a failed action inside `container` (a form or any box): each field's messages under its
// input (matched by name), a summary line, and focus on the first field in error or the summary.
// A field's message goes as soon as the person changes that field; the summary goes with the
// last of them (sendForm clears everything once the action succeeds).
export function showErrors(container, error) {
  clearErrors(container);
  const fields = (error && error.fields) || {};
  let first = null;
  for (const [name, messages] of Object.entries(fields)) {
    const input = container.querySelector(`[name="${CSS.escape(name)}"]`);
    if (!input) continue;
    const note = document.createElement("p");
    note.className = "field-error";
    note.id = `${input.id || name}-error`;
    note.textContent = [].concat(messages).join(" ");
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", [input.getAttribute("aria-describedby"), note.id].filter(Boolean).join(" "));
    // A checkbox or radio group's message belongs to the whole group: a full-width line under
    // its legend, not squeezed into the first option's row beside its label.
    const group = ["checkbox", "radio"].includes(input.type) ? input.closest("fieldset") : null;
    if (group) {
      const legend = group.querySelector(":scope > legend");
      if (legend) legend.insertAdjacentElement("afterend", note);
      else group.prepend(note);
    } else {
      input.insertAdjacentElement("afterend", note);
    }
    const fixed = () => clearFieldError(container, input, note);
    (group || input).addEventListener("input", fixed, { once: true });
    (group || input).addEventListener("change", fixed, { once: true });
    // Focus goes to the first field in error as the page reads, whatever order the API used.
    if (!first || (first.compareDocumentPosition(input) & Node.DOCUMENT_POSITION_PRECEDING)) first = input;
  }
  const summary = summaryNode(container);
  summary.textContent = first ? "Some fields need a change: fix the ones marked below, then send again." : errorText(error);
  summary.hidden = false;
  (first || summary).focus();
}

function unmarkInvalid(node) {
  node.removeAttribute("aria-invalid");
  const rest = (node.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && !id.endsWith("-error"));
  if (rest.length) node.setAttribute("aria-describedby", rest.join(" "));
  else node.removeAttribute("aria-describedby");
}

// One field fixed: its message and red border go; with the last field, the summary goes too.
function clearFieldError(container, input, note) {
  note.remove();
  unmarkInvalid(input);
  if (!container.querySelector("[aria-invalid]")) {
    const summary = container.querySelector("[data-form-error]");
    if (summary) { summary.textContent = ""; summary.hidden = true; }
  }
}

// The one way a form sends: last time's errors are cleared, `act` runs (the request and what
// follows on success), errors are shown on the form if it fails and cleared if it succeeds.
// Resolves to true when `act` succeeded.
export async function sendForm(form, act) {
  clearErrors(form);
  try {
    await act();
  } catch (error) {
    showErrors(form, error);
    return false;
  }
  clearErrors(form);
  return true;
}

export function clearErrors(container) {
  container.querySelectorAll(".field-error:not([data-form-error])").forEach((node) => node.remove());
  container.querySelectorAll("[aria-invalid]").forEach(unmarkInvalid);
  const summary = container.querySelector("[data-form-error]");
  if (summary) { summary.textContent = ""; summary.hidden = true; }
}

// A page (or a part of one) whose load failed says so where its content would be — the status
// line `node`, or the top of the main content — instead of staying half-empty.
export function showLoadError(error, node = null) {
  const text = `This could not be loaded. ${errorText(error)}`;
  if (node) {
    node.textContent = text;
    node.hidden = false;
    node.setAttribute("role", "alert");
    return;
  }
  const main = document.querySelector("main");
  if (!main) return;
  const note = document.createElement("p");
  note.className = "flash flash-error container";
  note.setAttribute("role", "alert");
  note.textContent = text;
  main.prepend(note);
}

// Every row of a short cursor-paginated list (a person's own portfolio, say), page by page.
export async function allPages(path) {
  const rows = [];
  for (let url = path; url;) {
    const page = await api(url);
    rows.push(...page.results);
    url = page.next;
  }
  return rows;
}
