//! Which field each finding code concerns: one arm per code and no `_`
//! arm, so a new code cannot ship without saying where its bytes are.
//! tests/ranges.rs checks, for every `Field` and `Case` code, that a real
//! fixture's finding covers exactly that field.

use crate::asn1::{Locator, ObjectKind};
use crate::report::Code;
use const_oid::db::rfc4519::CN;
use const_oid::db::rfc5280 as pkix;
use const_oid::ObjectIdentifier;

/// Where a code's bytes are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Concern {
    /// Always this field, in the object the finding is about, which is
    /// of this kind (a finding about the leaf made while checking an
    /// OCSP response points into the response).
    Field(ObjectKind, Locator),
    /// A field the check names case by case (`Finding::at`): which
    /// extension, which SingleResponse, which CRL entry.
    Case,
    /// The object as a whole, the chain, the input or a field that is
    /// missing: no one node to point at.
    NoField,
}

/// A certificate's extension.
fn ext(oid: ObjectIdentifier) -> Concern {
    Concern::Field(ObjectKind::Certificate, Locator::Extension(oid))
}

/// A certificate's field.
fn cert(locator: Locator) -> Concern {
    Concern::Field(ObjectKind::Certificate, locator)
}

fn ocsp(locator: Locator) -> Concern {
    Concern::Field(ObjectKind::OcspResponse, locator)
}

fn crl(locator: Locator) -> Concern {
    Concern::Field(ObjectKind::Crl, locator)
}

pub(crate) fn concern(code: Code) -> Concern {
    use Code as C;
    use Concern::{Case, NoField};
    use Locator as L;
    match code {
        C::InputEmpty
        | C::InputUnrecognized
        | C::InputTruncated
        | C::InputTooLarge
        | C::InputTooManyObjects
        | C::InputNonconformant
        | C::InputUnsupportedObject
        | C::InputObjectTooLarge
        | C::InputNestedTooDeeply => NoField,
        C::KeyMatchesCertificate | C::KeyDoesNotMatch | C::KeyEncryptedNoPassword | C::KeyUnreadable => NoField,
        // RFC 2986 §4.2: the request's signature.
        C::CsrSignatureInvalid => Concern::Field(ObjectKind::Csr, L::SignatureValue),
        C::CsrMatchesCertificate | C::CsrNamesNotCovered => NoField,
        C::PfxPasswordNeeded | C::PfxPasswordWrong | C::PfxTooCostly | C::PfxUnsupported => NoField,
        C::ExtensionInvalid | C::DuplicateExtension => Case,
        // The certificate is refused before decoding: it is not in the report.
        C::NameTooLarge | C::ExtensionTooLarge => NoField,
        C::KeyTooLarge | C::RsaModulusNegative => cert(L::SubjectPublicKeyInfo),
        C::NoCertificate | C::IssuerMissing => NoField,
        C::IssuerNameMismatch => cert(L::Issuer),
        C::SignatureInvalid => cert(L::SignatureValue),
        C::SignatureAlgorithmUnsupported => cert(L::SignatureAlgorithm),
        C::WrongOrder
        | C::DuplicateCertificate
        | C::ExtraCertificate
        | C::RootIncluded
        | C::RootCopyInvalid
        | C::UntrustedRoot
        | C::SelfSignedLeaf
        | C::PathBudgetExceeded
        | C::WorkBudgetExceeded => NoField,
        C::IssuerNotCa | C::CaUsedAsLeaf | C::LeafMarkedCa | C::BasicConstraintsNotCritical => {
            ext(pkix::ID_CE_BASIC_CONSTRAINTS)
        }
        C::PathLengthExceeded => ext(pkix::ID_CE_BASIC_CONSTRAINTS),
        C::IssuerMissingKeyCertSign | C::KeyCertSignWithoutCa => ext(pkix::ID_CE_KEY_USAGE),
        C::NameConstraintsViolated => Case,
        C::PolicyRequiredNoneValid | C::PolicyTreeTooLarge => NoField,
        C::PolicyDuplicate => ext(pkix::ID_CE_CERTIFICATE_POLICIES),
        C::PolicyMappingAnyPolicy => ext(pkix::ID_CE_POLICY_MAPPINGS),
        C::PolicyExtensionMalformed => Case,
        C::UnknownCriticalExtension => Case,
        C::LeafNotForServers | C::EkuAny | C::EkuCritical | C::EkuOnRoot => ext(pkix::ID_CE_EXT_KEY_USAGE),
        C::Expired | C::ExpiringSoon => cert(L::NotAfter),
        C::NotYetValid => cert(L::NotBefore),
        C::WeakSignatureHash => cert(L::SignatureAlgorithm),
        C::WeakKey | C::KeyForbidden => cert(L::SubjectPublicKeyInfo),
        C::HostMismatch | C::WildcardPublicSuffix | C::SanCriticality | C::SanDnsInvalid => {
            ext(pkix::ID_CE_SUBJECT_ALT_NAME)
        }
        // Absent fields: nothing to point at.
        C::SanMissing | C::AkiMissing | C::SkiMissing | C::EkuMissing => NoField,
        C::AkiCritical | C::RootAkiInvalid => ext(pkix::ID_CE_AUTHORITY_KEY_IDENTIFIER),
        C::SkiCritical => ext(pkix::ID_CE_SUBJECT_KEY_IDENTIFIER),
        C::AiaCritical => ext(pkix::ID_PE_AUTHORITY_INFO_ACCESS),
        C::NameEmpty => Case,
        C::NameConstraintsNotCritical => ext(pkix::ID_CE_NAME_CONSTRAINTS),
        C::PolicyConstraintsNotCritical => ext(pkix::ID_CE_POLICY_CONSTRAINTS),
        C::CnNotInSan => cert(L::SubjectAttribute(CN)),
        C::SerialInvalid => cert(L::Serial),
        C::VersionNotV3 => cert(L::Version),
        C::NoRevocationInfo => NoField,
        C::MustStapleWithoutOcsp | C::TlsFeatureCritical => ext(crate::oid::ID_PE_TLS_FEATURE),
        // About a certificate that lacks its issuer's TLS Feature: nothing there to point at.
        C::TlsFeatureNotInherited => NoField,
        C::MustStapleNoOcspUrl => NoField,
        C::StaplingOff
        | C::StapleTextOnly
        | C::StapleRevokedText
        | C::StapleUnknownText
        | C::StapleStaleText
        | C::StapleNotSuccessfulText
        | C::StapleNotForLeafText
        | C::StapleTextMismatch
        | C::MustStapleUnverified => NoField,
        C::OcspUnparseable => NoField,
        C::OcspNotSuccessful => ocsp(L::ResponseStatus),
        C::OcspUnknownResponseType => ocsp(L::ResponseType),
        C::OcspSignatureInvalid | C::OcspSignatureUnverifiable => ocsp(L::SignatureValue),
        C::OcspUnauthorizedResponder | C::OcspResponderIdMismatch => ocsp(L::ResponderId),
        C::OcspNoMatchingResponse | C::OcspNotForLeaf => NoField,
        C::OcspRevoked | C::OcspUnknown | C::OcspStale | C::OcspNotYetValid | C::OcspNoNextUpdate => Case,
        C::OcspValidityWindow | C::OcspOldStaple => Case,
        C::OcspResponderExpired | C::OcspResponderNocheck => ocsp(L::Certs),
        C::OcspSha1Signature => ocsp(L::SignatureAlgorithm),
        C::OcspExtraResponse | C::CaptureUrlRefused | C::CaptureHostRefused => NoField,
        C::CrlUnparseable | C::CrlIssuerMissing | C::CrlDuplicate => NoField,
        C::CrlSignatureInvalid => crl(L::SignatureValue),
        C::CrlStale => crl(L::NextUpdate),
        C::CrlNotYetValid => crl(L::ThisUpdate),
        C::CrlRevoked => Case,
        C::CrlUnknownCriticalExtension => Case,
        C::CrlNumberInvalid => crl(L::Extension(pkix::ID_CE_CRL_NUMBER)),
        C::CrlSignerNotAuthorized | C::CrlStatusUndetermined | C::CrlDeltaNotGiven | C::CrlDeltaWithoutBase => NoField,
    }
}
