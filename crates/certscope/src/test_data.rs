//! Fixture access shared by the unit tests of every stage.

/// A file under `tests/data/<area>/`.
pub(crate) fn fixture(area: &str, name: &str) -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(area).join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The one file called `name` in the fixture pool (`tests/data/`), for
/// tests that read files of several origins by name; a name that is not
/// unique fails the test, so a new file cannot silently change what it reads.
pub(crate) fn by_name(name: &str) -> Vec<u8> {
    let mut found = Vec::new();
    let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.file_name().is_some_and(|n| n == name) {
                found.push(path);
            }
        }
    }
    match &found[..] {
        [one] => std::fs::read(one).unwrap_or_else(|e| panic!("{}: {e}", one.display())),
        _ => panic!("{name}: {} files of that name in tests/data: {found:?}", found.len()),
    }
}

/// Every certificate in a PEM or DER file's bytes, as DER. Lenient on PEM
/// line length: some fixtures wrap at 66 columns.
pub(crate) fn cert_ders(bytes: Vec<u8>) -> Vec<Vec<u8>> {
    let Ok(text) = std::str::from_utf8(&bytes) else { return vec![bytes] };
    if !text.contains("-----BEGIN") {
        return vec![bytes];
    }
    const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
    const END: &str = "-----END CERTIFICATE-----";
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(BEGIN) {
        let end = rest[start..].find(END).unwrap() + start + END.len();
        let body: String = rest[start + BEGIN.len()..end - END.len()].split_whitespace().collect();
        out.push(base64::Engine::decode(&base64::engine::general_purpose::STANDARD, body).unwrap());
        rest = &rest[end..];
    }
    out
}
