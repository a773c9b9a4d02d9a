// /careers/settings/ University sign-in (SAML): Slipstream's URLs for the IdP administrator, and
// the office's identity provider (metadata URL or XML), saved or turned off. Admins only.
import { api, sendForm } from "./api.js";
import { say } from "./careers_office.js";
import { el } from "./ui.js";

const $ = (selector) => document.querySelector(selector);

export async function loadSso(slug) {
  const sso = await api(`institutions/${slug}/sso/`);
  const rows = [["Slipstream metadata URL (give this to your IdP administrator)", sso.sp_metadata_url],
    ["Entity ID", sso.sp_entity_id], ["Assertion consumer service (HTTP-POST)", sso.sp_acs_url],
    ["Sign-in link for your students and staff", sso.sign_in_url]];
  if (sso.configured) rows.push(["Registered identity provider", sso.idp_entity_id]);
  $("[data-sso-urls]").replaceChildren(...rows.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", {}, el("code", { text: v }))]));
  const form = $("[data-sso-form]");
  form.metadata_url.value = sso.metadata_url;
  form.staff_from_affiliation.checked = sso.staff_from_affiliation;
  $("[data-sso-remove]").hidden = !sso.configured;
}

async function saveSso(event, slug) {
  event.preventDefault();
  const form = event.target;
  const body = { staff_from_affiliation: form.staff_from_affiliation.checked };
  if (form.metadata_xml.value.trim()) body.metadata_xml = form.metadata_xml.value;
  else body.metadata_url = form.metadata_url.value;
  await sendForm(form, async () => {
    await api(`institutions/${slug}/sso/`, { method: "PUT", body });
    form.metadata_xml.value = "";
    say("sso", "University sign-in saved.");
    await loadSso(slug);
  });
}

async function removeSso(slug) {
  try {
    await api(`institutions/${slug}/sso/`, { method: "DELETE" });
  } catch (error) { say("sso", error.message, { error: true }); return; }
  say("sso", "University sign-in is off.");
  await loadSso(slug);
}

// `slug`: a function giving the live office's slug (known once the page has loaded it).
export function wireSso(slug) {
  $("[data-sso-form]").addEventListener("submit", (event) => saveSso(event, slug()));
  $("[data-sso-remove]").addEventListener("click", () => removeSso(slug()));
}
