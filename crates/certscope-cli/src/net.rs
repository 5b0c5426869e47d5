//! `--connect` and `--fetch-ocsp`: the only network code in certscope.
//!
//! `--connect` performs one TLS handshake (TLS 1.3 or 1.2) that asks for
//! OCSP stapling (rustls sends status_request in every ClientHello, RFC 6066
//! §8), with a certificate verifier that records the chain and the stapled
//! response and trusts nothing itself: every judgement stays in the core.
//! What was seen is written out as the `openssl s_client -showcerts -status
//! -msg` transcript the core already reads (PEM blocks, then the staple as a
//! CertificateStatus message in hex, or "OCSP response: no response sent"),
//! so a live check and a pasted capture take one path through the core and
//! give one report.
//!
//! `--fetch-ocsp` POSTs the core's OCSP request (RFC 6960 Appendix A.1) to
//! the leaf's responder over plain HTTP, with a time and a size limit.

use std::fmt::Write as _;
use std::io::{self, Read};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{AlertDescription, ClientConfig, ClientConnection, DigitallySignedStruct, Error as TlsError};

/// How long one connection attempt, the handshake, or the OCSP fetch may take.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// An OCSP response for one certificate is 1–4 KB; responders with a long
/// certificate chain in the response stay far below this.
const MAX_OCSP_RESPONSE_BYTES: u64 = 64 * 1024;
/// Addresses tried for one host name (a name may resolve to many).
const MAX_ADDRESSES: usize = 4;

/// What the server showed in the handshake.
pub(crate) struct Handshake {
    /// "TLS 1.3" or "TLS 1.2".
    pub version: &'static str,
    pub address: SocketAddr,
    /// The certificates in the order the server sent them, leaf first.
    pub chain: Vec<Vec<u8>>,
    /// The stapled OCSPResponse's DER; empty when none was stapled.
    pub staple: Vec<u8>,
}

/// `HOST`, `HOST:PORT`, `[V6]:PORT` or `V6` → host and port (default 443).
pub(crate) fn split_host_port(target: &str) -> Result<(String, u16), String> {
    let target = target.trim();
    let bad = || format!("--connect {target:?}: expected HOST or HOST:PORT");
    if let Some(rest) = target.strip_prefix('[') {
        let (host, after) = rest.split_once(']').ok_or_else(bad)?;
        let port = match after.strip_prefix(':') {
            Some(p) => p.parse().map_err(|_| bad())?,
            None if after.is_empty() => 443,
            None => return Err(bad()),
        };
        return Ok((host.to_string(), port));
    }
    match target.rsplit_once(':') {
        // More than one colon and no brackets: a bare IPv6 address.
        Some((host, _)) if host.contains(':') => Ok((target.to_string(), 443)),
        Some((host, port)) if !host.is_empty() => Ok((host.to_string(), port.parse().map_err(|_| bad())?)),
        Some(_) => Err(bad()),
        None if !target.is_empty() => Ok((target.to_string(), 443)),
        None => Err(bad()),
    }
}

/// Connects to `host:port`, sends `servername` as SNI and records the handshake.
pub(crate) fn connect(host: &str, port: u16, servername: &str, timeout: Duration) -> Result<Handshake, String> {
    let name = ServerName::try_from(servername.to_string())
        .map_err(|_| format!("--servername {servername:?} is not a DNS name or IP address"))?;
    let addresses: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|e| format!("cannot resolve {host}: {e}"))?
        .take(MAX_ADDRESSES)
        .collect();
    if addresses.is_empty() {
        return Err(format!("cannot resolve {host}: no addresses"));
    }
    let mut last = String::new();
    let mut sock = None;
    for address in &addresses {
        match TcpStream::connect_timeout(address, timeout) {
            Ok(s) => {
                sock = Some((s, *address));
                break;
            }
            Err(e) => last = connect_error(*address, &e, timeout),
        }
    }
    let Some((mut sock, address)) = sock else { return Err(last) };
    let deadline = Instant::now() + timeout;
    sock.set_read_timeout(Some(timeout))
        .and_then(|()| sock.set_write_timeout(Some(timeout)))
        .map_err(|e| e.to_string())?;

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let recorder =
        Arc::new(Recorder { algorithms: provider.signature_verification_algorithms, seen: Mutex::default() });
    let config = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .map_err(|e| format!("TLS setup failed: {e}"))?
        .dangerous()
        .with_custom_certificate_verifier(recorder.clone())
        .with_no_client_auth();
    let mut tls = ClientConnection::new(Arc::new(config), name).map_err(|e| format!("TLS setup failed: {e}"))?;
    while tls.is_handshaking() {
        if Instant::now() > deadline {
            return Err(format!("{address}: the TLS handshake timed out after {} s", timeout.as_secs()));
        }
        if let Err(e) = tls.complete_io(&mut sock) {
            return Err(handshake_error(address, &e, timeout));
        }
    }
    let version = match tls.protocol_version() {
        Some(rustls::ProtocolVersion::TLSv1_3) => "TLS 1.3",
        _ => "TLS 1.2",
    };
    // A polite close; the report does not depend on it.
    tls.send_close_notify();
    let _ = tls.complete_io(&mut sock);
    let seen = recorder.seen.lock().map(|mut s| s.take()).ok().flatten();
    let (chain, staple) = seen.ok_or_else(|| format!("{address}: the server sent no certificate"))?;
    Ok(Handshake { version, address, chain, staple })
}

fn connect_error(address: SocketAddr, e: &io::Error, timeout: Duration) -> String {
    match e.kind() {
        io::ErrorKind::ConnectionRefused => format!("{address}: connection refused (nothing listens on that port)"),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => {
            format!("{address}: connection timed out after {} s", timeout.as_secs())
        }
        _ => format!("{address}: cannot connect: {e}"),
    }
}

fn handshake_error(address: SocketAddr, e: &io::Error, timeout: Duration) -> String {
    if matches!(e.kind(), io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock) {
        return format!(
            "{address}: the TLS handshake timed out after {} s (the server accepted the connection but did not answer; is it a TLS port?)",
            timeout.as_secs()
        );
    }
    if e.kind() == io::ErrorKind::UnexpectedEof {
        return format!("{address}: the server closed the connection during the TLS handshake");
    }
    match e.get_ref().and_then(|inner| inner.downcast_ref::<TlsError>()) {
        Some(TlsError::AlertReceived(alert)) => {
            let hint = match alert {
                AlertDescription::HandshakeFailure => " (no protocol version or cipher in common, or no certificate for this server name)",
                AlertDescription::UnrecognisedName => " (the server has no site for this --servername)",
                AlertDescription::ProtocolVersion => " (the server speaks neither TLS 1.2 nor TLS 1.3)",
                _ => "",
            };
            format!("{address}: the server ended the TLS handshake with the alert {alert:?}{hint}")
        }
        Some(TlsError::InvalidMessage(_)) | Some(TlsError::InappropriateMessage { .. }) => format!(
            "{address}: the server does not speak TLS on this port (its answer is not a TLS record; a plain HTTP port, or a proxy in the way?)"
        ),
        Some(other) => format!("{address}: TLS handshake failed: {other}"),
        None => format!("{address}: TLS handshake failed: {e}"),
    }
}

/// Records what the server presents and accepts it: the verdict is the
/// core's, made from these bytes. The handshake signature is still
/// checked, so the recorded chain's leaf is the key the server holds.
#[derive(Debug)]
struct Recorder {
    algorithms: WebPkiSupportedAlgorithms,
    seen: Mutex<Option<Presented>>,
}

/// The certificates (leaf first) and the stapled response (empty: none).
type Presented = (Vec<Vec<u8>>, Vec<u8>);

impl ServerCertVerifier for Recorder {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, TlsError> {
        let chain = std::iter::once(end_entity).chain(intermediates).map(|c| c.as_ref().to_vec()).collect();
        if let Ok(mut seen) = self.seen.lock() {
            *seen = Some((chain, ocsp_response.to_vec()));
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, TlsError> {
        verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, TlsError> {
        verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// The handshake as `openssl s_client -showcerts -status -msg` prints it,
/// as far as the core reads it: the chain as PEM, and the staple as a
/// CertificateStatus handshake message (RFC 6066 §8) in hex.
pub(crate) fn transcript(target: &str, servername: &str, h: &Handshake) -> String {
    use base64::Engine;
    let mut out = String::new();
    let _ = writeln!(out, "CONNECTED(certscope --connect {target} --servername {servername}, {})", h.address);
    if h.staple.is_empty() {
        out.push_str("OCSP response: no response sent\n");
    } else {
        // CertificateStatus: type 22, 24-bit length; status_type ocsp (1), 24-bit length, OCSPResponse.
        let mut msg = vec![22u8];
        msg.extend_from_slice(&u24(h.staple.len() + 4));
        msg.push(1);
        msg.extend_from_slice(&u24(h.staple.len()));
        msg.extend_from_slice(&h.staple);
        let _ = writeln!(out, "<<< {}, Handshake [length {:04x}], CertificateStatus", h.version, msg.len());
        for line in msg.chunks(16) {
            let _ = writeln!(out, "    {}", certscope::hex::lower_spaced(line));
        }
    }
    out.push_str("---\nCertificate chain\n");
    for (i, der) in h.chain.iter().enumerate() {
        let b64 = base64::engine::general_purpose::STANDARD.encode(der);
        let _ = writeln!(out, " {i} certificate sent by the server");
        out.push_str("-----BEGIN CERTIFICATE-----\n");
        for chunk in b64.as_bytes().chunks(64) {
            out.push_str(&String::from_utf8_lossy(chunk));
            out.push('\n');
        }
        out.push_str("-----END CERTIFICATE-----\n");
    }
    let _ = writeln!(out, "---\nNew, {}", h.version);
    out
}

fn u24(n: usize) -> [u8; 3] {
    let n = u32::try_from(n).unwrap_or(u32::MAX).min(0x00ff_ffff);
    let [_, a, b, c] = n.to_be_bytes();
    [a, b, c]
}

/// RFC 6960 Appendix A.1: POST the DER request to `url` (plain HTTP only)
/// and return the DER response, at most [`MAX_OCSP_RESPONSE_BYTES`].
pub(crate) fn fetch_ocsp(url: &str, request: &[u8], timeout: Duration) -> Result<Vec<u8>, String> {
    if !url.to_ascii_lowercase().starts_with("http://") {
        return Err(format!(
            "--fetch-ocsp: {url:?} is not a plain http:// URL; OCSP responders are fetched over HTTP only"
        ));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let mut response = agent
        .post(url)
        .header("Content-Type", "application/ocsp-request")
        .header("Accept", "application/ocsp-response")
        .send(request)
        .map_err(|e| format!("--fetch-ocsp {url}: {e}"))?;
    let status = response.status();
    if status != 200 {
        return Err(format!("--fetch-ocsp {url}: the responder answered HTTP {status}"));
    }
    let mut body = Vec::new();
    response
        .body_mut()
        .as_reader()
        .take(MAX_OCSP_RESPONSE_BYTES + 1)
        .read_to_end(&mut body)
        .map_err(|e| format!("--fetch-ocsp {url}: {e}"))?;
    if body.len() as u64 > MAX_OCSP_RESPONSE_BYTES {
        return Err(format!("--fetch-ocsp {url}: the response is larger than {MAX_OCSP_RESPONSE_BYTES} bytes"));
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn targets_split_into_host_and_port() {
        assert_eq!(split_host_port("example.com"), Ok(("example.com".into(), 443)));
        assert_eq!(split_host_port("example.com:8443"), Ok(("example.com".into(), 8443)));
        assert_eq!(split_host_port("[::1]:8443"), Ok(("::1".into(), 8443)));
        assert_eq!(split_host_port("::1"), Ok(("::1".into(), 443)));
        for bad in ["", ":443", "host:", "host:port", "host:99999", "[::1"] {
            assert!(split_host_port(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn refused_connection_is_an_error_not_a_panic() {
        // Port 1 on loopback: nothing listens there on a test machine.
        let e = connect("127.0.0.1", 1, "localhost", Duration::from_secs(2)).err().unwrap();
        assert!(e.contains("connection refused"), "{e}");
    }

    #[test]
    fn non_tls_server_is_named_as_such() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            let (mut s, _) = listener.accept().unwrap();
            let mut buf = [0u8; 512];
            let _ = s.read(&mut buf);
            let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        });
        let e = connect("127.0.0.1", port, "localhost", Duration::from_secs(5)).err().unwrap();
        assert!(e.contains("does not speak TLS"), "{e}");
        server.join().unwrap();
    }

    #[test]
    fn silent_server_times_out() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let e = connect("127.0.0.1", port, "localhost", Duration::from_secs(1)).err().unwrap();
        assert!(e.contains("timed out"), "{e}");
        drop(listener);
    }

    #[test]
    fn staple_is_written_as_a_certificate_status_message() {
        let h = Handshake {
            version: "TLS 1.3",
            address: "127.0.0.1:443".parse().unwrap(),
            chain: vec![vec![0x30, 0x00]],
            staple: vec![0x30, 0x03, 0x0a, 0x01, 0x00],
        };
        let t = transcript("h:443", "h", &h);
        assert!(
            t.contains(
                "<<< TLS 1.3, Handshake [length 000d], CertificateStatus\n    16 00 00 09 01 00 00 05 30 03 0a 01 00\n"
            ),
            "{t}"
        );
        assert!(t.contains("-----BEGIN CERTIFICATE-----\nMAA=\n"));
        let none = transcript("h:443", "h", &Handshake { staple: Vec::new(), ..h });
        assert!(none.contains("OCSP response: no response sent"));
    }
}
