//! The capture helper: the OCSP request for the leaf, and the commands
//! that fetch its response (or the stapled one) for pasting back.
//!
//! RFC 6960 §4.1 request with one SHA-1 CertID and no nonce (what CAs'
//! responders and caches expect, RFC 5019 §2.1); Appendix A.1 GET form:
//! the URL, a slash, then the base64 DER, URL-encoded. certscope itself
//! never sends it: no network access, ever.
//!
//! Every value in a command is a validated `CommandUrl` or `CommandHost`,
//! written as a single-quoted shell word (`command`); a URL or host that
//! fails validation gets no command but a `capture-url-refused` or
//! `capture-host-refused` finding.

use super::command::{CommandHost, CommandUrl, HostProblem, RequestBase64};
use super::status::HashAlg;
use crate::report::{CaptureHelp, Code, Finding};
use crate::x509::Cert;
use base64::Engine;
use der::asn1::{Null, OctetString};
use der::Encode;
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::pkix::name::GeneralName;
use x509_ocsp::{CertId, OcspRequest, Request, TbsRequest};

/// The DER OCSPRequest for `leaf`, issued by `issuer`.
pub(crate) fn build_request(leaf: &Cert, issuer: &Cert) -> der::Result<Vec<u8>> {
    let cert_id = CertId {
        hash_algorithm: AlgorithmIdentifierOwned {
            oid: const_oid::db::rfc5912::ID_SHA_1,
            parameters: Some(Null.into()),
        },
        issuer_name_hash: OctetString::new(HashAlg::Sha1.digest(issuer.subject_der()))?,
        issuer_key_hash: OctetString::new(HashAlg::Sha1.digest(issuer.spki().subject_public_key.raw_bytes()))?,
        serial_number: x509_cert::serial_number::SerialNumber::new(leaf.serial_bytes())?,
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
fn build_get_url(responder: &CommandUrl, request_b64: &str) -> CommandUrl {
    responder.with_segment(request_b64)
}

/// Where the `s_client` host came from, for the finding that refuses it.
enum HostOrigin {
    Option,
    San,
}

/// The host to name in `s_client` commands: the one checked, else the
/// leaf's first non-wildcard DNS name, else a placeholder. A name that is
/// not a plain DNS name or IP address comes back as the refused text.
fn host_for(leaf: &Cert, host: Option<&str>) -> Result<CommandHost, (String, HostOrigin)> {
    if let Some(h) = host.map(str::trim).filter(|h| !h.is_empty()) {
        return CommandHost::parse(h).map_err(|_| (h.to_string(), HostOrigin::Option));
    }
    let first_dns = leaf.san().iter().find_map(|n| match n {
        GeneralName::DnsName(d) if !d.as_str().starts_with("*.") => Some(d.to_string()),
        _ => None,
    });
    match first_dns {
        Some(d) => CommandHost::parse(&d).map_err(|_| (d, HostOrigin::San)),
        None => Ok(CommandHost::Placeholder),
    }
}

/// The OCSP URLs that may go into commands; each refused one is a
/// `capture-url-refused` finding.
fn command_urls(leaf: &Cert, findings: &mut Vec<Finding>) -> Vec<CommandUrl> {
    let mut ok = Vec::new();
    for url in leaf.ocsp_urls() {
        match CommandUrl::parse(url) {
            Ok(u) => ok.push(u),
            Err(why) => findings.push(Finding::about(
                Code::CaptureUrlRefused,
                leaf.index(),
                format!(
                    "The OCSP URL {url:?} of \"{}\" is not a plain http(s) URL: {why}. No command to fetch a response from it was written.",
                    leaf.display_name()
                ),
            )),
        }
    }
    ok
}

pub(crate) fn build_capture(
    leaf: &Cert,
    issuer: &Cert,
    host: Option<&str>,
    findings: &mut Vec<Finding>,
) -> Option<CaptureHelp> {
    let der = build_request(leaf, issuer).ok()?;
    let b64 = base64::engine::general_purpose::STANDARD.encode(&der);
    let any_url = !leaf.ocsp_urls().is_empty();
    let urls = command_urls(leaf, findings);
    let get_urls: Vec<CommandUrl> = urls.iter().map(|u| build_get_url(u, &b64)).collect();
    let request = RequestBase64(b64);
    let mut commands =
        vec!["# Save the server certificate as leaf.pem and its issuer as issuer.pem (both from the chain above)."
            .to_string()];
    for (url, get) in urls.iter().zip(&get_urls) {
        let (url, get, request) = (url.shell(), get.shell(), request.shell());
        commands.push(format!("openssl ocsp -issuer issuer.pem -cert leaf.pem -url {url} -respout resp.der -noverify"));
        commands.push(format!("curl -s -o resp.der {get}"));
        commands.push(format!("echo {request} | openssl base64 -d -A -out req.der"));
        commands.push(format!(
            "curl -s -o resp.der --data-binary @req.der -H 'Content-Type: application/ocsp-request' {url}"
        ));
    }
    if !any_url {
        commands.push(
            "# The certificate names no OCSP responder (no OCSP URL in its Authority Information Access): there is no response to fetch.".to_string(),
        );
    } else if urls.is_empty() {
        commands.push(
            "# The certificate's OCSP URL is not a plain http(s) URL, so no command fetches from it (see the capture-url-refused finding).".to_string(),
        );
    }
    match host_for(leaf, host) {
        Ok(host) => {
            let (connect, name) = (host.shell_connect(443), host.shell_name());
            commands.push(format!(
                "openssl s_client -connect {connect} -servername {name} -showcerts -status -msg < /dev/null"
            ));
        }
        Err((text, origin)) => {
            let from = match origin {
                HostOrigin::Option => "the host name given to check".to_string(),
                HostOrigin::San => format!("the first DNS name of \"{}\"", leaf.display_name()),
            };
            findings.push(Finding::about(
                Code::CaptureHostRefused,
                leaf.index(),
                format!("{text:?}, {from}, is not a host name a command may carry: {HostProblem}. No openssl s_client command was written."),
            ));
        }
    }
    let request_get_urls = get_urls.iter().map(|u| u.as_str().to_string()).collect();
    Some(CaptureHelp { request_der_base64: request.0, request_get_urls, commands })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_url_is_base64_then_url_encoded() {
        let url = |s: &str| CommandUrl::parse(s).unwrap();
        let get = build_get_url(&url("http://ocsp.example.com"), "MEow+/A=");
        assert_eq!(get.as_str(), "http://ocsp.example.com/MEow%2B%2FA%3D");
        assert_eq!(build_get_url(&url("http://ocsp.example.com/"), "AB").as_str(), "http://ocsp.example.com/AB");
    }
}
