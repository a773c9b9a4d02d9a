// Fill a profile form from /api/v1/me/ and read it back as a PATCH body (only fields present).
const NUMBERS = new Set(["weekly_hours", "years_experience"]);
const BOOLEANS = new Set(["wants_to_draft", "wants_to_mentor", "discoverable"]);

// What the person already typed or ticked while the profile was loading is theirs: kept.
const touched = (input) =>
  input.type === "radio" || input.type === "checkbox"
    ? input.checked !== input.defaultChecked
    : input.value !== input.defaultValue;

export function fillProfileForm(form, me) {
  for (const input of form.querySelectorAll("[name]")) {
    const name = input.name;
    if (!(name in me) || touched(input)) continue;
    if (input.type === "radio") input.checked = input.value === String(Boolean(me[name]));
    else if (BOOLEANS.has(name)) input.checked = Boolean(me[name]);
    else if (name === "links") input.value = (me.links || []).join("\n");
    else input.value = me[name] ?? "";
  }
}

export function readProfileForm(form) {
  const body = {};
  for (const input of form.querySelectorAll("[name]")) {
    const name = input.name;
    if (input.type === "radio") { if (input.checked) body[name] = input.value === "true"; }
    else if (BOOLEANS.has(name)) body[name] = input.checked;
    else if (name === "links") body.links = input.value.split("\n").map((l) => l.trim()).filter(Boolean);
    else if (NUMBERS.has(name)) body[name] = input.value === "" ? null : Number(input.value);
    else body[name] = input.value.trim();
  }
  return body;
}
