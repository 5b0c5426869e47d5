#!/bin/sh
# Makes an EC chain rooted in P-384, with an OCSP response: the shape of the
# EC input issue 15 measured ("P-384 root, P-256"), for the benchmarks
# (bench/browser/inputs.mjs) and tests/p384root.rs. A P-384 root signs a
# P-256 intermediate with ecdsa-with-SHA384; the intermediate signs a P-256
# leaf and a good OCSP response for it (`openssl ocsp -index`, offline, 7
# days). Private keys are deleted. Run from anywhere: sh make.sh
# Writes asof.txt: a time 10 minutes after the response was made.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
HOST=p384root.test

. ../../../../../tests/lab/pki.sh

pki_ext_cnf "$work/ext.cnf" "$HOST" "http://127.0.0.1:8888/"

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$work/root.key" 2>/dev/null
openssl req -new -x509 -sha384 -key "$work/root.key" -subj "/O=certscope test/CN=P-384 Test Root" -days 3650 \
  -config "$work/ext.cnf" -extensions root -set_serial 0x01 -out root.pem
pki_key "$work/inter.key"
openssl req -new -key "$work/inter.key" -subj "/O=certscope test/CN=P-384 Test Intermediate" -out "$work/inter.csr"
openssl x509 -req -sha384 -in "$work/inter.csr" -CA root.pem -CAkey "$work/root.key" -set_serial 0x02 -days 3650 \
  -extfile "$work/ext.cnf" -extensions inter -out inter.pem 2>/dev/null
pki_key "$work/leaf.key"
openssl req -new -key "$work/leaf.key" -subj "/CN=$HOST" -out "$work/leaf.csr"
openssl x509 -req -in "$work/leaf.csr" -CA inter.pem -CAkey "$work/inter.key" -set_serial 0x1001 -days 3650 \
  -extfile "$work/ext.cnf" -extensions leaf -out leaf.pem 2>/dev/null

exp=$(date -u -d '+3650 days' +%y%m%d%H%M%SZ)
printf 'V\t%s\t\t1001\tunknown\t/CN=leaf\n' "$exp" > "$work/index.txt"
openssl ocsp -issuer inter.pem -cert leaf.pem -no_nonce -reqout "$work/leaf.req" >/dev/null
openssl ocsp -index "$work/index.txt" -rsigner inter.pem -rkey "$work/inter.key" -CA inter.pem \
  -reqin "$work/leaf.req" -respout good.ocsp.der -ndays 7 >/dev/null 2>&1
date -u -d '+10 minutes' +%Y-%m-%dT%H:%M:%SZ > asof.txt
