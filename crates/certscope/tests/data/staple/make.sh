#!/bin/sh
# Makes the stapling test data: a test PKI, OCSP responses made offline with
# `openssl ocsp`, and `openssl s_client -status` transcripts (with and
# without -msg, TLS 1.2 and 1.3) of `openssl s_server` stapling them.
# Everything runs on 127.0.0.1; every server is stopped by its PID and
# every wait is bounded. Run from anywhere: sh make.sh
# Writes asof.txt: a time 10 minutes after the responses were made, when
# the 7-day responses are fresh and the 1-minute one is stale.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
PORT=${PORT:-44330}
HOST=staple.test

. ../../../../../tests/lab/pki.sh

pki_ext_cnf "$work/ext.cnf" "$HOST" "http://127.0.0.1:8888/"

pki_key root.key
openssl req -new -x509 -key root.key -subj "/O=certscope test/CN=Staple Test Root" -days 3650 \
  -config "$work/ext.cnf" -extensions root -set_serial 0x01 -out root.pem
pki_key inter.key
openssl req -new -key inter.key -subj "/O=certscope test/CN=Staple Test Intermediate" -out "$work/inter.csr"
openssl x509 -req -in "$work/inter.csr" -CA root.pem -CAkey root.key -set_serial 0x02 -days 3650 \
  -extfile "$work/ext.cnf" -extensions inter -out inter.pem 2>/dev/null

# name serial extensions
leaf() {
  pki_key "$1.key"
  openssl req -new -key "$1.key" -subj "/CN=$HOST" -out "$work/$1.csr"
  openssl x509 -req -in "$work/$1.csr" -CA inter.pem -CAkey inter.key -set_serial "$2" -days 3650 \
    -extfile "$work/ext.cnf" -extensions "$3" -out "$1.pem" 2>/dev/null
}
leaf good 0x1001 leaf
leaf muststaple 0x1002 muststaple
leaf revoked 0x1003 leaf
leaf unknown 0x1004 leaf

# The responder's database: serials 1001 and 1002 valid, 1003 revoked for
# keyCompromise; 1004 is not listed, so the responder says "unknown".
exp=$(date -u -d '+3650 days' +%y%m%d%H%M%SZ)
rev=$(date -u -d '-1 day' +%y%m%d%H%M%SZ)
# (The index wants unique subjects; the responder only looks at serials.)
printf 'V\t%s\t\t1001\tunknown\t/CN=good\n' "$exp" > "$work/index.txt"
printf 'V\t%s\t\t1002\tunknown\t/CN=muststaple\n' "$exp" >> "$work/index.txt"
printf 'R\t%s\t%s,keyCompromise\t1003\tunknown\t/CN=revoked\n' "$exp" "$rev" >> "$work/index.txt"

# name leaf validity-flags...: the CA signs its responses itself.
respond() {
  name=$1 cert=$2
  shift 2
  openssl ocsp -issuer inter.pem -cert "$cert.pem" -no_nonce -reqout "$work/$name.req" >/dev/null
  openssl ocsp -index "$work/index.txt" -rsigner inter.pem -rkey inter.key -CA inter.pem \
    -reqin "$work/$name.req" -respout "$name.ocsp.der" "$@" >/dev/null 2>&1
}
respond good good -ndays 7
respond muststaple muststaple -ndays 7
respond revoked revoked -ndays 7
respond unknown unknown -ndays 7
respond stale good -nmin 1
date -u -d '+10 minutes' +%Y-%m-%dT%H:%M:%SZ > asof.txt

# name leaf response(or -) s_client-flags...
capture() {
  name=$1 cert=$2 resp=$3
  shift 3
  status=""
  if [ "$resp" != "-" ]; then status="-status_file $resp.ocsp.der"; fi
  # A fresh log per server: its ACCEPT line says this one is listening.
  log="$work/server-$name.log"
  # shellcheck disable=SC2086
  openssl s_server -cert "$cert.pem" -key "$cert.key" -cert_chain inter.pem $status \
    -accept "127.0.0.1:$PORT" -naccept 1 -www < /dev/null > "$log" 2>&1 &
  pid=$!
  i=0
  until grep -q ACCEPT "$log" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -gt 50 ]; then kill "$pid"; echo "s_server did not start" >&2; exit 1; fi
    sleep 0.1
  done
  timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -servername "$HOST" -showcerts -status "$@" \
    < /dev/null > "$name.txt" 2>&1 || true
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if ! grep -q -- "-----BEGIN CERTIFICATE-----" "$name.txt"; then
    echo "$name: no handshake in the transcript" >&2
    exit 1
  fi
}
capture good-tls12-msg good good -tls1_2 -msg
capture good-tls13-msg good good -tls1_3 -msg
capture good-tls13-text good good -tls1_3
capture revoked-tls12-msg revoked revoked -tls1_2 -msg
capture revoked-tls13-text revoked revoked -tls1_3
capture unknown-tls13-msg unknown unknown -tls1_3 -msg
capture stale-tls12-msg good stale -tls1_2 -msg
capture stale-tls13-text good stale -tls1_3
capture muststaple-tls13-msg muststaple muststaple -tls1_3 -msg
capture muststaple-tls12-text muststaple muststaple -tls1_2
capture muststaple-none-tls13-msg muststaple - -tls1_3 -msg
# The wrong staple: the server of the good leaf staples the revoked
# leaf's response (a serial that is not the leaf's).
capture mismatch-tls13-text good revoked -tls1_3
rm -f ./*.key
