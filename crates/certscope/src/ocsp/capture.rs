//! The capture helper: the OCSP request for the leaf, and the commands
//! that fetch its response (or the stapled one) for pasting back.
//!
//! RFC 6960 §4.1 request with one SHA-1 CertID and no nonce (what CAs'
//! responders and caches expect, RFC 5019 §2.1); Appendix A.1 GET form:
//! the URL, a slash, then the base64 DER, URL-encoded. certscope itself
//! never sends it: no network access, ever.

use super::status::HashAlg;
use crate::report::CaptureHelp;
use crate::x509::Cert;
use base64::Engine;
use der::asn1::{Null, OctetString};
use der::Encode;
use spki::AlgorithmIdentifierOwned;
use x509_ocsp::{CertId, OcspRequest, Request, TbsRequest};

/// The DER OCSPRequest for `leaf`, issued by `issuer`.
pub(crate) fn build_request(leaf: &Cert, issuer: &Cert) -> der::Result<Vec<u8>> {
    let cert_id = CertId {
        hash_algorithm: AlgorithmIdentifierOwned {
            oid: const_oid::db::rfc5912::ID_SHA_1,
            parameters: Some(Null.into()),
        },
        issuer_name_hash: OctetString::new(HashAlg::Sha1.digest(&issuer.subject_der))?,
        issuer_key_hash: OctetString::new(HashAlg::Sha1.digest(issuer.spki().subject_public_key.raw_bytes()))?,
        serial_number: x509_cert::serial_number::SerialNumber::new(leaf.cert.tbs_certificate.serial_number.as_bytes())?,
    };
    OcspRequest {
        tbs_request: TbsRequest {
            version: Default::default(),
            requestor_name: None,
            request_list: vec![Request { req_cert: cert_id, single_request_extensions: None }],
            request_extensions: None,
        },
        optional_signature: None,
    }
    .to_der()
}

/// RFC 6960 Appendix A.1: `{url}/{url-encoding of base-64 encoding of the DER}`.
pub(crate) fn build_get_url(responder: &str, request_b64: &str) -> String {
    let sep = if responder.ends_with('/') { "" } else { "/" };
    format!("{responder}{sep}{}", url_encode(request_b64))
}

/// Percent-encodes everything outside RFC 3986's unreserved set, so `+`,
/// `/` and `=` of base64 survive every HTTP stack.
fn url_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Single-quotes a value for a POSIX shell.
fn sh_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The host to name in `s_client` commands: the one checked, else the
/// leaf's first non-wildcard DNS name, else a placeholder.
fn host_for(leaf: &Cert, host: Option<&str>) -> String {
    if let Some(h) = host {
        return h.to_string();
    }
    let san = leaf
        .cert
        .tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == const_oid::db::rfc5280::ID_CE_SUBJECT_ALT_NAME);
    if let Some(names) =
        san.and_then(|e| <x509_cert::ext::pkix::SubjectAltName as der::Decode>::from_der(e.extn_value.as_bytes()).ok())
    {
        for n in names.0 {
            if let x509_cert::ext::pkix::name::GeneralName::DnsName(d) = n {
                let d = d.to_string();
                if !d.starts_with("*.") {
                    return d;
                }
            }
        }
    }
    "HOST".to_string()
}

pub(crate) fn build_capture(leaf: &Cert, issuer: &Cert, host: Option<&str>) -> Option<CaptureHelp> {
    let der = build_request(leaf, issuer).ok()?;
    let b64 = base64::engine::general_purpose::STANDARD.encode(&der);
    let urls = leaf.ocsp_urls();
    let get_urls: Vec<String> = urls.iter().map(|u| build_get_url(u, &b64)).collect();
    let host = host_for(leaf, host);
    let mut commands =
        vec!["# Save the server certificate as leaf.pem and its issuer as issuer.pem (both from the chain above)."
            .to_string()];
    for (url, get) in urls.iter().zip(&get_urls) {
        commands.push(format!("openssl ocsp -issuer issuer.pem -cert leaf.pem -url {url} -respout resp.der -noverify"));
        commands.push(format!("curl -s -o resp.der {}", sh_quote(get)));
        commands.push(format!("echo {b64} | openssl base64 -d -A -out req.der"));
        commands.push(format!(
            "curl -s -o resp.der --data-binary @req.der -H 'Content-Type: application/ocsp-request' {}",
            sh_quote(url)
        ));
    }
    if urls.is_empty() {
        commands.push(
            "# The certificate names no OCSP responder (no OCSP URL in its Authority Information Access): there is no response to fetch.".to_string(),
        );
    }
    commands
        .push(format!("openssl s_client -connect {host}:443 -servername {host} -showcerts -status -msg < /dev/null"));
    Some(CaptureHelp { request_der_base64: b64, request_get_urls: get_urls, commands })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_url_is_base64_then_url_encoded() {
        assert_eq!(build_get_url("http://ocsp.example.com", "MEow+/A="), "http://ocsp.example.com/MEow%2B%2FA%3D");
        assert_eq!(build_get_url("http://ocsp.example.com/", "AB"), "http://ocsp.example.com/AB");
    }

    #[test]
    fn shell_quoting_survives_quotes() {
        assert_eq!(sh_quote("a'b"), r"'a'\''b'");
    }
}
