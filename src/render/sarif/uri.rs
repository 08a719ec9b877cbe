//! uri: a path as given on the command line → a SARIF artifact URI.
//!
//! SARIF requires an RFC 3986 URI reference, and GitHub's upload rejects a
//! log whose `uri` holds raw non-ASCII characters, which every report name
//! here has. So each byte outside the unreserved and sub-delimiter sets is
//! percent-encoded (`克` → `%E5%85%8B`); `/` separates segments. A relative
//! path stays relative (code scanning resolves it against the checkout); an
//! absolute one becomes a `file://` URI. Windows separators become `/`.

/// The URI reference for `path`.
pub(super) fn from_path(path: &str) -> String {
    let path = if std::path::MAIN_SEPARATOR == '\\' { path.replace('\\', "/") } else { path.to_string() };
    let encoded = encode(&path);
    if path.starts_with('/') {
        return format!("file://{encoded}");
    }
    if is_drive(&path) {
        return format!("file:///{encoded}");
    }
    // `a:b/报告.txt` would read as a URI with the scheme `a`.
    let first_segment = path.split('/').next().unwrap_or_default();
    if first_segment.contains(':') { format!("./{encoded}") } else { encoded }
}

/// `C:/…`: a Windows absolute path once separators are `/`.
fn is_drive(path: &str) -> bool {
    matches!(path.as_bytes(), [letter, b':', b'/', ..] if letter.is_ascii_alphabetic())
}

fn encode(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_stay_relative_and_are_encoded() {
        assert_eq!(from_path("examples/a b.txt"), "examples/a%20b.txt");
        assert_eq!(from_path("报告.txt"), "%E6%8A%A5%E5%91%8A.txt");
        assert_eq!(from_path("50%#1?.txt"), "50%25%231%3F.txt");
    }

    #[test]
    fn absolute_paths_become_file_uris() {
        assert_eq!(from_path("/tmp/报.txt"), "file:///tmp/%E6%8A%A5.txt");
    }

    #[test]
    fn a_colon_in_the_first_segment_is_not_a_scheme() {
        assert_eq!(from_path("a:b/c.txt"), "./a:b/c.txt");
    }
}
