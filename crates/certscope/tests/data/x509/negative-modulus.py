#!/usr/bin/env python3
"""Writes negative-modulus.pem: Amazon Root CA 1 (real/amazon/AmazonRootCA1.cer)
with its RSA modulus's leading zero octet removed, so the INTEGER is
negative (RFC 8017 A.1.1 wants a positive n). Every enclosing length
(RSAPublicKey, the BIT STRING, SubjectPublicKeyInfo, tbsCertificate,
Certificate) shrinks by one; the signature no longer verifies.

    python3 negative-modulus.py > negative-modulus.pem
"""
import base64, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
der = bytearray(open(os.path.join(HERE, "..", "real", "amazon", "AmazonRootCA1.cer"), "rb").read())


def tlv(buf, at):
    """(header length, content length) of the TLV at `at` (definite lengths)."""
    first = buf[at + 1]
    if first < 0x80:
        return 2, first
    n = first & 0x7F
    return 2 + n, int.from_bytes(buf[at + 2 : at + 2 + n], "big")


def path_to_modulus(buf):
    """Offsets of Certificate, tbsCertificate, SPKI, BIT STRING, RSAPublicKey, modulus."""
    cert = 0
    h, _ = tlv(buf, cert)
    tbs = cert + h
    h, _ = tlv(buf, tbs)
    at = tbs + h
    # version [0], serial, signature, issuer, validity, subject, then SPKI.
    for _ in range(6):
        hh, ll = tlv(buf, at)
        at += hh + ll
    spki = at
    h, _ = tlv(buf, spki)
    alg = spki + h
    hh, ll = tlv(buf, alg)
    bits = alg + hh + ll
    h, _ = tlv(buf, bits)
    rsa = bits + h + 1  # the unused-bits octet
    h, _ = tlv(buf, rsa)
    modulus = rsa + h
    return [cert, tbs, spki, bits, rsa], modulus


outer, modulus = path_to_modulus(der)
h, n = tlv(der, modulus)
assert der[modulus + h] == 0 and der[modulus + h + 1] & 0x80, "modulus starts with 00 then a high bit"
del der[modulus + h]
for at in [modulus] + outer[::-1]:
    hh, ll = tlv(der, at)
    assert hh == 4, "two-octet long-form lengths throughout"
    der[at + 2 : at + 4] = (ll - 1).to_bytes(2, "big")
b64 = base64.b64encode(bytes(der)).decode()
sys.stdout.write("-----BEGIN CERTIFICATE-----\n")
for i in range(0, len(b64), 64):
    sys.stdout.write(b64[i : i + 64] + "\n")
sys.stdout.write("-----END CERTIFICATE-----\n")
