#!/usr/bin/env bash
# Makes the page's lab examples (www/examples/lab-*), with the stapling lab's
# PKI recipe: each example has a root of its own (given to the page as an
# extra trust anchor), so that its one lesson is the only red on the page.
#   healthy      leaf + intermediate and a good OCSP response (the staple)
#   must-staple  a must-staple leaf + intermediate, no response
#   revoked      leaf + intermediate and a "revoked" response (keyCompromise)
# Responses are signed by the intermediate itself and valid for 7 days;
# certificates for 397 days. Prints the "as of" for src/examples.rs: one hour
# after the responses were made. Run from anywhere: bash tests/lab/examples.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../www/examples"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

. ../../tests/lab/pki.sh

# name host leaf-extensions(leaf|muststaple) status(good|revoked|none)
example() {
  local name=$1 host=$2 leaf_ext=$3 status=$4 d="$work/$1"
  mkdir -p "$d"
  pki_ext_cnf "$d/ext.cnf" "$host" "http://ocsp.$host/"
  pki_key "$d/root.key"
  openssl req -new -x509 -key "$d/root.key" -subj "/O=certscope example/CN=Example Root ($name)" -days 3650 \
    -config "$d/ext.cnf" -extensions root -set_serial 0x01 -out "$d/root.pem"
  pki_key "$d/inter.key"
  openssl req -new -key "$d/inter.key" -subj "/O=certscope example/CN=Example Intermediate ($name)" -out "$d/inter.csr"
  openssl x509 -req -in "$d/inter.csr" -CA "$d/root.pem" -CAkey "$d/root.key" -set_serial 0x02 -days 1825 \
    -extfile "$d/ext.cnf" -extensions inter -out "$d/inter.pem" 2>/dev/null
  pki_key "$d/leaf.key"
  openssl req -new -key "$d/leaf.key" -subj "/CN=$host" -out "$d/leaf.csr"
  openssl x509 -req -in "$d/leaf.csr" -CA "$d/inter.pem" -CAkey "$d/inter.key" -set_serial 0x1001 -days 397 \
    -extfile "$d/ext.cnf" -extensions "$leaf_ext" -out "$d/leaf.pem" 2>/dev/null
  cat "$d/leaf.pem" "$d/inter.pem" > "lab-$name-chain.pem"
  cp "$d/root.pem" "lab-$name-anchor.pem"
  if [ "$status" != none ]; then
    local exp rev
    exp=$(date -u -d '+397 days' +%y%m%d%H%M%SZ)
    rev=$(date -u -d '-1 day' +%y%m%d%H%M%SZ)
    if [ "$status" = revoked ]; then
      printf 'R\t%s\t%s,keyCompromise\t1001\tunknown\t/CN=%s\n' "$exp" "$rev" "$host" > "$d/index.txt"
    else
      printf 'V\t%s\t\t1001\tunknown\t/CN=%s\n' "$exp" "$host" > "$d/index.txt"
    fi
    openssl ocsp -issuer "$d/inter.pem" -cert "$d/leaf.pem" -no_nonce -reqout "$d/req.der" >/dev/null
    openssl ocsp -index "$d/index.txt" -rsigner "$d/inter.pem" -rkey "$d/inter.key" -CA "$d/inter.pem" \
      -reqin "$d/req.der" -respout "lab-$name-staple.der" -ndays 7 >/dev/null 2>&1
  fi
}

example healthy healthy.certscope.test leaf good
example must-staple must-staple.certscope.test muststaple none
example revoked revoked.certscope.test leaf revoked
echo "as of: $(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ) ($(date -u -d '+1 hour' +%s))"
