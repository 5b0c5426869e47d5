#!/usr/bin/env python3
"""Writes openssl-facts.json: what `openssl x509` (3.0) says about every
certificate under this directory and the pool's real chains the
x509 tests read, for the tests to compare certscope's
report with, field by field. Rerun after adding fixtures:
    python3 openssl-facts.py > openssl-facts.json
"""
import base64, glob, json, os, re, subprocess, sys
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))

def run(args, data):
    return subprocess.run(args, input=data, capture_output=True).stdout

def pem_blocks(path):
    raw = open(path, "rb").read()
    if b"-----BEGIN" not in raw:
        return [raw]
    out = []
    for m in re.finditer(rb"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", raw, re.S):
        out.append(base64.b64decode(b"".join(m.group(1).split())))
    return out

def x509(der, *args):
    return run(["openssl", "x509", "-inform", "DER", "-noout", *args], der).decode("utf-8", "replace")

def when(text):
    text = text.split("=", 1)[1].strip()
    try:
        t = datetime.strptime(text, "%b %d %H:%M:%S %Y GMT").replace(tzinfo=timezone.utc)
    except ValueError:
        return None
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")

def facts(der):
    text = x509(der, "-text")
    if not text:
        return None
    f = {}
    f["subject"] = x509(der, "-subject", "-nameopt", "RFC2253,-esc_msb").split("=", 1)[1].strip()
    f["issuer"] = x509(der, "-issuer", "-nameopt", "RFC2253,-esc_msb").split("=", 1)[1].strip()
    f["serial"] = x509(der, "-serial").split("=", 1)[1].strip().lower()
    f["sha256"] = x509(der, "-fingerprint", "-sha256").split("=", 1)[1].strip().replace(":", "").lower()
    f["sha1"] = x509(der, "-fingerprint", "-sha1").split("=", 1)[1].strip().replace(":", "").lower()
    f["not_before"] = when(x509(der, "-startdate"))
    f["not_after"] = when(x509(der, "-enddate"))
    f["version"] = int(re.search(r"Version: (\d)", text).group(1))
    f["signature_algorithm"] = re.search(r"Signature Algorithm: (.+)", text).group(1).strip()
    m = re.search(r"Public-Key: \((\d+) bit\)", text)
    f["key_bits"] = int(m.group(1)) if m else None
    f["public_key_algorithm"] = re.search(r"Public Key Algorithm: (.+)", text).group(1).strip()
    pub = run(["openssl", "x509", "-inform", "DER", "-noout", "-pubkey"], der)
    spki = run(["openssl", "pkey", "-pubin", "-outform", "DER"], pub) if pub else b""
    f["spki_sha256"] = base64.b64encode(__import__("hashlib").sha256(spki).digest()).decode() if spki else None
    ext = x509(der, "-ext", "subjectAltName,keyUsage,extendedKeyUsage,basicConstraints")
    def block(name):
        m = re.search(r"X509v3 " + name + r":.*\n\s+(.+)", ext)
        return m.group(1).strip() if m else None
    f["san"] = block("Subject Alternative Name")
    f["key_usage"] = block("Key Usage")
    f["extended_key_usage"] = block("Extended Key Usage")
    f["basic_constraints"] = block("Basic Constraints")
    return f

# This folder's certificates, keyed by their name here, and the real chains
# of the fixture pool that the x509 tests also read, keyed by their path in
# the pool (tests/data).
POOL = os.path.dirname(HERE)
POOL_SETS = ["real/amazon/*.chain.pem", "real/amazon/AmazonRootCA*.cer", "limbo/online/*.pem", "real/webpki/ed25519/*.der"]

out = {}
paths = glob.glob(os.path.join(HERE, "**", "*"), recursive=True)
paths += [p for s in POOL_SETS for p in glob.glob(os.path.join(POOL, s))]
for path in sorted(paths):
    if not (path.endswith(".pem") or path.endswith(".der") or path.endswith(".cer")):
        continue
    rel = os.path.relpath(path, HERE if path.startswith(HERE + os.sep) else POOL)
    for i, der in enumerate(pem_blocks(path)):
        f = facts(der)
        if f is not None:
            out[f"{rel}#{i}"] = f
json.dump(out, sys.stdout, indent=1, ensure_ascii=False, sort_keys=True)
print()
