#!/bin/sh
# Fixtures for tests/ranges.rs: findings that need a chain or a response to
# appear, made with the openssl CLI (3.0+). Keys are throw-away.
#
#   policies-duplicate.pem   root, then a leaf listing 2.23.140.1.2.1 twice
#   policies-malformed.pem   root, then a leaf whose certificatePolicies is
#                            an INTEGER, not a SEQUENCE OF PolicyInformation
#   policies-root.pem        their root
#   responder-expired.der    an OCSP response for responder-leaf.pem signed by
#                            a delegated responder whose certificate ended
#                            on 2025-06-01; responder-chain.pem is the leaf
#                            and its CA, responder-ca.pem the CA alone
#   asof.txt                 an hour after the response was produced
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

cat > ext.cnf <<'CNF'
[root]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[dup]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:www.example.com
certificatePolicies = 2.23.140.1.2.1, 2.23.140.1.2.1
[malformed]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:www.example.com
2.5.29.32 = DER:02:01:01
[responder]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = OCSPSigning
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:www.example.com
authorityInfoAccess = OCSP;URI:http://127.0.0.1:8080
CNF
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
# issue <name> <subject> <section> <issuer> [days|past]
issue() {
    key "$1.key"
    openssl req -new -key "$1.key" -subj "$2" -out "$1.csr" 2>/dev/null
    if [ "$4" = self ]; then
        openssl x509 -req -in "$1.csr" -signkey "$1.key" -days 3650 -extfile ext.cnf -extensions "$3" -out "$1.pem" 2>/dev/null
    else
        openssl x509 -req -in "$1.csr" -CA "$4.pem" -CAkey "$4.key" -CAcreateserial -days "${5:-3650}" \
            -extfile ext.cnf -extensions "$3" -out "$1.pem" 2>/dev/null
    fi
}
issue root "/CN=Policies Root" root self
issue dup "/CN=www.example.com" dup root
issue malformed "/CN=www.example.com" malformed root
cp root.pem "$here/policies-root.pem"
cat dup.pem root.pem > "$here/policies-duplicate.pem"
cat malformed.pem root.pem > "$here/policies-malformed.pem"

issue ca "/CN=Responder Test CA" root self
issue leaf "/CN=www.example.com" leaf ca
# The responder's certificate: valid 2025-01-01 to 2025-06-01, long over.
key responder.key
openssl req -new -key responder.key -subj "/CN=Expired Responder" -out responder.csr 2>/dev/null
cat > ca.cnf <<'CNF'
[ca]
default_ca = d
[d]
database = ./index.txt
new_certs_dir = .
serial = ./serial
default_md = sha256
policy = p
[p]
commonName = supplied
CNF
touch index.txt; echo 2000 > serial
openssl ca -config ca.cnf -batch -notext -in responder.csr -out responder.pem -keyfile ca.key -cert ca.pem \
    -startdate 20250101000000Z -enddate 20250601000000Z -extfile ext.cnf -extensions responder 2>/dev/null
openssl x509 -in responder.pem -out responder.pem
: > ocsp-index.txt
openssl ocsp -issuer ca.pem -cert leaf.pem -no_nonce -reqout req.der 2>/dev/null
openssl ocsp -index ocsp-index.txt -rsigner responder.pem -rkey responder.key -CA ca.pem -reqin req.der \
    -ndays 7 -respout "$here/responder-expired.der" 2>/dev/null
cat leaf.pem ca.pem > "$here/responder-chain.pem"
cp ca.pem "$here/responder-ca.pem"
date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ > "$here/asof.txt"
