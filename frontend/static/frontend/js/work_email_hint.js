// The add-address form on /accounts/email/, for mentors: says while the address is typed whether
// it will show as "verified at <domain>" (the rule of accounts.mail_domains, whose free-webmail
// list the page carries), so nobody confirms a Gmail address and wonders why nothing shows.
const hint = document.querySelector("[data-work-email-hint]");
const input = hint?.closest("form")?.querySelector("input[name=email]");
const listNode = document.getElementById("free-mail-domains");

if (hint && input && listNode) {
  const free = new Set(JSON.parse(listNode.textContent));
  const reserved = new Set(["example.com", "example.org", "example.net"]);
  const reservedSuffixes = [".test", ".example", ".invalid", ".localhost", ".local"];
  input.setAttribute("aria-describedby", [input.getAttribute("aria-describedby"), hint.id].filter(Boolean).join(" "));
  const verdict = () => {
    const value = input.value.trim();
    const at = value.lastIndexOf("@");
    const domain = at < 0 ? "" : value.slice(at + 1).toLowerCase().replace(/\.$/, "");
    if (!domain || !domain.includes(".")) return "";
    if (free.has(domain)) return `${domain} is free webmail: anyone can open an address there, so it will not show as a work address. Use your address at work.`;
    if (reserved.has(domain) || reservedSuffixes.some((suffix) => domain.endsWith(suffix))) return `${domain} is reserved for examples, testing or a local network: it will not show as a work address.`;
    return `Once confirmed, your profile shows “verified at ${domain}”.`;
  };
  input.addEventListener("input", () => {
    const text = verdict();
    hint.textContent = text;
    hint.classList.toggle("hint-warning", text !== "" && !text.startsWith("Once"));
  });
}
