#!/usr/bin/env python3
"""Rewrites a DER PKCS#12 file as BER, the way Bouncy Castle's "PKCS12"
keystore (and Java tools built on it) writes one: every constructed element
with an indefinite length (X.690 8.1.3.6), OCTET STRINGs over 64 bytes as
constructed strings of 64-byte segments (X.690 8.7.3), the encryptedData's
[0] IMPLICIT encryptedContent as a constructed [0] of segments, and the
AuthenticatedSafe and the unencrypted SafeContents inside their OCTET
STRINGs in BER too. The encrypted parts stay as they are (their bytes are
ciphertext), and the MAC is computed again over the new AuthenticatedSafe
(RFC 7292 5.1, App. B), so the file opens with the same password.

    python3 ber.py default.pfx certscope-test > ber.pfx

Only the Python standard library; OpenSSL reads the result
(openssl pkcs12 -in ber.pfx -passin pass:certscope-test -info).
"""

import hashlib
import hmac
import sys

SEGMENT = 64
ID_DATA = bytes.fromhex("2a864886f70d010701")
HASHES = {
    bytes.fromhex("2b0e03021a"): "sha1",
    bytes.fromhex("608648016503040201"): "sha256",
    bytes.fromhex("608648016503040202"): "sha384",
    bytes.fromhex("608648016503040203"): "sha512",
}


def parse(b, pos=0):
    """One DER element at pos: (tag, content, end)."""
    tag = b[pos]
    first = b[pos + 1]
    if first < 0x80:
        length, start = first, pos + 2
    else:
        n = first & 0x7F
        length = int.from_bytes(b[pos + 2 : pos + 2 + n], "big")
        start = pos + 2 + n
    return tag, b[start : start + length], start + length


def children(content):
    out, pos = [], 0
    while pos < len(content):
        tag, value, pos = parse(content, pos)
        out.append((tag, value))
    return out


def definite(tag, content):
    n = len(content)
    if n < 0x80:
        return bytes([tag, n]) + content
    size = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(size)]) + size + content


def indefinite(tag, parts):
    return bytes([tag, 0x80]) + b"".join(parts) + b"\x00\x00"


def segmented(tag, value):
    """An OCTET STRING (or an implicitly tagged one) as constructed segments."""
    if len(value) <= SEGMENT:
        return definite(tag & ~0x20, value)
    parts = [definite(0x04, value[i : i + SEGMENT]) for i in range(0, len(value), SEGMENT)]
    return indefinite(tag | 0x20, parts)


def ber(tag, content, inner=None):
    """The element in BER; `inner(tag, value)` may rewrite the value of an
    OCTET STRING child (the AuthenticatedSafe, a SafeContents)."""
    if tag == 0x04:
        return segmented(0x04, inner(content) if inner else content)
    if not tag & 0x20:
        return definite(tag, content)
    return indefinite(tag, [ber(t, v) for t, v in children(content)])


def content_info(tag, content):
    """ContentInfo: data (SafeContents inside, in BER) or encryptedData."""
    kids = children(content)
    oid, (ctx, explicit) = kids[0], kids[1]
    if oid[1] == ID_DATA:
        (octets_tag, safe), = children(explicit)
        inner = ber(octets_tag, safe, inner=lambda s: ber(*parse(s)[:2]))
        return indefinite(tag, [definite(*oid), indefinite(ctx, [inner])])
    # encryptedData: EncryptedData { version, EncryptedContentInfo { type, alg, [0] IMPLICIT } }
    (ed_tag, ed), = children(explicit)
    version, (eci_tag, eci) = children(ed)
    ctype, alg, (enc_tag, enc) = children(eci)
    eci_ber = indefinite(eci_tag, [definite(*ctype), ber(*alg), segmented(enc_tag, enc)])
    return indefinite(tag, [definite(*oid), indefinite(ctx, [indefinite(ed_tag, [definite(*version), eci_ber])])])


def auth_safe_ber(auth_safe):
    tag, content, _ = parse(auth_safe)
    return indefinite(tag, [content_info(t, v) for t, v in children(content)])


def fill(x, v):
    """Copies of x up to the next multiple of v bytes (RFC 7292 App. B.2 steps 2, 3)."""
    n = v * ((len(x) + v - 1) // v)
    return (x * (n // len(x) + 1))[:n] if x else b""


def pkcs12_kdf(name, password, salt, ident, iterations, n):
    """RFC 7292 App. B.2 (one output block is enough for a MAC key)."""
    h = hashlib.new(name)
    u, v = h.digest_size, h.block_size
    bmp = (password.encode("utf-16-be") + b"\x00\x00") if password else b""
    d = bytes([ident]) * v
    a = d + fill(salt, v) + fill(bmp, v)
    for _ in range(iterations):
        a = hashlib.new(name, a).digest()
    assert n <= u
    return a[:n]


def main():
    der, password = open(sys.argv[1], "rb").read(), sys.argv[2]
    _, pfx, _ = parse(der)
    version, (ci_tag, ci), (mac_tag, mac) = children(pfx)
    oid, (ctx, explicit) = children(ci)
    (_, auth_safe), = children(explicit)
    new_auth_safe = auth_safe_ber(auth_safe)
    # MacData { DigestInfo { AlgorithmIdentifier, digest }, macSalt, iterations }
    (di_tag, di), (salt_tag, salt), (it_tag, it) = children(mac)
    (alg_tag, alg), (dg_tag, _) = children(di)
    name = HASHES[children(alg)[0][1]]
    key = pkcs12_kdf(name, password, salt, 3, int.from_bytes(it, "big"), hashlib.new(name).digest_size)
    digest = hmac.new(key, new_auth_safe, name).digest()
    mac_ber = indefinite(
        mac_tag,
        [indefinite(di_tag, [ber(alg_tag, alg), definite(dg_tag, digest)]), definite(salt_tag, salt), definite(it_tag, it)],
    )
    ci_ber = indefinite(ci_tag, [definite(*oid), indefinite(ctx, [segmented(0x04, new_auth_safe)])])
    sys.stdout.buffer.write(indefinite(0x30, [definite(*version), ci_ber, mac_ber]))


if __name__ == "__main__":
    main()
