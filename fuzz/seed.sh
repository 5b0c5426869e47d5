#!/bin/sh
# Seeds each target's corpus (gitignored) from the fixture pool,
# crates/certscope/tests/data (real data by origin and the sets made here).
# Idempotent: files are named by content hash.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
data="$root/crates/certscope/tests/data"

copy() { # target file...
    t=$1; shift
    mkdir -p "$here/corpus/$t"
    for f in "$@"; do
        [ -f "$f" ] || continue
        # Skip big files: libFuzzer truncates inputs to -max_len anyway.
        [ "$(wc -c <"$f")" -le 65536 ] || continue
        cp "$f" "$here/corpus/$t/$(sha1sum "$f" | cut -c1-40)"
    done
}

all=$(find "$data" -type f | grep -v -e '\.md$' -e '\.json$' -e '\.sh$' -e '\.py$' -e '\.rs$')
# Everything goes to the splitter and the whole pipeline; decoder targets
# get the DER files of their kind (and, for certificates, PEM decoded).
# shellcheck disable=SC2086
copy split $all
# shellcheck disable=SC2086
copy analyze $all
for f in $all; do
    # The ASN.1 tree reads any bytes; DER objects of every kind seed it.
    case "$f" in *.der|*.cer|*.crt|*.crl|*.ors|*.csr|*.p7b) copy asn1_tree "$f" ;; esac
    case "$f" in
        *ocsp*.der|*ocsp*.resp|*.ocsp|*.ors) copy ocsp_response "$f" ;;
        *.crl|*crl*.der) copy crl "$f" ;;
        *.p7b|*.p7c|*.p7|*pkcs7*) copy pkcs7 "$f" ;;
        *.pfx|*.p12) copy pkcs12 "$f" ;;
        *.der|*.cer|*.crt) copy certificate "$f" ;;
    esac
done
# PEM certificates as DER, for the certificate target.
tmp=$(mktemp -d)
for f in $all; do
    case "$f" in *.pem|*.crt|*.cer) ;; *) continue ;; esac
    grep -q "BEGIN CERTIFICATE" "$f" 2>/dev/null || continue
    awk -v dir="$tmp" '/BEGIN CERTIFICATE/{n++; out=dir "/" n ".b64"; next} /END CERTIFICATE/{out=""} out{print > out}' "$f"
    for b in "$tmp"/*.b64; do
        [ -f "$b" ] || continue
        base64 -d "$b" >"$b.der" 2>/dev/null && copy certificate "$b.der"
        rm -f "$b" "$b.der"
    done
done
rm -rf "$tmp"
# A few PKCS#7 bundles made from the chains (BER and DER).
tmp=$(mktemp -d)
for f in $(find "$data"/real "$data"/limbo/online -name "*.chain.pem" | sort | head -20); do
    n=$(basename "$f")
    openssl crl2pkcs7 -nocrl -certfile "$f" -outform DER -out "$tmp/$n.p7b" 2>/dev/null && copy pkcs7 "$tmp/$n.p7b" && copy split "$tmp/$n.p7b"
done
rm -rf "$tmp"
# The key fixtures as DER, for the private_key target.
tmp=$(mktemp -d)
for f in "$data"/keys/*.key; do
    openssl pkey -in "$f" -passin pass:certscope-test -outform DER -out "$tmp/$(basename "$f").der" 2>/dev/null && copy private_key "$tmp/$(basename "$f").der"
done
rm -rf "$tmp"
# The key match. pfx_key_match: the PFX fixtures (opened with their
# password), and per key fixture a PFX without MAC or encryption holding
# the key with its own certificate and with another's, so that mutations
# of the key bag reach the derivation. key_match: each key's DER as stored
# (PKCS#8, SEC 1 or PKCS#1), \0CS\0, then a certificate or its SPKI.
tmp=$(mktemp -d)
keys="$data/keys"
for f in "$data"/pfx/*.pfx "$data"/pfx/*.p12; do copy pfx_key_match "$f"; done
for k in rsa rsa.pkcs1 ec256 ec256.p8 ec384 ec384.p8 ec521 ec521.p8 ed25519 other-rsa; do
    grep -v -e '^-----' "$keys/$k.key" | base64 -d >"$tmp/$k.der"
    for c in rsa ec256 ec384 ec521 ed25519; do
        openssl x509 -in "$keys/$c.crt" -outform DER -out "$tmp/$c.crt.der"
        openssl x509 -in "$keys/$c.crt" -noout -pubkey | openssl pkey -pubin -outform DER -out "$tmp/$c.spki.der"
        { cat "$tmp/$k.der"; printf '\000CS\000'; cat "$tmp/$c.crt.der"; } >"$tmp/$k-$c.crt.pair"
        { cat "$tmp/$k.der"; printf '\000CS\000'; cat "$tmp/$c.spki.der"; } >"$tmp/$k-$c.spki.pair"
        copy key_match "$tmp/$k-$c.crt.pair" "$tmp/$k-$c.spki.pair"
    done
done
# openssl pairs a key with its own certificate only; another one rides along.
for k in rsa ec256 ec384 ec521 ed25519; do
    for c in rsa ec256 ec384 ec521 ed25519; do
        openssl pkcs12 -export -inkey "$keys/$k.key" -in "$keys/$k.crt" -certfile "$keys/$c.crt" \
            -keypbe NONE -certpbe NONE -nomac -passout pass: -out "$tmp/$k-$c.pfx" && copy pfx_key_match "$tmp/$k-$c.pfx"
    done
done
rm -rf "$tmp"
# verify_diff: one input per scheme (5), hash (5) and mutation (8), the
# first four bytes choosing them (tests/diff/mod.rs), random bytes after.
mkdir -p "$here/corpus/verify_diff"
tmp=$(mktemp -d)
for s in 0 1 2 3 4; do for h in 0 1 2 3 4; do for m in 0 1 2 3 4 5 6 7; do
    f="$tmp/$s$h$m"
    { printf "\\$(printf %03o "$s")\\$(printf %03o "$h")\\$(printf %03o "$m")\\040"; head -c 400 /dev/urandom; } >"$f"
    copy verify_diff "$f"
done; done; done
rm -rf "$tmp"
for t in split certificate pkcs7 pkcs12 private_key pfx_key_match key_match ocsp_response crl asn1_tree analyze verify_diff; do
    printf '%s: %s seeds\n' "$t" "$(ls "$here/corpus/$t" 2>/dev/null | wc -l)"
done
