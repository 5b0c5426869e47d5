#!/usr/bin/env python3
"""Runs x509-limbo's SERVER cases through openssl and pyca/cryptography, for
the peer columns of docs/conformance.md:

    python3 scripts/limbo-peers.py            # agree / run per id prefix
    python3 scripts/limbo-peers.py --cases    # and one row per case

Needs `openssl` on PATH and `python3 -m pip install cryptography==48.0.0`.
Input: crates/certscope/tests/data/limbo/limbo-8a2e6f41.json (or the path
given). Each peer runs a case the way limbo's own harness for it does
(`harness/openssl/main.cpp` at C2SP/x509-limbo@00a58472, the version that
loads CRLs, and `harness/pyca-cryptography/main.py` at @03994525):

- openssl: `openssl verify` with -x509_strict, -partial_chain (an anchor may
  be an intermediate), -auth_level 2, the case's CRLs with -crl_check_all,
  its time (-attime), host (-verify_hostname, -verify_ip or -verify_email),
  max_chain_depth (-verify_depth) and, when the case names one, its EKU
  (-purpose); no system store. The harness's skip checks for
  signature_algorithms, key_usage and expected_peer_names test the static
  `json::array()` and never fire, so every SERVER case runs. One setting has
  no `openssl verify` option: X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, with which
  the harness rejects `ba*.example.com` for baz.example.com
  (webpki::san::wildcard-embedded-leftmost-san); `openssl verify` accepts it.
- pyca: PolicyBuilder().time(T).store(Store(ANCHORS)).max_chain_depth(N)
  .build_server_verifier(NAME).verify(LEAF, INTERMEDIATES); a case marked
  denial-of-service runs in a child process and is a HANG after 5 seconds.
  A case pyca cannot express is skipped: CRLs (the verifier takes none), no
  DNS or IP peer name, an EKU other than serverAuth, signature_algorithms.
  The harness's further skip lists (features and ids pyca does not mean to
  enforce) are not applied: those cases run and count.

A null validation_time is 2026-01-01T00:00:00Z, as in certscope's runner,
so the output does not depend on the day it runs. Both harnesses then
validate at "now" (openssl's sets NO_CHECK_TIME on the store after
X509_STORE_CTX_init has copied the store's flags), and every such case's
certificates are valid from 1970 to 2969 except one intermediate that limbo
expects to be passed over, so the verdicts are the same.
"""
import datetime
import ipaddress
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import warnings

import cryptography
from cryptography import x509
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

# Limbo's negative-serial cases load with a deprecation warning; their verdict is the point.
warnings.simplefilter("ignore", CryptographyDeprecationWarning)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_INPUT = os.path.join(ROOT, "crates/certscope/tests/data/limbo/limbo-8a2e6f41.json")
NULL_TIME = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
PREFIXES = ["crl", "cve", "online", "pathlen", "pathological", "rfc5280", "webpki"]
# harness/openssl/main.cpp create_eku_map(): limbo EKU name -> openssl purpose.
PURPOSES = {"anyExtendedKeyUsage": "any", "serverAuth": "sslserver", "clientAuth": "sslclient"}
HOST_FLAGS = {"DNS": "-verify_hostname", "IP": "-verify_ip", "RFC822": "-verify_email"}
SKIPPED = "skipped"
# harness/pyca-cryptography/main.py: a denial-of-service case that gives no
# verdict within this many seconds is a HANG (pyca 48 loops on one of them).
TIMEOUT_SECONDS = 5


def validation_time(case):
    text = case["validation_time"]
    if text is None:
        return NULL_TIME
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def write_pem(path, pems):
    with open(path, "w", encoding="ascii") as f:
        f.write("".join(pem if pem.endswith("\n") else pem + "\n" for pem in pems))
    return path


def run_openssl(case, tmp):
    """(SUCCESS | FAILURE | skipped, reason) as harness/openssl/main.cpp."""
    ekus = case["extended_key_usage"]
    if len(ekus) > 1 or any(eku not in PURPOSES for eku in ekus):
        return SKIPPED, f"EKU {ekus} has no openssl purpose"
    args = ["openssl", "verify", "-no-CApath", "-no-CAstore", "-x509_strict", "-partial_chain"]
    args += ["-auth_level", "2", "-attime", str(int(validation_time(case).timestamp()))]
    args += ["-CAfile", write_pem(os.path.join(tmp, "anchors.pem"), case["trusted_certs"])]
    if case["untrusted_intermediates"]:
        path = write_pem(os.path.join(tmp, "untrusted.pem"), case["untrusted_intermediates"])
        args += ["-untrusted", path]
    if case["crls"]:
        path = write_pem(os.path.join(tmp, "crls.pem"), case["crls"])
        args += ["-crl_check_all", "-CRLfile", path]
    peer = case["expected_peer_name"]
    if peer is not None:
        args += [HOST_FLAGS[peer["kind"]], peer["value"]]
    for eku in ekus:
        args += ["-purpose", PURPOSES[eku]]
    if case["max_chain_depth"] is not None:
        args += ["-verify_depth", str(case["max_chain_depth"])]
    args.append(write_pem(os.path.join(tmp, "leaf.pem"), [case["peer_certificate"]]))
    out = subprocess.run(args, capture_output=True, text=True, errors="replace", check=False)
    if out.returncode == 0 and out.stdout.rstrip().endswith(": OK"):
        return "SUCCESS", ""
    lines = [line for line in (out.stdout + out.stderr).splitlines() if line.startswith("error ")]
    return "FAILURE", lines[0] if lines else (out.stdout + out.stderr).strip()


def pyca_peer_name(peer):
    if peer["kind"] == "DNS":
        return x509.DNSName(peer["value"])
    return x509.IPAddress(ipaddress.ip_address(peer["value"]))


def run_pyca(case):
    """(SUCCESS | FAILURE | skipped, reason) as harness/pyca-cryptography/main.py."""
    peer = case["expected_peer_name"]
    if case["crls"]:
        return SKIPPED, "CRLs: the verifier takes none"
    if peer is None or peer["kind"] not in ("DNS", "IP"):
        return SKIPPED, "no DNS or IP peer name"
    if case["extended_key_usage"] not in ([], ["serverAuth"]):
        return SKIPPED, "an EKU other than serverAuth"
    if case["signature_algorithms"]:
        return SKIPPED, "signature_algorithms"
    load = x509.load_pem_x509_certificate
    try:
        anchors = [load(pem.encode()) for pem in case["trusted_certs"]]
        untrusted = [load(pem.encode()) for pem in case["untrusted_intermediates"]]
        leaf = load(case["peer_certificate"].encode())
    except ValueError as e:
        return "FAILURE", f"load: {e}"
    builder = PolicyBuilder().store(Store(anchors)).time(validation_time(case))
    if case["max_chain_depth"] is not None:
        builder = builder.max_chain_depth(case["max_chain_depth"])
    try:
        verifier = builder.build_server_verifier(pyca_peer_name(peer))
        verifier.verify(leaf, untrusted)
    except (ValueError, VerificationError) as e:
        return "FAILURE", str(e)
    return "SUCCESS", ""


def run_pyca_bounded(case):
    """run_pyca, in a child process for a denial-of-service case."""
    if "denial-of-service" not in case["features"]:
        return run_pyca(case)
    with multiprocessing.Pool(1) as pool:
        try:
            return pool.apply_async(run_pyca, (case,)).get(TIMEOUT_SECONDS)
        except multiprocessing.TimeoutError:
            return "HANG", f"no verdict within {TIMEOUT_SECONDS} s"


def cell(text, limit=160):
    """Text (certificate names included) as one Markdown table cell."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit] + "…"
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "'")


def tally(rows, peer, share):
    """'agree / run' for one peer, then the share if asked and the skips."""
    run = [r for r in rows if r[peer][0] != SKIPPED]
    agree = sum(1 for r in run if r[peer][0] == r["expected"])
    text = f"{agree} / {len(run)}"
    if share and run:
        text += f" ({100 * agree / len(run):.1f}%)"
    skipped = len(rows) - len(run)
    return text + (f", {skipped} skipped" if skipped else "")


def main(argv):
    show_cases = "--cases" in argv
    paths = [a for a in argv if a != "--cases"]
    with open(paths[0] if paths else DEFAULT_INPUT, encoding="utf-8") as f:
        limbo = json.load(f)
    cases = [c for c in limbo["testcases"] if c["validation_kind"] == "SERVER"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            rows.append({
                "id": case["id"],
                "prefix": case["id"].split("::")[0],
                "expected": case["expected_result"],
                "openssl": run_openssl(case, tmp),
                "pyca": run_pyca_bounded(case),
            })
    version = subprocess.run(["openssl", "version"], capture_output=True, text=True, check=True)
    print(f"x509-limbo SERVER cases: {len(rows)}")
    print(f"openssl: {version.stdout.strip()}")
    print(f"pyca/cryptography: {cryptography.__version__}")
    print()
    print("| SERVER cases | openssl | pyca |")
    print("|---|---|---|")
    groups = [("all", rows)]
    for prefix in sorted(set(PREFIXES) | {r["prefix"] for r in rows}):
        groups.append((prefix, [r for r in rows if r["prefix"] == prefix]))
    for name, group in groups:
        cells = [tally(group, peer, name == "all") for peer in ("openssl", "pyca")]
        print(f"| {name} | {cells[0]} | {cells[1]} |")
    if not show_cases:
        return 0
    print()
    print("| case | expected | openssl | pyca | openssl says | pyca says |")
    print("|---|---|---|---|---|---|")
    for r in sorted(rows, key=lambda r: r["id"]):
        marks = []
        for peer in ("openssl", "pyca"):
            got = r[peer][0]
            marks.append(got if got in (SKIPPED, r["expected"]) else f"**{got}**")
        why = [cell(r[peer][1]) for peer in ("openssl", "pyca")]
        print(f"| `{r['id']}` | {r['expected']} | {marks[0]} | {marks[1]} | {why[0]} | {why[1]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
