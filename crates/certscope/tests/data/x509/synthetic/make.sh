#!/bin/sh
# Regenerates the synthetic self-signed certificates that cover every
# signature algorithm/hash/curve combination certscope verifies. Each file
# is a self-signed certificate, so its own key must verify its signature.
# Needs OpenSSL 3. Keys are thrown away; only the certificates are kept.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

selfsign() { # name keyfile [openssl req signing options...]
    name=$1; key=$2; shift 2
    openssl req -x509 -new -key "$key" -subj "/CN=certscope $name" -days 36500 \
        -set_serial 0x0123456789abcdef -out "$name.pem" "$@" 2>/dev/null
}

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$tmp/rsa.key" 2>/dev/null
for md in md5 sha1 sha224 sha256 sha384 sha512; do
    selfsign "rsa-pkcs1-$md" "$tmp/rsa.key" "-$md"
done
selfsign rsa-pss-sha256-salt32 "$tmp/rsa.key" -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32
selfsign rsa-pss-sha384-salt48 "$tmp/rsa.key" -sha384 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:48
selfsign rsa-pss-sha512-salt64 "$tmp/rsa.key" -sha512 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:64
selfsign rsa-pss-sha256-mgf1-sha1 "$tmp/rsa.key" -sha256 -sigopt rsa_padding_mode:pss \
    -sigopt rsa_pss_saltlen:32 -sigopt rsa_mgf1_md:sha1

openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out "$tmp/pss.key" 2>/dev/null
selfsign rsapss-key-sha256 "$tmp/pss.key" -sha256 -sigopt rsa_pss_saltlen:32

for curve in P-256 P-384 P-521; do
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:$curve -out "$tmp/ec.key" 2>/dev/null
    for md in sha1 sha224 sha256 sha384 sha512; do
        selfsign "ecdsa-$curve-$md" "$tmp/ec.key" "-$md"
    done
done

openssl genpkey -algorithm ED25519 -out "$tmp/ed25519.key" 2>/dev/null
selfsign ed25519 "$tmp/ed25519.key"
openssl genpkey -algorithm ED448 -out "$tmp/ed448.key" 2>/dev/null
selfsign ed448 "$tmp/ed448.key"

# A 25-octet serial: over RFC 5280's 20, so only the lenient profile decodes it.
openssl req -x509 -new -key "$tmp/ed25519.key" -subj "/CN=certscope long-serial" -days 36500 \
    -set_serial 0x0102030405060708090a0b0c0d0e0f10111213141516171819 -out long-serial.pem 2>/dev/null

# Keys certscope sizes but does not verify with: DSA (sized by p) and EC
# with explicit curve parameters (sized by the base point's order), as
# `openssl x509 -text` sizes them.
openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 -out "$tmp/dsa.param" 2>/dev/null
openssl genpkey -paramfile "$tmp/dsa.param" -out "$tmp/dsa.key" 2>/dev/null
selfsign dsa-2048-sha256 "$tmp/dsa.key" -sha256
openssl ecparam -name prime256v1 -param_enc explicit -genkey -noout -out "$tmp/ec-explicit.key" 2>/dev/null
selfsign ec-explicit-p256-sha256 "$tmp/ec-explicit.key" -sha256
