#!/bin/sh
# Runs NIST PKITS (crates/certscope/tests/data/pkits/paths.txt) through
# `openssl verify`, for the openssl column of docs/conformance.md:
#   scripts/pkits-openssl.sh            # summary
#   VERBOSE=1 scripts/pkits-openssl.sh  # one line per test
# Same inputs as tests/corpus.rs: the test's certificates and CRLs (root CRL
# included), anchor TrustAnchorRootCertificate, as of 2012-06-01, hard-fail
# CRL checking; the policy column becomes -policy_check with -policy,
# -explicit_policy, -inhibit_map and -inhibit_any.
set -eu
dir=$(cd "$(dirname "$0")/.." && pwd)/crates/certscope/tests/data/pkits
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
at=1338508800 # 2012-06-01T00:00:00Z
openssl x509 -inform DER -in "$dir/certs/TrustAnchorRootCertificate.crt" -out "$tmp/anchor.pem"
agree=0
total=0
policy_agree=0
policy_total=0
while IFS='|' read -r name verdict certs crls policy; do
    case "$name" in '#'*|'') continue ;; esac
    name=$(echo "$name" | sed 's/ *$//')
    verdict=$(echo "$verdict" | tr -d ' ')
    : >"$tmp/untrusted.pem"
    ee=
    for c in $certs; do
        openssl x509 -inform DER -in "$dir/certs/$c.crt" -out "$tmp/c.pem"
        if [ -n "$ee" ]; then cat "$tmp/$ee.pem" >>"$tmp/untrusted.pem"; fi
        ee=$c
        cp "$tmp/c.pem" "$tmp/$c.pem"
    done
    : >"$tmp/crls.pem"
    for l in TrustAnchorRootCRL $crls; do
        openssl crl -inform DER -in "$dir/crls/$l.crl" >>"$tmp/crls.pem"
    done
    set -- -attime "$at" -CAfile "$tmp/anchor.pem" -crl_check_all -CRLfile "$tmp/crls.pem"
    if [ -s "$tmp/untrusted.pem" ]; then set -- "$@" -untrusted "$tmp/untrusted.pem"; fi
    is_policy=0
    if [ -n "${policy:-}" ] && [ -n "$(echo "$policy" | tr -d ' ')" ]; then
        is_policy=1
        set -- "$@" -policy_check
        for w in $policy; do
            case "$w" in
                set=*)
                    for p in $(echo "${w#set=}" | tr ',' ' '); do
                        if [ "$p" = any ]; then set -- "$@" -policy 2.5.29.32.0; else set -- "$@" -policy "2.16.840.1.101.3.2.1.48.$p"; fi
                    done ;;
                explicit) set -- "$@" -explicit_policy ;;
                mapping-inhibit) set -- "$@" -inhibit_map ;;
                any-inhibit) set -- "$@" -inhibit_any ;;
            esac
        done
    fi
    if openssl verify "$@" "$tmp/$ee.pem" >"$tmp/out" 2>&1; then got=valid; else got=invalid; fi
    total=$((total + 1))
    policy_total=$((policy_total + is_policy))
    if [ "$got" = "$verdict" ]; then
        agree=$((agree + 1))
        policy_agree=$((policy_agree + is_policy))
        mark=agree
    else
        mark=DIFFERS
    fi
    if [ -n "${VERBOSE:-}" ]; then
        echo "$mark	$name	expected $verdict, openssl: $(tail -n 2 "$tmp/out" | tr '\n' ' ')"
    fi
done <"$dir/paths.txt"
echo "openssl $(openssl version | cut -d' ' -f2): $agree of $total agree; sections 4.8-4.12: $policy_agree of $policy_total"
