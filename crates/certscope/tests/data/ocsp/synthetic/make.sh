#!/bin/sh
# Regenerates the synthetic OCSP test PKI and responses with OpenSSL 3
# (throw-away keys, not kept). Responses are made offline with
# `openssl ocsp -reqin`, so their times are "now" when this runs: the tests
# read each response's producedAt and judge relative to it.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
o() { openssl "$@" 2>/dev/null; }

cat > "$tmp/ext.cnf" <<'CNF'
[ca]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[leaf]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:www.example.test
authorityInfoAccess = OCSP;URI:http://ocsp.example.test
crlDistributionPoints = URI:http://crl.example.test/ca.crl
[staple]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:staple.example.test
authorityInfoAccess = OCSP;URI:http://ocsp.example.test
tlsfeature = status_request
[staple_critical]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
subjectAltName = DNS:critical.example.test
authorityInfoAccess = OCSP;URI:http://ocsp.example.test
tlsfeature = critical, status_request
[staple_no_url]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
subjectAltName = DNS:nourl.example.test
tlsfeature = status_request
[bare]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
subjectAltName = DNS:bare.example.test
[ca_staple]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
tlsfeature = status_request
[responder]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = OCSPSigning
[responder_nocheck]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = OCSPSigning
noCheck = ignored
[noeku]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
CNF

# key NAME ALG: a throw-away key
key() {
  case $2 in
    rsa) o genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$tmp/$1.key" ;;
    p256) o genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/$1.key" ;;
    p384) o genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$tmp/$1.key" ;;
    ed25519) o genpkey -algorithm ED25519 -out "$tmp/$1.key" ;;
  esac
}
# issue NAME CN ISSUER SECTION SERIAL
issue() {
  o req -new -key "$tmp/$1.key" -subj "/O=certscope test/CN=$2" -out "$tmp/$1.csr"
  o x509 -req -in "$tmp/$1.csr" -CA "$3.pem" -CAkey "$tmp/$3.key" -set_serial "$5" -days 3650 \
    -extfile "$tmp/ext.cnf" -extensions "$4" -sha256 -out "$1.pem"
}

key ca rsa
o req -x509 -new -key "$tmp/ca.key" -subj "/O=certscope test/CN=certscope Test CA" -days 3650 -sha256 \
  -set_serial 1 -addext "basicConstraints=critical,CA:true" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" -addext "subjectKeyIdentifier=hash" -out ca.pem
key other rsa
o req -x509 -new -key "$tmp/other.key" -subj "/O=certscope test/CN=certscope Other CA" -days 3650 -sha256 \
  -set_serial 1 -addext "basicConstraints=critical,CA:true" -addext "keyUsage=critical,keyCertSign,cRLSign" -out other.pem

key leaf p256;      issue leaf www.example.test ca leaf 0x1001
key staple p256;    issue staple staple.example.test ca staple 0x1002
key revoked p256;   issue revoked revoked.example.test ca leaf 0x1003
key revoked2 p256;  issue revoked2 revoked-no-reason.example.test ca leaf 0x1004
key responder rsa;          issue responder "certscope Test OCSP Responder" ca responder 0x2001
key responder-nocheck rsa;  issue responder-nocheck "certscope Test OCSP Responder (nocheck)" ca responder_nocheck 0x2002
key responder-noeku rsa;    issue responder-noeku "certscope Test server cert, no OCSPSigning" ca noeku 0x2003
key responder-foreign rsa;  issue responder-foreign "certscope Other CA OCSP Responder" other responder 0x2004
key responder-ecdsa p384;   issue responder-ecdsa "certscope Test OCSP Responder P-384" ca responder 0x2005
key responder-ed25519 ed25519; issue responder-ed25519 "certscope Test OCSP Responder Ed25519" ca responder 0x2006
# Must-staple readiness (RFC 7633): a critical TLS Feature, no OCSP URL,
# neither OCSP nor CRL, and a must-staple CA whose leaf drops the feature.
key staple-critical p256;   issue staple-critical critical.example.test ca staple_critical 0x3001
key staple-no-url p256;     issue staple-no-url nourl.example.test ca staple_no_url 0x3002
key bare p256;              issue bare bare.example.test ca bare 0x3003
key staple-ca rsa;          issue staple-ca "certscope Must-Staple CA" ca ca_staple 0x3004
key not-inherited p256;     issue not-inherited inherit.example.test staple-ca leaf 0x3005

exp=$(date -u -d '+5 years' +%y%m%d%H%M%SZ)
rev=$(date -u -d '-1 day' +%y%m%d%H%M%SZ)
printf 'V\t%s\t\t1001\tunknown\t/CN=www.example.test\n' "$exp" > "$tmp/index.txt"
printf 'V\t%s\t\t1002\tunknown\t/CN=staple.example.test\n' "$exp" >> "$tmp/index.txt"
printf 'R\t%s\t%s,keyCompromise\t1003\tunknown\t/CN=revoked.example.test\n' "$exp" "$rev" >> "$tmp/index.txt"
printf 'R\t%s\t%s\t1004\tunknown\t/CN=revoked-no-reason.example.test\n' "$exp" "$rev" >> "$tmp/index.txt"

req() { n=$1; shift; o ocsp -issuer ca.pem -no_nonce -reqout "$tmp/$n.req" "$@"; }
req leaf -cert leaf.pem
req leaf256 -sha256 -cert leaf.pem
req staple -cert staple.pem
req revoked -cert revoked.pem
req revoked2 -cert revoked2.pem
req unknown -serial 0x1999
req multi -cert revoked.pem -cert leaf.pem -cert staple.pem
o ocsp -issuer other.pem -no_nonce -serial 0x1001 -reqout "$tmp/otherissuer.req"

# respond NAME REQ SIGNER CA [openssl ocsp options]
respond() {
  n=$1 r=$2 s=$3 c=$4
  shift 4
  o ocsp -index "$tmp/index.txt" -CA "$c.pem" -rsigner "$s.pem" -rkey "$tmp/$s.key" \
    -reqin "$tmp/$r.req" -respout "$n.der" "$@"
}
respond issuer-good leaf ca ca -ndays 7 -resp_no_certs
respond issuer-by-key leaf ca ca -ndays 7 -resp_key_id -resp_no_certs
respond issuer-sha256-certid leaf256 ca ca -ndays 7 -resp_no_certs
respond issuer-no-next-update leaf ca ca -resp_no_certs
respond issuer-short-window leaf ca ca -nmin 120 -resp_no_certs
respond issuer-long-window leaf ca ca -ndays 14 -resp_no_certs
respond issuer-pss leaf ca ca -ndays 7 -resp_no_certs -rsigopt rsa_padding_mode:pss -rsigopt rsa_pss_saltlen:32
respond issuer-staple staple ca ca -ndays 7 -resp_no_certs
respond revoked-reason revoked ca ca -ndays 7 -resp_no_certs
respond revoked-no-reason revoked2 ca ca -ndays 7 -resp_no_certs
respond unknown unknown ca ca -ndays 7 -resp_no_certs
respond multi multi ca ca -ndays 7 -resp_no_certs
respond delegated leaf responder ca -ndays 7
respond delegated-nocheck leaf responder-nocheck ca -ndays 7
respond delegated-ecdsa leaf responder-ecdsa ca -ndays 7
respond delegated-ed25519 leaf responder-ed25519 ca -ndays 7
respond unauthorized-noeku leaf responder-noeku ca -ndays 7
respond unauthorized-foreign leaf responder-foreign ca -ndays 7
respond other-issuer otherissuer other other -ndays 7 -resp_no_certs
respond bad-signature leaf ca ca -ndays 7 -resp_no_certs -badsig
respond issuer-sha1 leaf ca ca -ndays 7 -resp_no_certs -rmd sha1
cat leaf.pem ca.pem > leaf-chain.pem
cat staple.pem ca.pem > staple-chain.pem
cat revoked.pem ca.pem > revoked-chain.pem
cat revoked2.pem ca.pem > revoked2-chain.pem
cat staple-critical.pem ca.pem > staple-critical-chain.pem
cat staple-no-url.pem ca.pem > staple-no-url-chain.pem
cat bare.pem ca.pem > bare-chain.pem
cat not-inherited.pem staple-ca.pem ca.pem > not-inherited-chain.pem
