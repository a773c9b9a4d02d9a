// /settings/institutions/: memberships, consent per institution (grant, change, revoke), history.
import { api, clearErrors, escapeHtml, showErrors, showLoadError } from "./api.js";

const container = document.querySelector("[data-memberships]");
const status = document.querySelector("[data-status]");
const history = document.querySelector("[data-history]");
let terms;

const date = (value) => new Date(value).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });

function scopeLabels(keys) {
  return keys.map((key) => terms.scopes.find((s) => s.key === key)?.label || key).join(", ");
}

function consentForm(membership, active) {
  const form = document.createElement("form");
  form.className = "consent-form";
  form.noValidate = true;
  const slug = escapeHtml(membership.institution_slug);
  form.innerHTML = `
    <p class="form-error" data-form-error tabindex="-1" hidden></p>
    <fieldset>
      <legend>Share with ${escapeHtml(membership.institution_name)}</legend>
      ${terms.scopes.map((scope) => `
        <div class="scope">
          <input type="checkbox" name="scopes" value="${scope.key}" id="${slug}-${scope.key}" ${active?.scopes.includes(scope.key) ? "checked" : ""} aria-describedby="${slug}-${scope.key}-help">
          <label for="${slug}-${scope.key}">${escapeHtml(scope.label)}</label>
          <p class="helptext" id="${slug}-${scope.key}-help">${escapeHtml(scope.explanation)}</p>
        </div>`).join("")}
    </fieldset>
    <details><summary>Why they ask (version ${escapeHtml(terms.version)})</summary><p>${escapeHtml(terms.purpose)}</p></details>
    <div class="form-actions">
      <button type="submit">${active ? "Update what I share" : "Share with my career office"}</button>
      ${active ? '<button type="button" class="button-secondary" data-revoke>Stop sharing</button>' : ""}
    </div>`;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    const scopes = [...form.querySelectorAll('input[name="scopes"]:checked')].map((input) => input.value);
    try {
      await api("me/consents/", {
        method: "POST",
        body: { institution: membership.institution_slug, scopes, version: terms.version },
      });
      status.textContent = `${membership.institution_name} can now see: ${scopeLabels(scopes)}.`;
      await load();
    } catch (error) {
      showErrors(form, error);
    }
  });
  form.querySelector("[data-revoke]")?.addEventListener("click", async () => {
    await api(`me/consents/${active.id}/`, { method: "DELETE" });
    status.textContent = `You stopped sharing with ${membership.institution_name}.`;
    await load();
  });
  return form;
}

async function load() {
  const [memberships, consents] = await Promise.all([
    api("me/memberships/"),
    api("me/consents/?page_size=100").then((page) => page.results),
  ]);
  container.replaceChildren();
  document.querySelector("[data-memberships-empty]").hidden = memberships.length > 0;
  for (const membership of memberships) {
    const card = document.createElement("article");
    card.className = "card membership";
    const active = consents.find((c) => c.is_active && c.institution_slug === membership.institution_slug);
    card.innerHTML = `<h3>${escapeHtml(membership.institution_name)}</h3>
      <p class="muted">${membership.role === "staff" ? "Career-office staff" : "Student"} · via ${escapeHtml(membership.email || "the site team")} · since ${date(membership.created_at)}</p>
      <p class="sharing"></p>`;
    card.querySelector(".sharing").textContent = active
      ? `Sharing now: ${scopeLabels(active.scopes)} (since ${date(active.granted_at)}).`
      : "Sharing nothing.";
    if (membership.role === "student") card.append(consentForm(membership, active));
    container.append(card);
  }
  history.replaceChildren();
  document.querySelector("[data-history-empty]").hidden = consents.length > 0;
  for (const consent of consents) {
    const li = document.createElement("li");
    li.textContent = `${consent.institution_name}: ${scopeLabels(consent.scopes)} — from ${date(consent.granted_at)}${consent.revoked_at ? ` until ${date(consent.revoked_at)}` : " (active)"} · wording version ${consent.version}`;
    history.append(li);
  }
}

(async () => {
  terms = await api("consent-terms/");
  await load();
})().catch(showLoadError);
