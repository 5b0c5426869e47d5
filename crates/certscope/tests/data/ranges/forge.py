#!/usr/bin/env python3
"""Writes v2.pem and rsa-16400.pem for tests/ranges.rs from Amazon Root CA 1
(real/amazon/AmazonRootCA1.cer), by editing its DER (signatures no longer
verify, which these findings do not need):

  v2.pem         the version INTEGER set to 1 (X.509 v2): version-not-v3
  v8.pem         the version INTEGER set to 7, which no X.509 version has
  rsa-16400.pem  the RSA modulus replaced by a 16,400-bit odd number, every
                 enclosing length grown to match: key-too-large

    python3 forge.py
"""
import base64, os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = open(os.path.join(HERE, "..", "real", "amazon", "AmazonRootCA1.cer"), "rb").read()


def header(buf, at):
    """(header length, content length) of the definite-length TLV at `at`."""
    first = buf[at + 1]
    if first < 0x80:
        return 2, first
    n = first & 0x7F
    return 2 + n, int.from_bytes(buf[at + 2 : at + 2 + n], "big")


def length_octets(n):
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def pem(der, name):
    b64 = base64.b64encode(der).decode()
    lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
    with open(os.path.join(HERE, name), "w") as f:
        f.write("-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n")


def rebuild(buf, path, new_leaf):
    """`buf` with the TLV at the end of `path` (offsets, outermost first)
    replaced by `new_leaf`, every enclosing length recomputed."""
    if not path:
        return new_leaf
    at = path[-1]
    parent = path[-2] if len(path) > 1 else None
    if parent is None:
        return new_leaf
    ph, pl = header(buf, parent)
    h, l = header(buf, at)
    content = buf[parent + ph : at] + new_leaf + buf[at + h + l : parent + ph + pl]
    new_parent = bytes([buf[parent]]) + length_octets(len(content)) + content
    return rebuild(buf, path[:-1], new_parent)


def children(buf, at):
    h, l = header(buf, at)
    out, i = [], at + h
    while i < at + h + l:
        out.append(i)
        ch, cl = header(buf, i)
        i += ch + cl
    return out


cert = 0
tbs = children(ROOT, cert)[0]
fields = children(ROOT, tbs)

# v2: [0] { INTEGER 2 } -> INTEGER 1.
version = children(ROOT, fields[0])[0]
v2 = bytearray(ROOT)
assert v2[version : version + 3] == b"\x02\x01\x02"
v2[version + 2] = 1
pem(bytes(v2), "v2.pem")
v2[version + 2] = 7
pem(bytes(v2), "v8.pem")

# rsa-16400: SPKI -> BIT STRING -> RSAPublicKey -> modulus.
spki = fields[6]
bits = children(ROOT, spki)[1]
bh, bl = header(ROOT, bits)
rsa_der = ROOT[bits + bh + 1 : bits + bh + bl]
rh, rl = header(rsa_der, 0)
e_at = children(rsa_der, 0)[1]
eh, el = header(rsa_der, e_at)
modulus = (1 << 16399) | int.from_bytes(os.urandom(2050), "big") % (1 << 16399) | 1
n = b"\x00" + modulus.to_bytes(2050, "big")
rsa_new = b"\x02" + length_octets(len(n)) + n + rsa_der[e_at : e_at + eh + el]
rsa_new = b"\x30" + length_octets(len(rsa_new) - 0) + rsa_new
bits_new = b"\x03" + length_octets(len(rsa_new) + 1) + b"\x00" + rsa_new
pem(rebuild(ROOT, [cert, tbs, spki, bits], bits_new), "rsa-16400.pem")
