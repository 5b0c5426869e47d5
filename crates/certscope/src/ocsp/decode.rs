//! Decoding an OCSP response in the stages RFC 6960 §4.2.1 nests it:
//! OCSPResponse → ResponseBytes → BasicOCSPResponse.
//!
//! Each failing stage says what failed: `ocsp-unparseable` (not DER, or a
//! successful status without responseBytes), `ocsp-not-successful` (an
//! error status, with what it means for the server),
//! `ocsp-unknown-response-type` (responseBytes that are not
//! id-pkix-ocsp-basic). The exact tbsResponseData bytes are kept for the
//! signature check; nothing is re-encoded.

use crate::input::RawObject;
use crate::x509::{first_tlv, Cert};
use const_oid::db::rfc6960::ID_PKIX_OCSP_BASIC;
use der::asn1::{Any, BitString, ObjectIdentifier};
use der::{Decode, Encode, Sequence, Tag, Tagged};
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::Extensions;
use x509_ocsp::{OcspGeneralizedTime, ResponderId, ResponseBytes, SingleResponse};

/// OCSPResponse with the status kept as a raw ENUMERATED, so that values
/// RFC 6960 does not define (7, 4…) are reported rather than rejected.
#[derive(Sequence)]
struct RawOcspResponse {
    response_status: Any,
    #[asn1(context_specific = "0", optional = "true", tag_mode = "EXPLICIT")]
    response_bytes: Option<ResponseBytes>,
}

/// BasicOCSPResponse with the certificates left undecoded, so that one
/// odd embedded certificate does not hide the whole response.
#[derive(Sequence)]
struct RawBasicResponse {
    tbs_response_data: ResponseData,
    signature_algorithm: AlgorithmIdentifierOwned,
    signature: BitString,
    #[asn1(context_specific = "0", optional = "true", tag_mode = "EXPLICIT")]
    certs: Option<Vec<Any>>,
}

/// ResponseData as x509-ocsp has it, but with the version read as any
/// number and an explicitly encoded v1 accepted (Go and openssl accept
/// both; strict DER would drop the whole response).
#[derive(Clone, Debug, Sequence)]
pub(crate) struct ResponseData {
    #[asn1(context_specific = "0", optional = "true", tag_mode = "EXPLICIT")]
    pub version: Option<u32>,
    pub responder_id: ResponderId,
    pub produced_at: OcspGeneralizedTime,
    pub responses: Vec<SingleResponse>,
    #[asn1(context_specific = "1", optional = "true", tag_mode = "EXPLICIT")]
    pub response_extensions: Option<Extensions>,
}

/// A successfully decoded basic response.
pub(crate) struct BasicResponse {
    /// The exact DER of tbsResponseData, as signed.
    pub tbs: Vec<u8>,
    pub data: ResponseData,
    pub signature_algorithm: AlgorithmIdentifierOwned,
    pub signature: Vec<u8>,
    /// Embedded certificates that decoded (index `usize::MAX`: not input).
    pub certs: Vec<Cert>,
    /// Embedded certificates that did not decode, with the reason.
    pub bad_certs: Vec<String>,
}

/// Why a response could not be taken further.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum DecodeError {
    /// Not an OCSPResponse at all, or a broken BasicOCSPResponse.
    Unparseable(String),
    /// responseStatus is not successful(0).
    NotSuccessful(u32),
    /// successful, but responseBytes are missing.
    NoResponseBytes,
    /// responseBytes of a type other than id-pkix-ocsp-basic.
    UnknownType(ObjectIdentifier),
}

/// The outer status, and the basic response when there is one.
pub(crate) fn decode_response(raw: &RawObject) -> Result<BasicResponse, DecodeError> {
    let outer = RawOcspResponse::from_der(&raw.der).map_err(|e| DecodeError::Unparseable(e.to_string()))?;
    let status = decode_status(&outer.response_status)?;
    if status != 0 {
        return Err(DecodeError::NotSuccessful(status));
    }
    let bytes = outer.response_bytes.ok_or(DecodeError::NoResponseBytes)?;
    if bytes.response_type != ID_PKIX_OCSP_BASIC {
        return Err(DecodeError::UnknownType(bytes.response_type));
    }
    decode_basic(bytes.response.as_bytes(), raw)
}

fn decode_status(any: &Any) -> Result<u32, DecodeError> {
    if any.tag() != Tag::Enumerated {
        return Err(DecodeError::Unparseable(format!("responseStatus is a {} instead of an ENUMERATED", any.tag())));
    }
    let bytes = any.value();
    if bytes.is_empty() || bytes.len() > 4 {
        return Err(DecodeError::Unparseable("responseStatus has an invalid length".to_string()));
    }
    Ok(bytes.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b)))
}

fn decode_basic(der: &[u8], raw: &RawObject) -> Result<BasicResponse, DecodeError> {
    let basic = RawBasicResponse::from_der(der)
        .map_err(|e| DecodeError::Unparseable(format!("the BasicOCSPResponse does not decode: {e}")))?;
    let tbs = first_tlv(der).map_err(|e| DecodeError::Unparseable(e.to_string()))?;
    let mut certs = Vec::new();
    let mut bad_certs = Vec::new();
    for any in basic.certs.unwrap_or_default() {
        let decoded = any
            .to_der()
            .map_err(|e| e.to_string())
            .and_then(|der| Cert::decode(&RawObject { der, source: raw.source.clone() }, usize::MAX));
        match decoded {
            Ok(c) => certs.push(c),
            Err(e) => bad_certs.push(e),
        }
    }
    Ok(BasicResponse {
        tbs,
        data: basic.tbs_response_data,
        signature_algorithm: basic.signature_algorithm,
        signature: basic.signature.raw_bytes().to_vec(),
        certs,
        bad_certs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{ResponseStatus, Source};

    fn raw(der: &[u8]) -> RawObject {
        RawObject {
            der: der.to_vec(),
            source: Source { input: 0, name: None, block: 1, encoding: crate::report::Encoding::Der },
        }
    }

    #[test]
    fn error_statuses_decode_to_their_number() {
        // OCSPResponse { responseStatus tryLater(3) }
        assert_eq!(decode_response(&raw(&[0x30, 0x03, 0x0a, 0x01, 0x03])).err(), Some(DecodeError::NotSuccessful(3)));
        // status 7 is undefined but still an answer to show
        assert_eq!(decode_response(&raw(&[0x30, 0x03, 0x0a, 0x01, 0x07])).err(), Some(DecodeError::NotSuccessful(7)));
        assert_eq!(decode_response(&raw(&[0x30, 0x03, 0x0a, 0x01, 0x00])).err(), Some(DecodeError::NoResponseBytes));
        assert_eq!(ResponseStatus::from_code(6).name(), "unauthorized");
        assert_eq!(ResponseStatus::from_code(7).name(), "7");
    }

    #[test]
    fn garbage_and_truncation_are_unparseable() {
        for bytes in [&[][..], &[0x30][..], &[0x30, 0x05, 0x0a, 0x01][..], b"hello world"] {
            assert!(matches!(decode_response(&raw(bytes)), Err(DecodeError::Unparseable(_))), "{bytes:?}");
        }
    }
}
