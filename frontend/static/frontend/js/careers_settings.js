// /careers/settings/: the office's settings, apart from the dashboard's figures. Colleagues and
// invitations (also while the office waits for approval); once live, for admins, API keys, the
// roster upload and university sign-in; for every staff member, the disclosure log.
import { api, sendForm } from "./api.js";
import { loadLog } from "./careers_log.js";
import { hideNewKey, invite, keepJumpHeight, loadColleagues, loadKeys, officeOfViewer, say } from "./careers_office.js";
import { loadSso, wireSso } from "./careers_sso.js";
import { el } from "./ui.js";

const root = document.querySelector("[data-careers-settings]");
const $ = (selector) => root.querySelector(selector);
const status = $("[data-status]");
let institution = null;
let pending = false;
let officeDomains = [];

async function copyKey() {
  const key = $("[data-new-key-value]").textContent;
  const note = $("[data-copy-status]");
  try {
    await navigator.clipboard.writeText(key);
    note.textContent = "Copied. Keep it somewhere safe: it will not be shown again.";
    // Seen where the click was, for 2 s; the status line above says it to screen readers.
    const button = $("[data-copy-key]");
    button.textContent = "Copied ✓";
    clearTimeout(copyKey.reset);
    copyKey.reset = setTimeout(() => { button.textContent = "Copy the key"; }, 2000);
  } catch {
    // No clipboard permission: select it so Ctrl+C / long-press copies it.
    window.getSelection().selectAllChildren($("[data-new-key-value]"));
    note.textContent = "Selected: press Ctrl+C (or long-press and Copy).";
  }
}

async function createKey(event) {
  event.preventDefault();
  const form = event.target;
  const body = { name: form.name.value };
  if (form.expires_at.value) body.expires_at = `${form.expires_at.value}T23:59:59Z`;
  hideNewKey();
  await sendForm(form, async () => {
    const made = await api("careers/keys/", { method: "POST", body });
    $("[data-new-key-value]").textContent = made.key;
    form.name.value = "";
    form.expires_at.value = "";
    try {
      await loadKeys(); // the list grows first, so the secret does not jump once shown
    } finally {
      $("[data-new-key]").hidden = false; // shown even if the list could not be reloaded
      $("[data-copy-key]").focus();
    }
    say("keys", `Key “${made.name}” created: copy it now, under the Create key button.`);
  });
}

async function uploadRoster(event) {
  event.preventDefault();
  const form = event.target;
  await sendForm(form, async () => {
    const r = await api("careers/roster/", { method: "POST", body: new FormData(form) });
    $("[data-roster-result]").replaceChildren(el("p", { class: "card", text:
      `${r.rows} addresses read: ${r.invited} invited now, ${r.already_members} already joined, ${r.recently_invited} invited in the last ${r.resend_after_days} days, ${r.duplicates} repeated, ${r.invalid} not usable.` }),
      r.invalid_rows.length ? el("ul", {}, r.invalid_rows.map((row) => el("li", { text: `Line ${row.row} (“${row.value}”): ${row.reason}` }))) : null);
    form.reset();
  });
}

// An admin arrives from a colleague's "asks to join" notice: /careers/settings/?invite=<address>.
// The address fills the invite form (only if it is one); the role stays Viewer until the admin
// chooses, and nothing is sent until they press Send invitation.
const ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

function invitedAddress() {
  const asked = (new URLSearchParams(window.location.search).get("invite") || "").trim();
  return asked.length <= 254 && ADDRESS.test(asked) ? asked : "";
}

function prefillInvite(admin) {
  const address = invitedAddress();
  if (!address || !admin) return null;
  const form = $("[data-invite-form]");
  form.email.value = address;
  form.role.value = "viewer";
  say("invitations", `${address} asked to join: choose their role, then press Send invitation.`);
  return form.email;
}

function wireForms() {
  $("[data-invite-form]").addEventListener("submit", (event) => invite(event, { pending, domains: officeDomains }));
  $("[data-key-form]").addEventListener("submit", createKey);
  $("[data-copy-key]").addEventListener("click", copyKey);
  $("[data-roster-form]").addEventListener("submit", uploadRoster);
  wireSso(() => institution.slug);
}

async function start() {
  const { mine, live, office, admin } = await officeOfViewer();
  if (!office) {
    status.replaceChildren("You are not career-office staff of an institution yet. ",
      el("a", { href: "/careers/", text: "Create your office on the dashboard page" }), ".");
    return;
  }
  officeDomains = office.email_domains;
  pending = !live;
  $("[data-colleagues]").hidden = false;
  $("[data-invite-form]").hidden = !admin;
  $("[data-title]").textContent = `${office.name}: office settings`;
  await loadColleagues({ admin, pending });
  showLinkedSection();
  const prefilled = prefillInvite(admin);
  if (!live) {
    status.textContent = `${mine[0].name} is waiting for approval: API keys, the roster, university sign-in and the disclosure log open once it is live.`;
    prefilled?.focus();
    return;
  }
  institution = live;
  $("[data-live]").hidden = false;
  $("[data-keys-section]").hidden = !admin;
  $("[data-roster-section]").hidden = !admin;
  $("[data-sso-section]").hidden = !admin;
  const menu = $("[data-jump]");
  for (const item of menu.querySelectorAll("[data-admin-only]")) item.hidden = !admin;
  menu.hidden = false;
  keepJumpHeight(root, menu);
  // Focused once the page below has loaded, so nothing moves the form after it is focused.
  await Promise.all([loadLog(), admin ? loadKeys() : null, admin ? loadSso(live.slug) : null])
    .finally(() => prefilled?.focus());
  status.textContent = "";
}

// A link to a section (the dashboard's "Answer in Office settings" goes to the join requests)
// arrives before the section is drawn, so the browser's own jump finds nothing: go there now.
function showLinkedSection() {
  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target && !target.closest("[hidden]")) target.scrollIntoView();
}

wireForms();
start().catch((error) => { status.textContent = error.message; });
