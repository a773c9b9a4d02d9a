"""A university identity provider for tests: an RSA key and self-signed certificate made in
the test, its metadata, and SAML Responses built with lxml and signed with xmlsec — so a sign-in
runs end to end offline through allauth's real SAML views."""

import base64
import datetime as dt
import uuid
import zlib
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlparse

import xmlsec
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from lxml import etree

SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
MD = "urn:oasis:names:tc:SAML:2.0:metadata"
DS = "http://www.w3.org/2000/09/xmldsig#"
AFFILIATION = "urn:oid:1.3.6.1.4.1.5923.1.1.1.1"
MAIL = "urn:oid:0.9.2342.19200300.100.1.3"
DISPLAY_NAME = "urn:oid:2.16.840.1.113730.3.1.241"
URI_FORMAT = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri"
PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"


def _keypair(common_name: str) -> tuple[bytes, bytes]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return key_pem, cert.public_bytes(serialization.Encoding.PEM)


def _cert_body(cert_pem: bytes) -> str:
    return "".join(cert_pem.decode().strip().splitlines()[1:-1])


def _attribute(name: str, values: list[str]) -> str:
    inner = "".join(
        f'<saml:AttributeValue xsi:type="xs:string">{value}</saml:AttributeValue>'
        for value in values
    )
    return f'<saml:Attribute Name="{name}" NameFormat="{URI_FORMAT}">{inner}</saml:Attribute>'


def _instant(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class UniversityIdentityProvider:
    entity_id: str = "https://idp.uni.edu/idp/shibboleth"
    sso_url: str = "https://idp.uni.edu/idp/profile/SAML2/Redirect/SSO"
    key_pem: bytes = field(default=b"", repr=False)
    cert_pem: bytes = field(default=b"", repr=False)

    def __post_init__(self) -> None:
        if not self.key_pem:
            self.key_pem, self.cert_pem = _keypair("idp.uni.edu")

    def metadata_xml(self) -> str:
        return f"""<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="{MD}" xmlns:ds="{DS}" entityID="{self.entity_id}">
  <md:IDPSSODescriptor protocolSupportEnumeration="{SAMLP}">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data>
      <ds:X509Certificate>{_cert_body(self.cert_pem)}</ds:X509Certificate>
    </ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
      Location="{self.sso_url}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>"""

    @staticmethod
    def request_id(redirect_url: str) -> str:
        """The ID of the AuthnRequest our service provider sent (HTTP-Redirect binding)."""
        encoded = parse_qs(urlparse(redirect_url).query)["SAMLRequest"][0]
        xml = zlib.decompress(base64.b64decode(encoded), -15)
        return etree.fromstring(xml).get("ID")

    def response(
        self,
        *,
        acs_url: str,
        audience: str,
        in_response_to: str | None,
        email: str,
        affiliations: list[str],
        display_name: str = "Ada Student",
        issued_at: dt.datetime | None = None,
        lifetime: dt.timedelta = dt.timedelta(minutes=5),
        sign_with: tuple[bytes, bytes] | None = None,
        signed: bool = True,
    ) -> str:
        """A base64 SAMLResponse whose assertion is signed by this provider's key (or
        `sign_with`'s, or not at all)."""
        now = issued_at or dt.datetime.now(dt.UTC)
        until = _instant(now + lifetime)
        assertion_id = f"_a{uuid.uuid4().hex}"
        answer_to = f' InResponseTo="{in_response_to}"' if in_response_to else ""
        subject = uuid.uuid5(uuid.NAMESPACE_URL, email)
        xml = f"""<samlp:Response xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  ID="_r{uuid.uuid4().hex}" Version="2.0" IssueInstant="{_instant(now)}"
  Destination="{acs_url}"{answer_to}>
  <saml:Issuer>{self.entity_id}</saml:Issuer>
  <samlp:Status><samlp:StatusCode Value="{SUCCESS}"/></samlp:Status>
  <saml:Assertion ID="{assertion_id}" Version="2.0" IssueInstant="{_instant(now)}">
    <saml:Issuer>{self.entity_id}</saml:Issuer>
    <saml:Subject>
      <saml:NameID Format="{PERSISTENT}">{subject}</saml:NameID>
      <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
        <saml:SubjectConfirmationData NotOnOrAfter="{until}" Recipient="{acs_url}"{answer_to}/>
      </saml:SubjectConfirmation>
    </saml:Subject>
    <saml:Conditions NotBefore="{_instant(now - dt.timedelta(seconds=30))}" NotOnOrAfter="{until}">
      <saml:AudienceRestriction><saml:Audience>{audience}</saml:Audience></saml:AudienceRestriction>
    </saml:Conditions>
    <saml:AuthnStatement AuthnInstant="{_instant(now)}" SessionIndex="{assertion_id}">
      <saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext>
    </saml:AuthnStatement>
    <saml:AttributeStatement>
      {_attribute(MAIL, [email])}
      {_attribute(DISPLAY_NAME, [display_name])}
      {_attribute(AFFILIATION, affiliations)}
    </saml:AttributeStatement>
  </saml:Assertion>
</samlp:Response>"""
        root = etree.fromstring(xml.encode())
        if signed:
            key_pem, cert_pem = sign_with or (self.key_pem, self.cert_pem)
            self._sign(root.find(f"{{{SAML}}}Assertion"), key_pem, cert_pem)
        return base64.b64encode(etree.tostring(root)).decode()

    @staticmethod
    def _sign(assertion: etree._Element, key_pem: bytes, cert_pem: bytes) -> None:
        signature = xmlsec.template.create(
            assertion, xmlsec.Transform.EXCL_C14N, xmlsec.Transform.RSA_SHA256
        )
        assertion.insert(1, signature)  # right after the Issuer, as the schema orders it
        reference = xmlsec.template.add_reference(
            signature, xmlsec.Transform.SHA256, uri=f"#{assertion.get('ID')}"
        )
        xmlsec.template.add_transform(reference, xmlsec.Transform.ENVELOPED)
        xmlsec.template.add_transform(reference, xmlsec.Transform.EXCL_C14N)
        xmlsec.template.add_x509_data(xmlsec.template.ensure_key_info(signature))
        context = xmlsec.SignatureContext()
        context.register_id(assertion, "ID")
        key = xmlsec.Key.from_memory(key_pem, xmlsec.KeyFormat.PEM)
        key.load_cert_from_memory(cert_pem, xmlsec.KeyFormat.PEM)
        context.key = key
        context.sign(signature)


def other_keypair() -> tuple[bytes, bytes]:
    """A key the university never registered (a forger's)."""
    return _keypair("forger.example")
