#!/bin/sh
# Regenerates the key-match fixtures: throwaway keys made for these tests
# only, each with a self-signed certificate. Run from this directory:
#   sh make.sh
# The keys protect nothing; the password of the encrypted ones is
# "certscope-test".
set -eu
PASS=pass:certscope-test
cert() { openssl req -x509 -new -key "$1" -subj "/CN=$2" -days 3650 -out "$3" 2>/dev/null; }

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa.key
openssl pkey -in rsa.key -traditional -out rsa.pkcs1.key
cert rsa.key rsa.certscope.test rsa.crt
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out other-rsa.key

for c in P-256:ec256 P-384:ec384 P-521:ec521; do
  curve=${c%%:*}; name=${c##*:}
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:$curve -out $name.p8.key
  openssl pkey -in $name.p8.key -traditional -out $name.key
  cert $name.p8.key $name.certscope.test $name.crt
done

openssl genpkey -algorithm ED25519 -out ed25519.key
cert ed25519.key ed25519.certscope.test ed25519.crt

# Encrypted: PKCS#8 with PBES2 (AES-256-CBC, PBKDF2) and OpenSSL's legacy
# Proc-Type: 4,ENCRYPTED form.
openssl pkcs8 -topk8 -in rsa.key -v2 aes-256-cbc -passout $PASS -out rsa.enc.key
openssl pkey -in rsa.key -traditional -aes128 -passout $PASS -out rsa.legacy-enc.key
