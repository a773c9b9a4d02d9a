"""Which e-mail domains say nothing about where a person works: free webmail providers. A
verified address on any other domain shows on a mentor's profile as "verified at <domain>"."""

# The big webmail providers and their country variants; anyone can open an address there.
FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk",
        "hotmail.fr", "hotmail.de", "live.com", "live.co.uk", "msn.com", "outlook.de",
        "outlook.fr", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com",
        "rocketmail.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me",
        "protonmail.com", "pm.me", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com",
        "zoho.com", "zohomail.com", "yandex.com", "yandex.ru", "mail.ru", "qq.com", "163.com",
        "126.com", "hey.com", "fastmail.com", "tutanota.com", "tuta.io", "tuta.com",
        "btinternet.com", "comcast.net", "verizon.net", "att.net", "orange.fr", "free.fr",
        "libero.it", "t-online.de", "seznam.cz", "naver.com", "rediffmail.com",
    }
)  # fmt: skip


def email_domain(email: str) -> str:
    """The lower-case domain of an address ("" when there is none)."""
    return email.rpartition("@")[2].strip().lower().rstrip(".")


# Reserved for documentation and testing (RFC 2606 / 6761): nobody works there.
_RESERVED_DOMAINS = frozenset({"example.com", "example.org", "example.net"})
# .local is mDNS (RFC 6762): a machine on the local network, never an employer.
_RESERVED_SUFFIXES = (".test", ".example", ".invalid", ".localhost", ".local")


def domain_counts_as_work(domain: str) -> bool:
    """Whether a confirmed address on `domain` says where its owner works: not free webmail,
    not a reserved example domain."""
    domain = domain.lower()
    if not domain or "." not in domain:
        return False
    reserved = domain in _RESERVED_DOMAINS or domain.endswith(_RESERVED_SUFFIXES)
    return not reserved and domain not in FREE_MAIL_DOMAINS
