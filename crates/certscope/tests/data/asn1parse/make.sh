#!/bin/sh
# openssl asn1parse -i of three fixtures, so that tests/asn1.rs can check
# the ASN.1 tree's offsets, depths and lengths against a parser that is
# not certscope's. Rerun after changing a source file; commit the output.
set -eu
cd "$(dirname "$0")/.."
openssl asn1parse -in x509/letsencryptx3.pem -i > asn1parse/letsencryptx3.pem.txt
openssl asn1parse -inform DER -in real/amazon/e2m01.crl -i > asn1parse/e2m01.crl.txt
openssl asn1parse -inform DER -in ocsp/D1.der -i > asn1parse/D1.der.txt
openssl asn1parse -inform DER -in ocsp/D1.der -strparse 30 -i > asn1parse/D1.der.basic.txt
