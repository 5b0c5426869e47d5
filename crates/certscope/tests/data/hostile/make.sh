#!/bin/sh
# Regenerates the hostile test certificates (issue 6) with the openssl CLI
# (3.0+) at fixed validity dates, so the tests' as-of times stay right:
#
#   names.pem    a CA and a leaf whose names, SANs, AIA/CRL URLs and policy
#                texts carry HTML, <script>, javascript: URLs, RTL overrides,
#                control characters and a 10,000-character name.
#   loop.pem     1,024 EC certificates all named "CN=Loop CA": 32 self-signed
#                roots and every cross-signature between them (32 x 31), so
#                the issuer graph is one big loop; then a leaf signed by
#                key 0. loop-anchor.pem is root 0.
#
# Keys are throw-away (a temporary directory); only certificates are kept.
# ECDSA signatures are randomised, so a rerun changes bytes, not meaning.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
START=20250101000000Z
END=20350101000000Z

cat > ca.cnf <<'CNF'
[ca]
default_ca = hostile
[hostile]
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
organizationalUnitName = optional
name = optional
[ca_ext]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = none
authorityKeyIdentifier = none
[leaf_ext]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = none
authorityKeyIdentifier = none
CNF
touch index.txt
echo 1000 > serial

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
# sign <csr> <out> <extensions> <ca key> [ca cert]: with no CA cert, self-signed.
sign() {
    if [ $# -ge 5 ]; then
        openssl ca -config ca.cnf -batch -notext -utf8 -preserveDN -in "$1" -out "$2" -extensions "$3" \
            -keyfile "$4" -cert "$5" -startdate $START -enddate $END ${EXTFILE:+-extfile "$EXTFILE"} 2>/dev/null
    else
        openssl ca -config ca.cnf -batch -notext -utf8 -preserveDN -selfsign -in "$1" -out "$2" -extensions "$3" \
            -keyfile "$4" -startdate $START -enddate $END ${EXTFILE:+-extfile "$EXTFILE"} 2>/dev/null
    fi
}

# --- names.pem ------------------------------------------------------------
rlo=$(printf '\342\200\256')           # U+202E RIGHT-TO-LEFT OVERRIDE
ctl=$(printf 'bell\007esc\033[31mred\033[0m del\177 tab\tend')
long=$(head -c 10000 /dev/zero | tr '\0' 'A')
cat > names-dn.cnf <<CNF
[req]
prompt = no
utf8 = yes
string_mask = utf8only
distinguished_name = dn
[dn]
CNF
cp names-dn.cnf ca-dn.cnf
cat >> ca-dn.cnf <<CNF
CN = ${rlo}gpj.exe <b>Hostile CA</b>
O = <img src=x onerror=alert('issuer')>
CNF
cat >> names-dn.cnf <<CNF
CN = <img src=x onerror=alert(1)>
O = <script>alert('subject')</script>
OU = ${rlo}${ctl}
name = ${long}
CNF
cat > names-ext.cnf <<CNF
[names_ext]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = none
authorityKeyIdentifier = none
subjectAltName = @alt
authorityInfoAccess = @aia
crlDistributionPoints = URI:javascript:alert('crl')
certificatePolicies = @pol
[alt]
DNS.1 = <img src=x onerror=alert('dns')>.example
DNS.2 = ${rlo}moc.elpmaxe
DNS.3 = ctl${ctl}.example
URI.1 = javascript:alert('uri')
URI.2 = JaVaScRiPt:alert(document.domain)
email.1 = <script>alert('email')</script>@example.com
[aia]
OCSP;URI.0 = javascript:alert('ocsp')
caIssuers;URI.0 = javascript:alert('aia')
[pol]
policyIdentifier = 1.3.6.1.4.1.99999.1
CPS.1 = "javascript:alert('cps')"
userNotice.1 = @notice
[notice]
explicitText = "<script>alert('notice')</script> ${rlo}txet desrever"
CNF
key ca.key
openssl req -new -config ca-dn.cnf -key ca.key -out ca.csr
sign ca.csr ca.pem ca_ext ca.key
key leaf.key
openssl req -new -config names-dn.cnf -key leaf.key -out leaf.csr
EXTFILE=names-ext.cnf sign leaf.csr leaf.pem names_ext ca.key ca.pem
cat leaf.pem ca.pem > "$here/names.pem"

# --- loop.pem -------------------------------------------------------------
n=32
i=0
while [ $i -lt $n ]; do
    key k$i.key
    openssl req -new -key k$i.key -subj "/CN=Loop CA" -out k$i.csr
    sign k$i.csr r$i.pem ca_ext k$i.key
    i=$((i + 1))
done
key leaf2.key
openssl req -new -key leaf2.key -subj "/CN=loop.example" -out leaf2.csr
sign leaf2.csr loop-leaf.pem leaf_ext k0.key r0.pem
cp loop-leaf.pem loop.pem
i=0
while [ $i -lt $n ]; do
    j=0
    while [ $j -lt $n ]; do
        # Key i certified under key j's name (the same name: a loop).
        [ $i -ne $j ] && sign k$i.csr x$i-$j.pem ca_ext k$j.key r$j.pem && cat x$i-$j.pem >> loop.pem
        j=$((j + 1))
    done
    cat r$i.pem >> loop.pem
    i=$((i + 1))
done
cp loop.pem "$here/loop.pem"
cp r0.pem "$here/loop-anchor.pem"
echo "names.pem: $(grep -c BEGIN "$here/names.pem") certificates; loop.pem: $(grep -c BEGIN "$here/loop.pem")"
