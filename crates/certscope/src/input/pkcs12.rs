//! PKCS#12 / PFX files (RFC 7292): what IIS, Windows and Java keystores
//! export. certscope opens them for their certificates only.
//!
//! Order of work, each step bounded:
//! 1. The MAC (RFC 7292 §4, §5.1, with the PKCS#12 KDF; or RFC 9579's
//!    PBMAC1, with PBKDF2): verified first, so a wrong password is said as
//!    such; it costs one KDF run.
//! 2. Each `encryptedData` of the AuthenticatedSafe (where exporters put
//!    the certificate bags) is decrypted: PBES2 with PBKDF2 and AES
//!    (RFC 8018 §6.2; OpenSSL 3's default) or the legacy
//!    pbeWithSHAAnd3-KeyTripleDES-CBC and pbeWithSHAAnd40BitRC2-CBC with
//!    the PKCS#12 KDF (RFC 7292 §B.2, App. C; older Windows exports).
//! 3. Certificate bags are read with their friendlyName and localKeyId.
//!    Shrouded key bags are counted, never decrypted.
//!
//! Every KDF iteration is paid for from the analysis's work budget
//! (`Limits::max_kdf_iterations`) before it is run, so a file demanding
//! 10⁹ iterations is refused, not computed.
//!
//! Files in BER (indefinite lengths, OCTET STRINGs in segments), as Bouncy
//! Castle's PKCS12 keystore and the Java tools built on it write them, are
//! made DER-shaped ([`to_der`]) wherever DER decoding fails: the whole
//! file, the AuthenticatedSafe, each SafeContents.

use super::der::{read_header, MAX_DEPTH};
use super::key::{KeyBody, Password, Secret as KeySecret};
use crate::work::{Limit, Stage, Work};
use cbc::cipher::{self, BlockDecryptMut, KeyIvInit};
use const_oid::ObjectIdentifier;
use der::asn1::{BmpString, OctetString};
use der::{Decode, DecodeOwned, Encode};
use hmac::{Hmac, Mac};
use pkcs12::kdf::{derive_key, Pkcs12KeyType};
use spki::AlgorithmIdentifierOwned;
use zeroize::Zeroizing;

const ID_DATA: ObjectIdentifier = const_oid::db::rfc5911::ID_DATA;
const ID_ENCRYPTED_DATA: ObjectIdentifier = const_oid::db::rfc5911::ID_ENCRYPTED_DATA;
const PBES2: ObjectIdentifier = pkcs5::pbes2::PBES2_OID;
const SHA1: ObjectIdentifier = const_oid::db::rfc5912::ID_SHA_1;
const SHA256: ObjectIdentifier = const_oid::db::rfc5912::ID_SHA_256;
const SHA384: ObjectIdentifier = const_oid::db::rfc5912::ID_SHA_384;
const SHA512: ObjectIdentifier = const_oid::db::rfc5912::ID_SHA_512;
const FRIENDLY_NAME: ObjectIdentifier = crate::oid::PKCS9_FRIENDLY_NAME;
const LOCAL_KEY_ID: ObjectIdentifier = crate::oid::PKCS9_LOCAL_KEY_ID;
/// id-PBMAC1 (RFC 8018 §A.5), the MAC of RFC 9579.
const PBMAC1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.14");
/// The longest PBMAC1 key derived: HMAC-SHA-512's block of output. RFC
/// 9579 §3 has the key as long as the HMAC's output; a longer one would
/// run PBKDF2 once more per block for nothing.
const MAX_PBMAC1_KEY: u16 = 64;

/// SafeContents bags nest inside each other (safeContentsBag); real files
/// use none, so this only stops hostile ones.
const MAX_BAG_DEPTH: usize = 4;
/// Bags read from one file, of every kind (nested SafeContents, CRL and
/// secret bags included); Windows exports of a full store hold a few
/// hundred at most.
const MAX_BAGS: usize = 1_000;

/// One certificate bag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PfxCert {
    pub der: Vec<u8>,
    pub friendly_name: Option<String>,
    /// Lower-case hex.
    pub local_key_id: Option<String>,
}

/// A key bag taken out for the key-match check: still encrypted when it
/// was a shrouded bag (the check decrypts it, from the same KDF budget).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PfxKey {
    pub body: KeyBody,
    /// Lower-case hex; the certificate bag with the same value is its pair.
    pub local_key_id: Option<String>,
}

/// What was found inside a PFX.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct PfxContents {
    pub certs: Vec<PfxCert>,
    /// Key bags, only when a password was given (the key-match check is
    /// asked for); dropped with the analysis.
    pub keys: Vec<PfxKey>,
    /// Key bags seen (shrouded or plain), never decrypted.
    pub key_bags: usize,
    /// "HMAC-SHA-256, 2048 iterations", or `None` for a file without a MAC.
    pub mac: Option<String>,
    /// How the certificate bags were encrypted ("PBES2 (PBKDF2-HMAC-SHA-256, AES-256-CBC, 2048 iterations)").
    pub encryption: Vec<String>,
    /// Bags past [`MAX_BAGS`] or [`MAX_BAG_DEPTH`] that were not read.
    pub skipped_bags: usize,
    /// Bags read, of every kind, against [`MAX_BAGS`].
    pub bags: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PfxError {
    /// The file is protected and no password (not even the empty one) opens it.
    NeedPassword,
    /// A password was given and the MAC (or the padding) says it is wrong.
    WrongPassword,
    /// Opening it would take more KDF iterations than the budget has left.
    TooCostly {
        iterations: u64,
        left: u64,
    },
    Unsupported(String),
    Malformed(String),
}

fn malformed(what: &str) -> impl Fn(der::Error) -> PfxError + '_ {
    move |e| PfxError::Malformed(format!("{what}: {e}"))
}

/// Opens a DER PFX with `password` (the empty password is tried when none
/// is given, as OpenSSL and Windows do). Key bags are taken out for the
/// key-match check only when a password is given.
pub(crate) fn open(der: &[u8], password: Option<&Password>, work: &mut Work) -> Result<PfxContents, PfxError> {
    let pfx: pkcs12::pfx::Pfx = decode_ber(der, "not a PKCS#12 PFX")?;
    if pfx.auth_safe.content_type != ID_DATA {
        return Err(PfxError::Unsupported(
            "it uses public-key integrity mode (a signed AuthenticatedSafe), which certscope does not open".into(),
        ));
    }
    let auth_safe = pfx.auth_safe.content.decode_as::<OctetString>().map_err(malformed("its authSafe"))?;
    let candidates = candidates(password);
    let mut contents = PfxContents::default();
    // RFC 7292 §4: the MAC decides which password is right.
    let chosen = match &pfx.mac_data {
        Some(mac) => {
            let (found, described) = verify_mac(mac, auth_safe.as_bytes(), &candidates, work)?;
            contents.mac = Some(described);
            match found {
                Some(p) => p,
                None if password.is_some() => return Err(PfxError::WrongPassword),
                None => return Err(PfxError::NeedPassword),
            }
        }
        None => candidates.first().cloned().unwrap_or_default(),
    };
    let infos: Vec<cms::content_info::ContentInfo> = decode_ber(auth_safe.as_bytes(), "its AuthenticatedSafe")?;
    for info in infos {
        let safe = if info.content_type == ID_DATA {
            Zeroizing::new(info.content.decode_as::<OctetString>().map_err(malformed("a data content"))?.into_bytes())
        } else if info.content_type == ID_ENCRYPTED_DATA {
            let content = info.content.to_der().map_err(malformed("an encryptedData content"))?;
            let ed: cms::encrypted_data::EncryptedData = decode_ber(&content, "an encryptedData content")?;
            let eci = ed.enc_content_info;
            let Some(ciphertext) = eci.encrypted_content else { continue };
            let (plain, described) = decrypt(&eci.content_enc_alg, ciphertext.as_bytes(), &chosen, work)?;
            if !contents.encryption.contains(&described) {
                contents.encryption.push(described);
            }
            plain
        } else {
            // envelopedData (RFC 7292 §4.1, public-key privacy mode).
            return Err(PfxError::Unsupported(format!(
                "a content of type {} (public-key privacy mode)",
                info.content_type
            )));
        };
        read_bags(&safe, 0, password.is_some(), &mut contents);
    }
    Ok(contents)
}

/// An encrypted PKCS#8 key (RFC 5958 §3), decrypted with the same
/// schemes as PFX bags, paid for from the same KDF budget. For the
/// key-match check only: the caller drops the result once compared.
pub(crate) fn decrypt_pkcs8(der: &[u8], password: &Password, work: &mut Work) -> Result<Zeroizing<Vec<u8>>, PfxError> {
    let info: pkcs12::pbe_params::EncryptedPrivateKeyInfo = decode_ber(der, "not an EncryptedPrivateKeyInfo")?;
    let secret = candidates(Some(password)).into_iter().next().unwrap_or_default();
    decrypt(&info.encryption_algorithm, info.encrypted_data.as_bytes(), &secret, work).map(|(plain, _)| plain)
}

/// The passwords to try, in PKCS#12's BMPString form (RFC 7292 §B.1:
/// UTF-16BE with a two-zero terminator). Without one, the empty password
/// both with its terminator and as no bytes at all (OpenSSL tries both).
fn candidates(password: Option<&Password>) -> Vec<Secret> {
    let bmp = |s: &str| {
        let mut v: Vec<u8> = BmpString::from_utf8(s).map(|b| b.into_bytes().to_vec()).unwrap_or_default();
        v.extend([0, 0]);
        Secret { bmp: Zeroizing::new(v), utf8: Zeroizing::new(s.as_bytes().to_vec()) }
    };
    match password {
        Some(p) => vec![bmp(p.as_str())],
        None => vec![bmp(""), Secret { bmp: Zeroizing::new(Vec::new()), utf8: Zeroizing::new(Vec::new()) }],
    }
}

/// One password in both forms PKCS#12 uses: BMPString for its own KDF,
/// UTF-8 for PBKDF2 (as OpenSSL writes PBES2 inside PFX files).
#[derive(Clone, Default)]
struct Secret {
    bmp: Zeroizing<Vec<u8>>,
    utf8: Zeroizing<Vec<u8>>,
}

/// Pays for `iterations` KDF rounds, or says how far over the budget they are.
fn pay(work: &mut Work, iterations: u64) -> Result<(), PfxError> {
    let n = usize::try_from(iterations).unwrap_or(usize::MAX);
    let left = work.left(Limit::KdfIterations) as u64;
    if work.spend(Limit::KdfIterations, n, Stage::Input) {
        Ok(())
    } else {
        Err(PfxError::TooCostly { iterations, left })
    }
}

fn iterations(i: i32) -> Result<u32, PfxError> {
    u32::try_from(i).ok().filter(|i| *i > 0).ok_or(PfxError::Malformed(format!("an iteration count of {i}")))
}

/// HMAC-`$d` of `$data` under `$key` compared with `$expected` in constant time.
macro_rules! hmac_ok {
    ($d:ty, $key:expr, $data:expr, $expected:expr) => {{
        match <Hmac<$d> as Mac>::new_from_slice($key) {
            Ok(mut mac) => {
                mac.update($data);
                mac.verify_slice($expected).is_ok()
            }
            Err(_) => false,
        }
    }};
}

/// One HMAC check with a key from the PKCS#12 KDF, for one digest (a
/// macro: the KDF's and HMAC's trait bounds differ per digest crate).
macro_rules! mac_ok {
    ($d:ty, $bmp:expr, $salt:expr, $rounds:expr, $data:expr, $expected:expr) => {{
        let len = <$d as sha2::Digest>::output_size();
        let key = Zeroizing::new(derive_key::<$d>($bmp, $salt, Pkcs12KeyType::Mac, $rounds as i32, len));
        hmac_ok!($d, &key, $data, $expected)
    }};
}

/// RFC 7292 §5.1 and App. B: HMAC over the AuthenticatedSafe with a key
/// from the PKCS#12 KDF (ID 3), or RFC 9579's PBMAC1. Returns the password
/// that verifies.
fn verify_mac(
    mac: &pkcs12::mac_data::MacData,
    data: &[u8],
    candidates: &[Secret],
    work: &mut Work,
) -> Result<(Option<Secret>, String), PfxError> {
    if mac.mac.algorithm.oid == PBMAC1 {
        return verify_pbmac1(&mac.mac.algorithm, data, mac.mac.digest.as_bytes(), candidates, work);
    }
    let rounds = iterations(mac.iterations)?;
    let salt = mac.mac_salt.as_bytes();
    let expected = mac.mac.digest.as_bytes();
    let alg = mac.mac.algorithm.oid;
    let name = match alg {
        SHA1 => "HMAC-SHA-1",
        SHA256 => "HMAC-SHA-256",
        SHA384 => "HMAC-SHA-384",
        SHA512 => "HMAC-SHA-512",
        other => return Err(PfxError::Unsupported(format!("its MAC algorithm {other}"))),
    };
    for candidate in candidates {
        pay(work, u64::from(rounds))?;
        let ok = match alg {
            SHA1 => mac_ok!(sha1::Sha1, &candidate.bmp, salt, rounds, data, expected),
            SHA256 => mac_ok!(sha2::Sha256, &candidate.bmp, salt, rounds, data, expected),
            SHA384 => mac_ok!(sha2::Sha384, &candidate.bmp, salt, rounds, data, expected),
            _ => mac_ok!(sha2::Sha512, &candidate.bmp, salt, rounds, data, expected),
        };
        if ok {
            return Ok((Some(candidate.clone()), format!("{name}, {rounds} iterations")));
        }
    }
    Ok((None, format!("{name}, {rounds} iterations")))
}

/// PBMAC1-params (RFC 8018 §A.5).
#[derive(der::Sequence)]
struct Pbmac1Params {
    key_derivation_func: AlgorithmIdentifierOwned,
    message_auth_scheme: AlgorithmIdentifierOwned,
}

/// RFC 9579 §3 (RFC 8018 §7.1): HMAC over the AuthenticatedSafe with a key
/// from PBKDF2 over the UTF-8 password, as OpenSSL 3.4's `-pbmac1_pbkdf2`
/// and Java's keystore write it. MacData's own salt and iteration count
/// are not used; the PBKDF2 parameters carry them, and keyLength is
/// required. Paid for per PBKDF2 run: iterations times the output blocks
/// the key takes.
fn verify_pbmac1(
    alg: &AlgorithmIdentifierOwned,
    data: &[u8],
    expected: &[u8],
    candidates: &[Secret],
    work: &mut Work,
) -> Result<(Option<Secret>, String), PfxError> {
    use pkcs5::pbes2::{Pbkdf2Params, Pbkdf2Prf, PBKDF2_OID};
    let params = parameters(alg, "its PBMAC1 parameters")?;
    let p = Pbmac1Params::from_der(&params).map_err(malformed("its PBMAC1 parameters"))?;
    if p.key_derivation_func.oid != PBKDF2_OID {
        return Err(PfxError::Unsupported(format!("PBMAC1 with the key derivation {}", p.key_derivation_func.oid)));
    }
    let kdf_params = parameters(&p.key_derivation_func, "its PBMAC1 PBKDF2 parameters")?;
    let kdf = Pbkdf2Params::from_der(&kdf_params).map_err(malformed("its PBMAC1 PBKDF2 parameters"))?;
    let key_len = kdf
        .key_length
        .ok_or_else(|| PfxError::Malformed("its PBMAC1 has no key length (RFC 9579 §3 requires one)".into()))?;
    if key_len == 0 || key_len > MAX_PBMAC1_KEY {
        return Err(PfxError::Unsupported(format!("a PBMAC1 key of {key_len} bytes")));
    }
    let scheme_der = p.message_auth_scheme.to_der().map_err(malformed("its PBMAC1 MAC scheme"))?;
    let scheme = spki::AlgorithmIdentifierRef::from_der(&scheme_der)
        .ok()
        .and_then(|a| Pbkdf2Prf::try_from(a).ok())
        .ok_or_else(|| PfxError::Unsupported(format!("PBMAC1 with the MAC {}", p.message_auth_scheme.oid)))?;
    let rounds = kdf.iteration_count;
    if rounds == 0 {
        return Err(PfxError::Malformed("an iteration count of 0".into()));
    }
    let blocks = usize::from(key_len).div_ceil(prf_len(kdf.prf)?) as u64;
    let described =
        format!("PBMAC1 (PBKDF2-HMAC-{}, HMAC-{}, {rounds} iterations)", prf_name(kdf.prf)?, prf_name(scheme)?);
    for candidate in candidates {
        pay(work, u64::from(rounds) * blocks)?;
        let mut key = Zeroizing::new(vec![0u8; usize::from(key_len)]);
        pbkdf2_derive(kdf.prf, &candidate.utf8, kdf.salt, rounds, &mut key)?;
        let ok = match scheme {
            Pbkdf2Prf::HmacWithSha1 => hmac_ok!(sha1::Sha1, &key, data, expected),
            Pbkdf2Prf::HmacWithSha224 => hmac_ok!(sha2::Sha224, &key, data, expected),
            Pbkdf2Prf::HmacWithSha256 => hmac_ok!(sha2::Sha256, &key, data, expected),
            Pbkdf2Prf::HmacWithSha384 => hmac_ok!(sha2::Sha384, &key, data, expected),
            Pbkdf2Prf::HmacWithSha512 => hmac_ok!(sha2::Sha512, &key, data, expected),
            _ => false,
        };
        if ok {
            return Ok((Some(candidate.clone()), described));
        }
    }
    Ok((None, described))
}

/// An algorithm's parameters as DER.
fn parameters(alg: &AlgorithmIdentifierOwned, what: &str) -> Result<Vec<u8>, PfxError> {
    alg.parameters
        .as_ref()
        .ok_or_else(|| PfxError::Malformed(format!("{what}: missing")))?
        .to_der()
        .map_err(malformed(what))
}

fn prf_len(prf: pkcs5::pbes2::Pbkdf2Prf) -> Result<usize, PfxError> {
    use pkcs5::pbes2::Pbkdf2Prf::*;
    match prf {
        HmacWithSha1 => Ok(20),
        HmacWithSha224 => Ok(28),
        HmacWithSha256 => Ok(32),
        HmacWithSha384 => Ok(48),
        HmacWithSha512 => Ok(64),
        _ => Err(PfxError::Unsupported("PBKDF2 with an unknown PRF".into())),
    }
}

fn prf_name(prf: pkcs5::pbes2::Pbkdf2Prf) -> Result<&'static str, PfxError> {
    use pkcs5::pbes2::Pbkdf2Prf::*;
    match prf {
        HmacWithSha1 => Ok("SHA-1"),
        HmacWithSha224 => Ok("SHA-224"),
        HmacWithSha256 => Ok("SHA-256"),
        HmacWithSha384 => Ok("SHA-384"),
        HmacWithSha512 => Ok("SHA-512"),
        _ => Err(PfxError::Unsupported("PBKDF2 with an unknown PRF".into())),
    }
}

/// PBKDF2 (RFC 8018 §5.2) with `prf` into `out`.
fn pbkdf2_derive(
    prf: pkcs5::pbes2::Pbkdf2Prf,
    password: &[u8],
    salt: &[u8],
    rounds: u32,
    out: &mut [u8],
) -> Result<(), PfxError> {
    use pkcs5::pbes2::Pbkdf2Prf::*;
    match prf {
        HmacWithSha1 => pbkdf2::pbkdf2_hmac::<sha1::Sha1>(password, salt, rounds, out),
        HmacWithSha224 => pbkdf2::pbkdf2_hmac::<sha2::Sha224>(password, salt, rounds, out),
        HmacWithSha256 => pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password, salt, rounds, out),
        HmacWithSha384 => pbkdf2::pbkdf2_hmac::<sha2::Sha384>(password, salt, rounds, out),
        HmacWithSha512 => pbkdf2::pbkdf2_hmac::<sha2::Sha512>(password, salt, rounds, out),
        _ => return Err(PfxError::Unsupported("PBKDF2 with an unknown PRF".into())),
    }
    Ok(())
}

/// Decrypts one encryptedData's content with the scheme it names.
fn decrypt(
    alg: &AlgorithmIdentifierOwned,
    ciphertext: &[u8],
    password: &Secret,
    work: &mut Work,
) -> Result<(Zeroizing<Vec<u8>>, String), PfxError> {
    let params = alg.parameters.as_ref().map(|p| p.to_der()).transpose().map_err(malformed("its parameters"))?;
    let params = params.unwrap_or_default();
    match alg.oid {
        PBES2 => pbes2(&params, ciphertext, password, work),
        pkcs12::PKCS_12_PBE_WITH_SHAAND3_KEY_TRIPLE_DES_CBC => {
            let p = pkcs12::pbe_params::Pkcs12PbeParams::from_der(&params).map_err(malformed("its PBE parameters"))?;
            let rounds = iterations(p.iterations)?;
            pay(work, 2 * u64::from(rounds))?;
            let key = legacy_kdf(password, p.salt.as_bytes(), Pkcs12KeyType::EncryptionKey, rounds, 24);
            let iv = legacy_kdf(password, p.salt.as_bytes(), Pkcs12KeyType::Iv, rounds, 8);
            let plain = cbc_decrypt::<des::TdesEde3>(&key, &iv, ciphertext)?;
            Ok((plain, format!("pbeWithSHAAnd3-KeyTripleDES-CBC, {rounds} iterations")))
        }
        pkcs12::PKCS_12_PBEWITH_SHAAND40_BIT_RC2_CBC | pkcs12::PKCS_12_PBE_WITH_SHAAND128_BIT_RC2_CBC => {
            let p = pkcs12::pbe_params::Pkcs12PbeParams::from_der(&params).map_err(malformed("its PBE parameters"))?;
            let rounds = iterations(p.iterations)?;
            pay(work, 2 * u64::from(rounds))?;
            let forty = alg.oid == pkcs12::PKCS_12_PBEWITH_SHAAND40_BIT_RC2_CBC;
            let key = legacy_kdf(
                password,
                p.salt.as_bytes(),
                Pkcs12KeyType::EncryptionKey,
                rounds,
                if forty { 5 } else { 16 },
            );
            let iv = legacy_kdf(password, p.salt.as_bytes(), Pkcs12KeyType::Iv, rounds, 8);
            // RC2's effective key length is the key's (40 or 128 bits).
            let plain = cbc_decrypt::<rc2::Rc2>(&key, &iv, ciphertext)?;
            let name = if forty { "pbeWithSHAAnd40BitRC2-CBC" } else { "pbeWithSHAAnd128BitRC2-CBC" };
            Ok((plain, format!("{name}, {rounds} iterations")))
        }
        other => Err(PfxError::Unsupported(format!("certificate bags encrypted with {other}"))),
    }
}

fn legacy_kdf(password: &Secret, salt: &[u8], id: Pkcs12KeyType, rounds: u32, len: usize) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(derive_key::<sha1::Sha1>(&password.bmp, salt, id, rounds as i32, len))
}

/// RFC 8018 §6.2 PBES2 with PBKDF2 (§5.2) and AES-CBC (RFC 3565).
fn pbes2(
    params: &[u8],
    ciphertext: &[u8],
    password: &Secret,
    work: &mut Work,
) -> Result<(Zeroizing<Vec<u8>>, String), PfxError> {
    use pkcs5::pbes2::{EncryptionScheme, Kdf, Parameters};
    let any = der::AnyRef::from_der(params).map_err(malformed("its PBES2 parameters"))?;
    let p = Parameters::try_from(any).map_err(|e| PfxError::Unsupported(format!("its PBES2 parameters ({e})")))?;
    let Kdf::Pbkdf2(kdf) = p.kdf else {
        return Err(PfxError::Unsupported("PBES2 with scrypt".into()));
    };
    let rounds = kdf.iteration_count;
    let (key_len, iv, cipher) = match p.encryption {
        EncryptionScheme::Aes128Cbc { iv } => (16, iv, "AES-128-CBC"),
        EncryptionScheme::Aes192Cbc { iv } => (24, iv, "AES-192-CBC"),
        EncryptionScheme::Aes256Cbc { iv } => (32, iv, "AES-256-CBC"),
        _ => return Err(PfxError::Unsupported("PBES2 with a cipher other than AES-CBC".into())),
    };
    pay(work, u64::from(rounds))?;
    let mut key = Zeroizing::new(vec![0u8; key_len]);
    pbkdf2_derive(kdf.prf, &password.utf8, kdf.salt, rounds, &mut key)?;
    let prf = prf_name(kdf.prf)?;
    let plain = match key_len {
        16 => cbc_decrypt::<aes::Aes128>(&key, iv, ciphertext)?,
        24 => cbc_decrypt::<aes::Aes192>(&key, iv, ciphertext)?,
        _ => cbc_decrypt::<aes::Aes256>(&key, iv, ciphertext)?,
    };
    Ok((plain, format!("PBES2 (PBKDF2-HMAC-{prf}, {cipher}, {rounds} iterations)")))
}

/// CBC with PKCS#7 padding; bad padding after a verified MAC (or in a
/// file without one) means the password was wrong.
fn cbc_decrypt<C>(key: &[u8], iv: &[u8], ciphertext: &[u8]) -> Result<Zeroizing<Vec<u8>>, PfxError>
where
    C: cipher::BlockDecrypt + cipher::BlockCipher + cipher::KeyInit,
    cbc::Decryptor<C>: KeyIvInit + BlockDecryptMut,
{
    let dec = cbc::Decryptor::<C>::new_from_slices(key, iv)
        .map_err(|_| PfxError::Malformed("a key or IV of the wrong length".into()))?;
    dec.decrypt_padded_vec_mut::<cipher::block_padding::Pkcs7>(ciphertext)
        .map(Zeroizing::new)
        .map_err(|_| PfxError::WrongPassword)
}

/// RFC 7292 §4.2: SafeContents ::= SEQUENCE OF SafeBag.
fn read_bags(safe: &[u8], depth: usize, keys: bool, out: &mut PfxContents) {
    let Ok(bags) = decode_ber::<Vec<pkcs12::safe_bag::SafeBag>>(safe, "a SafeContents") else {
        out.skipped_bags += 1;
        return;
    };
    for bag in bags {
        if out.bags >= MAX_BAGS || depth > MAX_BAG_DEPTH {
            out.skipped_bags += 1;
            continue;
        }
        out.bags += 1;
        // bagValue is [0] EXPLICIT: the crate keeps the whole element.
        let Ok(inner) = der::asn1::ContextSpecific::<der::Any>::from_der(&bag.bag_value) else {
            out.skipped_bags += 1;
            continue;
        };
        let value = inner.value.to_der().unwrap_or_default();
        match bag.bag_id {
            pkcs12::PKCS_12_CERT_BAG_OID => match pkcs12::cert_type::CertBag::from_der(&value) {
                Ok(cert) if cert.cert_id == pkcs12::PKCS_12_X509_CERT_OID => {
                    let (friendly_name, local_key_id) = attributes(bag.bag_attributes.as_ref());
                    out.certs.push(PfxCert { der: cert.cert_value.into_bytes(), friendly_name, local_key_id });
                }
                _ => out.skipped_bags += 1,
            },
            pkcs12::PKCS_12_KEY_BAG_OID | pkcs12::PKCS_12_PKCS8_KEY_BAG_OID => {
                out.key_bags += 1;
                if keys {
                    // keyBag: a PrivateKeyInfo; pkcs8ShroudedKeyBag: an
                    // EncryptedPrivateKeyInfo (RFC 7292 §4.2.1, §4.2.2).
                    let der = KeySecret::new(value);
                    let body = if bag.bag_id == pkcs12::PKCS_12_KEY_BAG_OID {
                        KeyBody::Plain(der)
                    } else {
                        KeyBody::Encrypted { legacy: false, der }
                    };
                    let (_, local_key_id) = attributes(bag.bag_attributes.as_ref());
                    out.keys.push(PfxKey { body, local_key_id });
                }
            }
            pkcs12::PKCS_12_SAFE_CONTENTS_BAG_OID => read_bags(&value, depth + 1, keys, out),
            // CRL and secret bags: nothing certscope uses.
            _ => {}
        }
    }
}

/// friendlyName (a BMPString) and localKeyId (an OCTET STRING, as hex).
fn attributes(attrs: Option<&x509_cert::attr::Attributes>) -> (Option<String>, Option<String>) {
    let mut name = None;
    let mut id = None;
    for attr in attrs.into_iter().flat_map(|a| a.iter()) {
        let Some(value) = attr.values.iter().next() else { continue };
        if attr.oid == FRIENDLY_NAME {
            name = value.decode_as::<BmpString>().ok().map(|b| b.to_string());
        } else if attr.oid == LOCAL_KEY_ID {
            id = value.decode_as::<OctetString>().ok().map(|o| crate::hex::lower(o.as_bytes()));
        }
    }
    (name, id)
}

/// `T` from DER, or else from `bytes` made DER-shaped ([`to_der`]); the
/// DER error is the one reported.
fn decode_ber<T: DecodeOwned>(bytes: &[u8], what: &str) -> Result<T, PfxError> {
    T::from_der(bytes)
        .or_else(|error| to_der(bytes).and_then(|der| T::from_der(&der).ok()).ok_or_else(|| malformed(what)(error)))
}

const OCTET_STRING: u8 = 0x04;
const CONSTRUCTED_OCTET_STRING: u8 = 0x24;
const IMPLICIT_0: u8 = 0x80;
const CONSTRUCTED_0: u8 = 0xa0;
const OID: u8 = 0x06;
const SEQUENCE: u8 = 0x30;

/// One BER element (X.690 §8) made DER-shaped: definite lengths in their
/// shortest form (§10.1) and OCTET STRINGs in one piece (§10.2), including
/// the encryptedContent `[0] IMPLICIT OCTET STRING` of an
/// EncryptedContentInfo (RFC 5652 §6.1), the one implicitly tagged string
/// in a PFX. Primitive elements are copied as they are. `None` for what is
/// not one well-formed element, or nests past [`MAX_DEPTH`]. Everything is
/// written into one buffer, with no allocation per element; each level of
/// nesting moves its content once to make room for its header, so the
/// work is the input's length times its depth at most.
fn to_der(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    let used = ber_element(bytes, 0, &mut out)?;
    (used == bytes.len()).then_some(out)
}

/// Appends the element at the start of `bytes` to `out`, DER-shaped, and
/// returns how many bytes of `bytes` it took.
fn ber_element(bytes: &[u8], depth: usize, out: &mut Vec<u8>) -> Option<usize> {
    if depth > MAX_DEPTH {
        return None;
    }
    let h = read_header(bytes).ok()?;
    let end = match h.len {
        Some(len) => Some(h.header_len.checked_add(len).filter(|e| *e <= bytes.len())?),
        None => None,
    };
    if h.tag & 0x20 == 0 {
        let total = end?;
        out.extend_from_slice(bytes.get(..total)?);
        return Some(total);
    }
    let start = out.len();
    // The first three children: their tags and where they start in `out`.
    let mut first = [(0u8, 0usize); 3];
    let mut count = 0usize;
    let mut pos = h.header_len;
    loop {
        let rest = bytes.get(pos..end.unwrap_or(bytes.len()))?;
        if end.is_some() && rest.is_empty() {
            break;
        }
        if end.is_none() && rest.starts_with(&[0, 0]) {
            pos += 2;
            break;
        }
        let kid = out.len();
        pos += ber_element(rest, depth + 1, out)?;
        if let Some(slot) = first.get_mut(count) {
            *slot = (*out.get(kid)?, kid);
        }
        count += 1;
    }
    // EncryptedContentInfo ::= SEQUENCE { contentType OID, algorithm SEQUENCE, [0] IMPLICIT OCTET STRING }
    if let [(OID, _), (SEQUENCE, _), (CONSTRUCTED_0, last)] = first {
        if count == 3 {
            let kh = read_header(out.get(last..)?).ok()?;
            if all_octet_strings(out.get(last + kh.header_len..)?) {
                out.drain(last..last + kh.header_len);
                join_octet_strings(out, last)?;
                insert_header(out, last, &[IMPLICIT_0]);
            }
        }
    }
    if h.tag == CONSTRUCTED_OCTET_STRING {
        join_octet_strings(out, start)?;
        insert_header(out, start, &[OCTET_STRING]);
    } else {
        insert_header(out, start, bytes.get(..h.id_len)?);
    }
    Some(pos)
}

/// Whether `content` is a run of primitive OCTET STRINGs (none at all included).
fn all_octet_strings(mut content: &[u8]) -> bool {
    while !content.is_empty() {
        let Some(end) = read_header(content)
            .ok()
            .filter(|h| h.tag == OCTET_STRING)
            .and_then(|h| h.len.and_then(|len| h.header_len.checked_add(len)))
        else {
            return false;
        };
        let Some(rest) = content.get(end..) else { return false };
        content = rest;
    }
    true
}

/// Replaces the primitive OCTET STRINGs in `out` from `start` to its end
/// by their contents, one after the other; `None` at anything else.
fn join_octet_strings(out: &mut Vec<u8>, start: usize) -> Option<()> {
    let (mut read, mut write) = (start, start);
    while read < out.len() {
        let h = read_header(out.get(read..)?).ok().filter(|h| h.tag == OCTET_STRING)?;
        let from = read + h.header_len;
        let to = from.checked_add(h.len?)?;
        out.get(from..to)?;
        out.copy_within(from..to, write);
        write += to - from;
        read = to;
    }
    out.truncate(write);
    Some(())
}

/// Puts `identifier` and the definite length of everything in `out` after
/// `start` in front of it.
fn insert_header(out: &mut Vec<u8>, start: usize, identifier: &[u8]) {
    let mut header = identifier.to_vec();
    super::pkcs7::push_length(&mut header, out.len().saturating_sub(start));
    out.splice(start..start, header);
}

#[cfg(test)]
mod tests {
    use super::to_der;

    #[test]
    fn ber_becomes_der_shaped() {
        // SEQUENCE (indefinite) { OCTET STRING in two segments, INTEGER 5 }
        let ber =
            [0x30, 0x80, 0x24, 0x80, 0x04, 0x01, 0xaa, 0x04, 0x01, 0xbb, 0x00, 0x00, 0x02, 0x01, 0x05, 0x00, 0x00];
        assert_eq!(to_der(&ber), Some(vec![0x30, 0x07, 0x04, 0x02, 0xaa, 0xbb, 0x02, 0x01, 0x05]));
        // EncryptedContentInfo { OID, SEQUENCE, [0] constructed of segments }: one [0] IMPLICIT string.
        let eci = [
            0x30, 0x80, 0x06, 0x01, 0x2a, 0x30, 0x00, 0xa0, 0x80, 0x04, 0x01, 0x01, 0x04, 0x01, 0x02, 0x00, 0x00, 0x00,
            0x00,
        ];
        assert_eq!(to_der(&eci), Some(vec![0x30, 0x09, 0x06, 0x01, 0x2a, 0x30, 0x00, 0x80, 0x02, 0x01, 0x02]));
        // Elsewhere a constructed [0] is an EXPLICIT tag and stays one.
        let explicit = [0x30, 0x80, 0x06, 0x01, 0x2a, 0xa0, 0x80, 0x04, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00];
        assert_eq!(to_der(&explicit), Some(vec![0x30, 0x08, 0x06, 0x01, 0x2a, 0xa0, 0x03, 0x04, 0x01, 0x01]));
        // DER is returned as it was.
        let der = [0x30, 0x03, 0x02, 0x01, 0x05];
        assert_eq!(to_der(&der), Some(der.to_vec()));
    }

    #[test]
    fn broken_or_deep_ber_is_refused() {
        // No end-of-contents; a segment that is not an OCTET STRING; bytes after the element.
        assert_eq!(to_der(&[0x30, 0x80, 0x02, 0x01, 0x05]), None);
        assert_eq!(to_der(&[0x24, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00]), None);
        assert_eq!(to_der(&[0x30, 0x00, 0x00]), None);
        // 40 levels of indefinite SEQUENCEs: past MAX_DEPTH, refused without recursing further.
        let mut deep = vec![0x30, 0x00];
        for _ in 0..40 {
            deep = [&[0x30, 0x80][..], &deep, &[0x00, 0x00]].concat();
        }
        assert_eq!(to_der(&deep), None);
        let shallow = [&[0x30, 0x80, 0x30, 0x80][..], &[0x30, 0x00], &[0x00, 0x00, 0x00, 0x00]].concat();
        assert_eq!(to_der(&shallow), Some(vec![0x30, 0x04, 0x30, 0x02, 0x30, 0x00]));
    }
}
