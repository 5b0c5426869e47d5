# The stapling test PKI's recipe, shared (sourced, POSIX sh) by the lab
# (tests/lab/run.sh), the page's lab examples (tests/lab/examples.sh) and the
# core's stapling test data (crates/certscope/tests/data/staple/make.sh), so
# that all three issue certificates with the same profiles.

# pki_key FILE: a P-256 private key.
pki_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# pki_ext_cnf FILE HOST OCSP_URL: the extension sections `openssl x509
# -extfile FILE -extensions NAME` takes: root, inter (pathlen 0), leaf and
# muststaple (TLS Feature status_request, RFC 7633) for HOST with OCSP_URL
# in their AIA, and responder (id-kp-OCSPSigning with ocsp-nocheck, RFC 6960
# §4.2.2.2 and §4.2.2.2.1).
pki_ext_cnf() {
  cat > "$1" <<CNF
[root]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[inter]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:$2
authorityInfoAccess = OCSP;URI:$3
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[muststaple]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:$2
authorityInfoAccess = OCSP;URI:$3
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
1.3.6.1.5.5.7.1.24 = DER:30:03:02:01:05
[responder]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = OCSPSigning
noCheck = ignored
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
}
