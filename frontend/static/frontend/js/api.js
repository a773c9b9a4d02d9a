// Calls /api/v1/ with the session cookie and CSRF token, and shows API errors next to fields.

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || `Request failed (${status})`);
    this.status = status;
    this.code = error.code || "unknown";
    this.fields = error.fields || {};
  }
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
  const url = path.startsWith("/") ? path : `/api/v1/${path}`;
  const response = await fetch(url, init);
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

// Put each field's messages under its input (matched by name) and a summary in `[data-form-error]`.
export function showErrors(form, error) {
  clearErrors(form);
  const fields = error.fields || {};
  let shown = false;
  for (const [name, messages] of Object.entries(fields)) {
    const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (!input) continue;
    const note = document.createElement("p");
    note.className = "field-error";
    note.id = `${input.id || name}-error`;
    note.textContent = [].concat(messages).join(" ");
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", note.id);
    input.insertAdjacentElement("afterend", note);
    shown = true;
  }
  const summary = form.querySelector("[data-form-error]");
  if (summary) {
    summary.textContent = shown ? "Please fix the fields marked below." : error.message;
    summary.hidden = false;
    summary.focus?.();
  }
}

export function clearErrors(form) {
  form.querySelectorAll(".field-error").forEach((node) => node.remove());
  form.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
  const summary = form.querySelector("[data-form-error]");
  if (summary) { summary.textContent = ""; summary.hidden = true; }
}

// Escape user text before it goes into HTML built in JavaScript.
export function escapeHtml(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// A page whose first load failed says so at the top of the main content, instead of staying
// half-empty (for example when the session ended in another tab).
export function showLoadError(error) {
  const main = document.querySelector("main");
  if (!main) return;
  const note = document.createElement("p");
  note.className = "flash flash-error container";
  note.setAttribute("role", "alert");
  note.textContent =
    error && error.status === 401
      ? "You are signed out. Log in again to continue."
      : `This page could not load its data (${(error && error.message) || "network error"}). Reload to try again.`;
  main.prepend(note);
}
