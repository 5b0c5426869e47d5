#!/bin/sh
# Regenerates the synthetic `openssl s_client -showcerts -status` transcripts
# from the real GlobalSign certificates and OCSP response of OpenSSL's OCSP
# test vectors (../ocsp/D1_Cert_EE.pem, D1_Issuer_ICA.pem, D1.der). The OCSP text is OpenSSL's own
# print of D1.der, as s_client -status prints a stapled response; the framing
# lines follow OpenSSL 3.0's s_client output.
set -eu
cd "$(dirname "$0")"
ocsp=../ocsp
limbo=../limbo/online
amazon=../real/amazon
ee_s='businessCategory = Private Organization, serialNumber = 578611, jurisdictionC = US, jurisdictionST = New Hampshire, C = US, ST = New Hampshire, L = Portsmouth, street = Two International Drive, OU = .COM, O = GMO GlobalSign Inc, CN = www.globalsign.com'
ica_s='C = BE, O = GlobalSign nv-sa, CN = GlobalSign Extended Validation CA - G2'
root_s='OU = GlobalSign Root CA - R2, O = GlobalSign, CN = GlobalSign'

head_lines() {
  printf 'CONNECTED(00000003)\n'
  printf 'depth=2 %s\nverify return:1\n' "$root_s"
  printf 'depth=1 %s\nverify return:1\n' "$ica_s"
  printf 'depth=0 %s\nverify return:1\n' "$ee_s"
}
chain() {
  printf -- '---\nCertificate chain\n'
  printf ' 0 s:%s\n   i:%s\n' "$ee_s" "$ica_s"
  printf '   a:PKEY: rsaEncryption, 2048 (bit); sigalg: RSA-SHA1\n'
  printf '   v:NotBefore: Aug 14 12:35:02 2012 GMT; NotAfter: Aug 15 10:31:29 2013 GMT\n'
  cat "$ocsp/D1_Cert_EE.pem"
  printf ' 1 s:%s\n   i:%s\n' "$ica_s" "$root_s"
  printf '   a:PKEY: rsaEncryption, 2048 (bit); sigalg: RSA-SHA1\n'
  printf '   v:NotBefore: Apr 13 10:00:00 2011 GMT; NotAfter: Apr 13 10:00:00 2022 GMT\n'
  cat "$ocsp/D1_Issuer_ICA.pem"
  printf -- '---\nServer certificate\nsubject=%s\nissuer=%s\n---\n' "$ee_s" "$ica_s"
  printf 'No client certificate CA names sent\nPeer signing digest: SHA256\nPeer signature type: RSA-PSS\nServer Temp Key: X25519, 253 bits\n---\n'
  printf 'SSL handshake has read 4652 bytes and written 437 bytes\nVerification error: certificate has expired\n---\n'
  printf 'New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384\nServer public key is 2048 bit\nSecure Renegotiation IS NOT supported\n'
  printf 'Compression: NONE\nExpansion: NONE\nNo ALPN negotiated\nEarly data was not sent\nVerify return code: 10 (certificate has expired)\n---\n'
  printf -- '---\nPost-Handshake New Session Ticket arrived:\nSSL-Session:\n    Protocol  : TLSv1.3\n    Cipher    : TLS_AES_256_GCM_SHA384\n'
  printf '    Session-ID: 5F3A4C0D9E2B7A6C1D0E9F8A7B6C5D4E3F2A1B0C9D8E7F6A5B4C3D2E1F0A9B8C\n'
  printf '    TLS session ticket:\n    0000 - 8b 4f 6d 96 48 a4 f4 7d-3f 31 1b 12 c2 9d 9b 7f   .Om.H..}?1......\n'
  printf '    0010 - 21 a0 5c 3e 90 11 7b 2a-6e 45 c3 d8 00 91 fe 42   !.\\>..{*nE.....B\n\n'
  printf -- '---\nread R BLOCK\nDONE\n'
}

{
  head_lines
  printf 'OCSP response: \n======================================\n'
  openssl ocsp -respin "$ocsp/D1.der" -resp_text -noverify 2>/dev/null
  printf '======================================\n'
  chain
} > s_client-status-stapled.txt

{
  head_lines
  printf 'OCSP response: no response sent\n'
  chain
} > s_client-status-not-sent.txt

{
  head_lines
  chain
} | sed 's/$/\r/' > s_client-no-status-crlf.txt

# OpenSSL's TRUSTED CERTIFICATE form (the certificate, then its trust settings).
openssl x509 -in "$ocsp/D1_Issuer_ICA.pem" -addtrust serverAuth -addreject emailProtection \
  -setalias "GlobalSign EV G2" -out D1_Issuer_ICA.trusted.pem

# A PKCS#7 bundle carrying a CRL beside certificates (crl2pkcs7).
openssl crl2pkcs7 -in "$amazon/e2m01.crl" -inform DER -certfile "$limbo/google.com.chain.pem" -outform DER -out google-chain-and-crl.p7b

# Objects certscope skips with a note: an OCSP request and a CSR (DER).
openssl ocsp -issuer "$ocsp/D1_Issuer_ICA.pem" -cert "$ocsp/D1_Cert_EE.pem" -no_nonce -reqout ocsp-request.der
openssl req -new -key throwaway-encrypted-key.pem -passin pass:throwaway -subj /CN=example.com -outform DER -out throwaway.csr.der
