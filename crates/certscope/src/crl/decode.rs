//! Decoding a CRL (RFC 5280 §5.1) and keeping the exact tbsCertList bytes
//! for the signature check. Emits nothing; `crl` reports `crl-unparseable`.

use crate::x509::first_tlv;
use der::Decode;
use x509_cert::crl::CertificateList;

pub(crate) struct Crl {
    pub list: CertificateList,
    /// The exact DER of tbsCertList, as signed.
    pub tbs: Vec<u8>,
    /// DER of the issuer Name, for exact comparison.
    pub issuer_der: Vec<u8>,
}

pub(crate) fn decode_crl(der: &[u8]) -> Result<Crl, String> {
    let list = CertificateList::from_der(der).map_err(|e| e.to_string())?;
    let tbs = first_tlv(der).map_err(|e| e.to_string())?;
    let issuer_der = der::Encode::to_der(&list.tbs_cert_list.issuer).map_err(|e| e.to_string())?;
    Ok(Crl { list, tbs, issuer_der })
}
