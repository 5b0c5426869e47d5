#!/bin/sh
# Regenerates the path-validation scenarios of tests/verdicts.rs with the
# openssl CLI (3.0+), at fixed validity dates (2025-01-01 to 2035-01-01).
# P-256 keys but one DSA root. Keys are throw-away (a temporary directory); only certificates are kept.
# ECDSA signatures are randomised, so a rerun changes bytes, not meaning.
#
#   nc-wildcard/        a root excluding bar.example.com; a leaf for *.example.com
#   nc-othername/       a root permitting one otherName; a leaf with an otherName SAN
#   nc-leading-period/  a root permitting the dNSName ".example.com" (malformed)
#   backtrack-nc/       one intermediate cross-signed by two trusted roots; the
#                       first root's name constraints exclude the leaf
#   backtrack-profile/  one intermediate signed twice by the same trusted root;
#                       the first copy's authorityKeyIdentifier is critical
#   depth/              root -> ica1 -> ica2 -> leaf, for --max-depth
#   bad-signature/      root -> ica -> leaf, the leaf's signature corrupted
#   unsupported/        a DSA root that signs the leaf (certscope checks no DSA)
#   unusable-issuer/    the leaf's issuer has no basicConstraints (nobc), or
#                       its keyUsage lacks keyCertSign (noku)
#
# Each directory holds chain.pem (leaf first) and root.pem (the anchors).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
START=20250101000000Z
END=20350101000000Z

cat > ca.cnf <<'CNF'
[ca]
default_ca = verdicts
[verdicts]
database = ./index.txt
new_certs_dir = .
serial = ./serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
preserve = yes
[any]
commonName = optional
organizationName = optional
[root]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[intermediate]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ca_critical_aki]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = critical,keyid
[ca_nobc]
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ca_noku]
basicConstraints = critical,CA:true
keyUsage = critical,digitalSignature,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[root_excludes_bar]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
nameConstraints = critical,excluded;DNS:bar.example.com
[root_excludes_example]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
nameConstraints = critical,excluded;DNS:example.com
[root_permits_othername]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
nameConstraints = critical,permitted;otherName:1.3.6.1.5.5.7.8.9;UTF8:admin@example.com
[root_leading_period]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
nameConstraints = critical,permitted;DNS:.example.com
[leaf]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:www.example.com
[leaf_wildcard]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:*.example.com
[leaf_othername]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:www.example.com,otherName:1.3.6.1.5.5.7.8.9;UTF8:someone@example.com
CNF
touch index.txt
echo 1000 > serial

key() {
    case "${2:-ec}" in
        ec) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null ;;
        dsa) openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 -out "$1.param" 2>/dev/null
             openssl genpkey -paramfile "$1.param" -out "$1" 2>/dev/null ;;
    esac
}
# cert <name> <subject> <extensions> [issuer name]: <name>.key is made when
# missing; with no issuer the certificate signs itself.
cert() {
    [ -f "$1.key" ] || key "$1.key" "${KEYTYPE:-ec}"
    openssl req -new -key "$1.key" -subj "$2" -out "$1.csr" 2>/dev/null
    if [ $# -ge 4 ]; then
        openssl ca -config ca.cnf -batch -notext -utf8 -in "$1.csr" -out "$1.pem" -extensions "$3" \
            -keyfile "$4.key" -cert "$4.pem" -startdate $START -enddate $END 2>/dev/null
    else
        openssl ca -config ca.cnf -batch -notext -utf8 -selfsign -in "$1.csr" -out "$1.pem" -extensions "$3" \
            -keyfile "$1.key" -startdate $START -enddate $END 2>/dev/null
    fi
    # openssl ca writes PEM with -notext; keep only the certificate block.
    openssl x509 -in "$1.pem" -out "$1.pem"
}
out() { # out <dir> <chain certs...> -- <root certs...>
    dir=$here/$1; shift
    mkdir -p "$dir"
    : > "$dir/chain.pem"
    while [ "$1" != -- ]; do cat "$1.pem" >> "$dir/chain.pem"; shift; done
    shift
    : > "$dir/root.pem"
    for r in "$@"; do cat "$r.pem" >> "$dir/root.pem"; done
}

# Item 3: name constraints.
cert ncw-root "/CN=Excludes bar.example.com Root" root_excludes_bar
cert ncw-leaf "/CN=*.example.com" leaf_wildcard ncw-root
out nc-wildcard ncw-leaf -- ncw-root

cert nco-root "/CN=Permits One otherName Root" root_permits_othername
cert nco-leaf "/CN=www.example.com" leaf_othername nco-root
out nc-othername nco-leaf -- nco-root

cert ncp-root "/CN=Leading Period Root" root_leading_period
cert ncp-leaf "/CN=www.example.com" leaf ncp-root
out nc-leading-period ncp-leaf -- ncp-root

# Item 4: backtracking.
cert bt-root1 "/CN=Constrained Root" root_excludes_example
cert bt-root2 "/CN=Open Root" root
cert bt-ica "/CN=Shared Intermediate" intermediate bt-root1
cp bt-ica.pem bt-ica-by-root1.pem
cert bt-ica "/CN=Shared Intermediate" intermediate bt-root2
cp bt-ica.pem bt-ica-by-root2.pem
cert bt-leaf "/CN=www.example.com" leaf bt-ica
out backtrack-nc bt-leaf bt-ica-by-root1 bt-ica-by-root2 -- bt-root1 bt-root2

cert bp-root "/CN=Profile Root" root
cert bp-ica "/CN=Profile Intermediate" ca_critical_aki bp-root
cp bp-ica.pem bp-ica-critical-aki.pem
cert bp-ica "/CN=Profile Intermediate" intermediate bp-root
cp bp-ica.pem bp-ica-clean.pem
cert bp-leaf "/CN=www.example.com" leaf bp-ica
out backtrack-profile bp-leaf bp-ica-critical-aki bp-ica-clean -- bp-root

cert d-root "/CN=Depth Root" root
cert d-ica1 "/CN=Depth Intermediate 1" intermediate d-root
cert d-ica2 "/CN=Depth Intermediate 2" intermediate d-ica1
cert d-leaf "/CN=www.example.com" leaf d-ica2
out depth d-leaf d-ica2 d-ica1 -- d-root

# Item 5: diagnoses.
cert bs-root "/CN=Signature Root" root
cert bs-ica "/CN=Signature Intermediate" intermediate bs-root
cert bs-leaf "/CN=www.example.com" leaf bs-ica
# Flip the signature's last byte (the last byte of the DER).
openssl x509 -in bs-leaf.pem -outform DER -out bs-leaf.der
python3 - bs-leaf.der <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[-1] ^= 0x01
open(p, "wb").write(bytes(b))
PY
openssl x509 -inform DER -in bs-leaf.der -out bs-leaf.pem
out bad-signature bs-leaf bs-ica -- bs-root

KEYTYPE=dsa cert us-root "/CN=DSA Root" root
cert us-leaf "/CN=www.example.com" leaf us-root
out unsupported us-leaf -- us-root

cert ui-root "/CN=Usable Root" root
cert ui-nobc "/CN=No basicConstraints CA" ca_nobc ui-root
cert ui-nobc-leaf "/CN=www.example.com" leaf ui-nobc
out unusable-issuer/nobc ui-nobc-leaf ui-nobc -- ui-root
cert ui-noku "/CN=No keyCertSign CA" ca_noku ui-root
cert ui-noku-leaf "/CN=www.example.com" leaf ui-noku
out unusable-issuer/noku ui-noku-leaf ui-noku -- ui-root
