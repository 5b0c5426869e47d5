//! The stapled OCSP response's exact DER, from the handshake messages
//! `openssl s_client -msg` prints in hex.
//!
//! `msg_cb` (OpenSSL apps/lib/s_cb.c) prints each message as a header line,
//! `<<< TLS 1.2, Handshake [length 030c], CertificateStatus` (`<<<` for
//! what the server sent), then its bytes as hex, 16 to a line, each line
//! indented. A handshake message starts with its type and a 24-bit length
//! (RFC 8446 §4, RFC 5246 §7.4). The staple is in:
//! - TLS 1.2: the CertificateStatus message (type 22, RFC 6066 §8):
//!   status_type 1 (ocsp), then a 24-bit length and the OCSPResponse;
//! - TLS 1.3: the status_request extension (type 5) of the first
//!   CertificateEntry of the Certificate message (type 11, RFC 8446
//!   §4.4.2.1), whose data is that same CertificateStatus body.
//!
//! Every length is checked against what is there; lines, messages and
//! bytes are capped. Nothing here can panic.

/// Handshake messages looked at; a full handshake has about ten.
const MAX_MESSAGES: usize = 64;
/// Bytes read of one message: a Certificate message with a long chain and
/// its staple stays far below this; TLS caps a message at 2^24 - 1.
const MAX_MESSAGE_BYTES: usize = 256 * 1024;

const CERTIFICATE: u8 = 11;
const CERTIFICATE_STATUS: u8 = 22;
/// RFC 6066 §4 / RFC 8446 §4.2: status_request.
const STATUS_REQUEST: u16 = 5;
/// RFC 6066 §8: CertificateStatusType ocsp.
const STATUS_TYPE_OCSP: u8 = 1;

/// One printed handshake message from the server.
struct Message {
    tls13: bool,
    bytes: Vec<u8>,
}

/// The DER OCSPResponse the server stapled, when the transcript shows it.
pub(crate) fn find_staple(text: &str) -> Option<Vec<u8>> {
    server_handshakes(text).into_iter().find_map(|m| match m.bytes.first() {
        Some(&CERTIFICATE_STATUS) => certificate_status(body(&m.bytes)?),
        Some(&CERTIFICATE) if m.tls13 => tls13_certificate_staple(body(&m.bytes)?),
        _ => None,
    })
}

/// The server's handshake messages with their hex bytes, in order.
fn server_handshakes(text: &str) -> Vec<Message> {
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(header) = line.trim().strip_prefix("<<< ") else { continue };
        let Some((version, rest)) = header.split_once(", ") else { continue };
        if !rest.starts_with("Handshake [length ") {
            continue;
        }
        if out.len() >= MAX_MESSAGES {
            break;
        }
        let mut bytes = Vec::new();
        while let Some(next) = lines.peek() {
            let Some(chunk) = hex_line(next) else { break };
            lines.next();
            if bytes.len() + chunk.len() <= MAX_MESSAGE_BYTES {
                bytes.extend(chunk);
            }
        }
        out.push(Message { tls13: version.trim() == "TLS 1.3", bytes });
    }
    out
}

/// `    0b 00 06 ec 00 00` → its bytes; `None` for any other line.
fn hex_line(line: &str) -> Option<Vec<u8>> {
    if !line.starts_with(' ') {
        return None;
    }
    let tokens = line.split_whitespace();
    let mut bytes = Vec::with_capacity(16);
    for token in tokens {
        if token.len() != 2 {
            return None;
        }
        bytes.push(u8::from_str_radix(token, 16).ok()?);
    }
    (!bytes.is_empty()).then_some(bytes)
}

/// A message's body: after the type octet and the 24-bit length, which
/// must match what is there.
fn body(message: &[u8]) -> Option<&[u8]> {
    let mut r = Reader(message.get(1..)?);
    let body = r.vec24()?;
    r.0.is_empty().then_some(body)
}

/// RFC 6066 §8 CertificateStatus: status_type ocsp, then the response.
fn certificate_status(status: &[u8]) -> Option<Vec<u8>> {
    let mut r = Reader(status);
    if r.u8()? != STATUS_TYPE_OCSP {
        return None;
    }
    let der = r.vec24()?;
    (!der.is_empty()).then(|| der.to_vec())
}

/// RFC 8446 §4.4.2: the first CertificateEntry's status_request extension.
fn tls13_certificate_staple(body: &[u8]) -> Option<Vec<u8>> {
    let mut r = Reader(body);
    let _context = r.vec8()?;
    let mut list = Reader(r.vec24()?);
    let _cert_data = list.vec24()?;
    let mut extensions = Reader(list.vec16()?);
    while !extensions.0.is_empty() {
        let kind = extensions.u16()?;
        let data = extensions.vec16()?;
        if kind == STATUS_REQUEST {
            return certificate_status(data);
        }
    }
    None
}

/// Reads TLS's big-endian integers and length-prefixed vectors.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1)?.first().copied()
    }
    fn u16(&mut self) -> Option<u16> {
        let b = self.take(2)?;
        Some(u16::from_be_bytes([*b.first()?, *b.get(1)?]))
    }
    fn u24(&mut self) -> Option<usize> {
        let b = self.take(3)?;
        Some(usize::from(*b.first()?) << 16 | usize::from(*b.get(1)?) << 8 | usize::from(*b.get(2)?))
    }
    fn vec8(&mut self) -> Option<&'a [u8]> {
        let n = usize::from(self.u8()?);
        self.take(n)
    }
    fn vec16(&mut self) -> Option<&'a [u8]> {
        let n = usize::from(self.u16()?);
        self.take(n)
    }
    fn vec24(&mut self) -> Option<&'a [u8]> {
        let n = self.u24()?;
        self.take(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dump(direction: &str, version: &str, name: &str, bytes: &[u8]) -> String {
        let mut s = format!("{direction} {version}, Handshake [length {:04x}], {name}\n", bytes.len());
        for chunk in bytes.chunks(16) {
            s.push_str("   ");
            for b in chunk {
                s.push_str(&format!(" {b:02x}"));
            }
            s.push('\n');
        }
        s
    }

    fn status_message(der: &[u8]) -> Vec<u8> {
        let mut body = vec![STATUS_TYPE_OCSP];
        body.extend(u24(der.len()));
        body.extend(der);
        let mut m = vec![CERTIFICATE_STATUS];
        m.extend(u24(body.len()));
        m.extend(body);
        m
    }

    fn u24(n: usize) -> [u8; 3] {
        [(n >> 16) as u8, (n >> 8) as u8, n as u8]
    }

    #[test]
    fn tls12_certificate_status_gives_the_der() {
        let der = [0x30, 0x03, 0x0a, 0x01, 0x00];
        let text = dump("<<<", "TLS 1.2", "CertificateStatus", &status_message(&der));
        assert_eq!(find_staple(&text).as_deref(), Some(&der[..]));
        // What the client sent is not the server's staple.
        assert_eq!(find_staple(&dump(">>>", "TLS 1.2", "CertificateStatus", &status_message(&der))), None);
    }

    #[test]
    fn tls13_status_request_of_the_first_entry_gives_the_der() {
        let der = [0x30, 0x03, 0x0a, 0x01, 0x00];
        let status = &status_message(&der)[4..];
        let mut ext = vec![0x00, 0x05];
        ext.extend((status.len() as u16).to_be_bytes());
        ext.extend(status);
        let mut entry = u24(2).to_vec();
        entry.extend([0xaa, 0xbb]);
        entry.extend((ext.len() as u16 + 4).to_be_bytes());
        entry.extend([0x00, 0x17, 0x00, 0x00]); // another extension first
        entry.extend(&ext);
        let mut body = vec![0x00];
        body.extend(u24(entry.len()));
        body.extend(&entry);
        let mut m = vec![CERTIFICATE];
        m.extend(u24(body.len()));
        m.extend(&body);
        assert_eq!(find_staple(&dump("<<<", "TLS 1.3", "Certificate", &m)).as_deref(), Some(&der[..]));
        // Read as TLS 1.2 the same bytes are no staple.
        assert_eq!(find_staple(&dump("<<<", "TLS 1.2", "Certificate", &m)), None);
    }

    /// make.sh's transcripts of `openssl s_server -status_file X.ocsp.der`.
    #[test]
    fn real_dumps_give_the_served_file_byte_for_byte() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/staple");
        let read = |n: &str| std::fs::read(dir.join(n)).unwrap();
        for (transcript, served) in [
            ("good-tls12-msg.txt", "good.ocsp.der"),
            ("good-tls13-msg.txt", "good.ocsp.der"),
            ("revoked-tls12-msg.txt", "revoked.ocsp.der"),
            ("unknown-tls13-msg.txt", "unknown.ocsp.der"),
            ("stale-tls12-msg.txt", "stale.ocsp.der"),
            ("muststaple-tls13-msg.txt", "muststaple.ocsp.der"),
        ] {
            let text = String::from_utf8(read(transcript)).unwrap();
            assert_eq!(find_staple(&text), Some(read(served)), "{transcript}");
        }
        for none in ["muststaple-none-tls13-msg.txt", "good-tls13-text.txt"] {
            assert_eq!(find_staple(&String::from_utf8(read(none)).unwrap()), None, "{none}");
        }
    }

    #[test]
    fn wrong_lengths_and_junk_give_nothing() {
        let der = [0x30, 0x03, 0x0a, 0x01, 0x00];
        let good = status_message(&der);
        for cut in 0..good.len() {
            let text = dump("<<<", "TLS 1.2", "CertificateStatus", &good[..cut]);
            assert_eq!(find_staple(&text), None, "cut at {cut}");
        }
        let mut long = good.clone();
        long.push(0);
        assert_eq!(find_staple(&dump("<<<", "TLS 1.2", "CertificateStatus", &long)), None);
        let mut wrong_type = good.clone();
        wrong_type[4] = 2;
        assert_eq!(find_staple(&dump("<<<", "TLS 1.2", "CertificateStatus", &wrong_type)), None);
        for junk in
            ["<<< ", "<<< TLS 1.2, Handshake [length ffffff], CertificateStatus\n    16 ff ff ff\n", "<<<\n    zz\n"]
        {
            assert_eq!(find_staple(junk), None);
        }
    }

    #[test]
    fn huge_dumps_are_bounded() {
        let mut text = String::from("<<< TLS 1.2, Handshake [length ffffff], CertificateStatus\n");
        for _ in 0..40_000 {
            text.push_str("    16 16 16 16 16 16 16 16 16 16 16 16 16 16 16 16\n");
        }
        assert_eq!(find_staple(&text), None);
        let many = "<<< TLS 1.2, Handshake [length 0001], Finished\n    14\n".repeat(10_000);
        assert_eq!(server_handshakes(&many).len(), MAX_MESSAGES);
    }
}
