//! How an object was written where it was found (`Source.encoding`).

use serde::Serialize;

/// The wrapping an object came in. Serialized as before this was a type:
/// `pem`, `der`, `base64`, `hex`, `pkcs7`, `pkcs12`, `transcript`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// A PEM block (RFC 7468), whatever text surrounds it.
    Pem,
    /// Binary DER (or BER), one or more elements back to back.
    Der,
    /// Base64 or base64url of DER, without PEM armour.
    Base64,
    /// Hex of DER, with or without separators.
    Hex,
    /// Carried inside a PKCS#7 / CMS certs-only bundle.
    Pkcs7,
    /// Carried inside a PKCS#12 (PFX) file.
    Pkcs12,
    /// Part of an `openssl s_client` transcript (its PEM blocks, or the
    /// staple's bytes from its `-msg` dump).
    Transcript,
}

#[cfg(test)]
mod tests {
    use super::Encoding;

    /// The JSON strings are the wire format from before the type.
    #[test]
    fn serializes_as_the_old_strings() {
        let all = [
            (Encoding::Pem, "pem"),
            (Encoding::Der, "der"),
            (Encoding::Base64, "base64"),
            (Encoding::Hex, "hex"),
            (Encoding::Pkcs7, "pkcs7"),
            (Encoding::Pkcs12, "pkcs12"),
            (Encoding::Transcript, "transcript"),
        ];
        for (encoding, json) in all {
            assert_eq!(serde_json::to_value(encoding).unwrap(), json);
        }
    }
}
