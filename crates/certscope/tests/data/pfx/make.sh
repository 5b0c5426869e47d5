#!/bin/sh
# Regenerates the PKCS#12 fixtures: a throwaway CA and leaf made for these
# tests only, exported the ways IIS, Windows and OpenSSL do. Run from this
# directory with OpenSSL 3: sh make.sh
# The password of the protected files is "certscope-test".
set -eu
PASS=pass:certscope-test
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key 2>/dev/null
openssl req -x509 -new -key ca.key -subj "/CN=certscope test CA" -days 3650 \
  -addext "basicConstraints=critical,CA:true" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.crt
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out leaf.key 2>/dev/null
openssl req -new -key leaf.key -subj "/CN=www.example.test" \
  -addext "subjectAltName=DNS:www.example.test,DNS:example.test" -out leaf.csr
openssl x509 -req -in leaf.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 -copy_extensions copy \
  -extfile /dev/null -out leaf.crt 2>/dev/null
# The same key and CSR signed without its requested names (csr-names-not-covered).
openssl x509 -req -in leaf.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 -out leaf-no-san.crt 2>/dev/null
rm -f ca.srl

export_pfx() { out=$1; shift; openssl pkcs12 -export -inkey leaf.key -in leaf.crt -certfile ca.crt -name "certscope leaf" "$@" -out "$out"; }
# OpenSSL 3 defaults: PBES2 (PBKDF2-HMAC-SHA-256, AES-256-CBC), HMAC-SHA-256 MAC, 2048 iterations.
export_pfx default.pfx -passout $PASS
# What older Windows and OpenSSL 1.x write: RC2-40 certificate bags, 3DES key bag, SHA-1 MAC.
export_pfx legacy.pfx -legacy -passout $PASS
# 3DES for the certificate bags too (Windows Server 2016 "TripleDES-SHA1").
export_pfx tripledes.pfx -certpbe PBE-SHA1-3DES -keypbe PBE-SHA1-3DES -macalg sha1 -passout $PASS
# The empty password (IIS lets one export without).
export_pfx empty-password.pfx -passout pass:
# No encryption and no MAC at all.
export_pfx plain.pfx -keypbe NONE -certpbe NONE -nomac -passout pass:
base64 -w 64 default.pfx > default.pfx.b64
# The default and legacy exports rewritten as BER (indefinite lengths,
# constructed OCTET STRINGs), as Bouncy Castle's PKCS12 keystore writes them.
python3 ber.py default.pfx certscope-test > ber.pfx
python3 ber.py legacy.pfx certscope-test > ber-legacy.pfx
