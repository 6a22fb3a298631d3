//! Reading an input's bytes and turning them into text: binary files are told apart
//! (a NUL byte in the first [`BINARY_PROBE`] bytes, as git and ripgrep do), invalid
//! UTF-8 is an error naming the first bad byte unless decoding is lossy, and every error
//! names the path.

use super::Input;
use super::decode::{OffsetMap, decode_lossy};
use std::fmt;
use std::io::Read;

/// How many leading bytes are searched for a NUL to call a file binary. A NUL further on
/// is linted as text, like git's and ripgrep's test: binary formats show one early, and
/// the probe keeps `/dev/zero` or a multi-gigabyte image from being read whole.
pub const BINARY_PROBE: usize = 8192;

/// How to read an input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Replace invalid UTF-8 with U+FFFD instead of failing (`--lossy`).
    pub lossy: bool,
}

/// An input's text, ready to lint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decoded {
    /// The text: the file exactly as read, or its lossy decoding.
    pub text: String,
    /// Text offsets → file offsets; the identity unless invalid bytes were replaced.
    pub offsets: OffsetMap,
}

/// Why an input could not be read as text.
#[derive(Debug)]
pub enum ReadError {
    /// The operating system refused or failed (missing, permission, is a directory…).
    Io {
        /// The path as shown.
        path: String,
        /// The error.
        error: std::io::Error,
        /// Set when the path is a symbolic link whose target does not exist.
        dangling: bool,
    },
    /// A NUL byte at `offset`, within the first [`BINARY_PROBE`] bytes.
    Binary {
        /// The path as shown.
        path: String,
        /// Byte offset of the first NUL.
        offset: usize,
        /// The file starts with a UTF-16 byte order mark.
        utf16: bool,
    },
    /// Not valid UTF-8 (and decoding is not lossy).
    InvalidUtf8 {
        /// The path as shown.
        path: String,
        /// Byte offset of the first byte of the first invalid sequence.
        offset: usize,
    },
}

impl ReadError {
    /// True for a binary file, which a directory walk skips instead of failing on.
    pub fn is_binary(&self) -> bool {
        matches!(self, ReadError::Binary { .. })
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io {
                path,
                error,
                dangling: true,
            } => write!(f, "{path}: broken symbolic link: {error}"),
            ReadError::Io { path, error, .. } => write!(f, "{path}: cannot read: {error}"),
            ReadError::Binary {
                path, utf16: true, ..
            } => write!(
                f,
                "{path}: UTF-16 text is not supported (convert it to UTF-8)"
            ),
            ReadError::Binary { path, offset, .. } => {
                write!(
                    f,
                    "{path}: binary file (NUL byte at byte {offset}), not linted"
                )
            }
            ReadError::InvalidUtf8 { path, offset } => write!(
                f,
                "{path}: invalid UTF-8 at byte {offset} (use --lossy to lint it with U+FFFD in place of invalid bytes)"
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// Reads `input` and decodes it as `options` say.
pub fn read_text(input: &Input, options: ReadOptions) -> Result<Decoded, ReadError> {
    let path = input.display();
    let bytes = read_bytes(input).map_err(|error| ReadError::Io {
        dangling: is_dangling(input, &error),
        path: path.clone(),
        error,
    })?;
    decode(&path, bytes, options)
}

/// Decodes an input's bytes: the binary test, then UTF-8 (strict or lossy).
pub fn decode(path: &str, bytes: Vec<u8>, options: ReadOptions) -> Result<Decoded, ReadError> {
    if let Some(offset) = binary_at(&bytes) {
        return Err(ReadError::Binary {
            path: path.to_string(),
            offset,
            utf16: bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff"),
        });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            offsets: OffsetMap::default(),
        }),
        Err(e) if options.lossy => {
            let (text, offsets) = decode_lossy(e.as_bytes());
            Ok(Decoded { text, offsets })
        }
        Err(e) => Err(ReadError::InvalidUtf8 {
            path: path.to_string(),
            offset: e.utf8_error().valid_up_to(),
        }),
    }
}

/// Reads a small UTF-8 file (a rule pack, a configuration): the error, without the path
/// (callers say what the file is), gives the system's reason or the byte offset of the
/// first invalid UTF-8 sequence.
pub fn read_utf8(path: &std::path::Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    String::from_utf8(bytes)
        .map_err(|e| format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()))
}

/// The offset of the first NUL in the first [`BINARY_PROBE`] bytes.
pub fn binary_at(bytes: &[u8]) -> Option<usize> {
    bytes[..bytes.len().min(BINARY_PROBE)]
        .iter()
        .position(|&b| b == 0)
}

/// Reads the whole input, but the first [`BINARY_PROBE`] bytes first: a binary stream
/// (a device, a huge image) stops there instead of being read to its end.
fn read_bytes(input: &Input) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    match input {
        Input::Stdin => read_probed(std::io::stdin().lock(), &mut bytes)?,
        Input::File(p) => read_probed(std::fs::File::open(p)?, &mut bytes)?,
    }
    Ok(bytes)
}

fn read_probed(mut r: impl Read, bytes: &mut Vec<u8>) -> std::io::Result<()> {
    (&mut r).take(BINARY_PROBE as u64).read_to_end(bytes)?;
    if binary_at(bytes).is_none() {
        r.read_to_end(bytes)?;
    }
    Ok(())
}

/// Whether a failed read was of a symbolic link pointing nowhere (the message then says
/// so: "No such file or directory" alone would send the user looking for the link).
fn is_dangling(input: &Input, error: &std::io::Error) -> bool {
    error.kind() == std::io::ErrorKind::NotFound
        && input
            .path()
            .and_then(|p| std::fs::symlink_metadata(p).ok())
            .is_some_and(|m| m.file_type().is_symlink())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_str(bytes: &[u8], lossy: bool) -> Result<Decoded, ReadError> {
        decode("a.txt", bytes.to_vec(), ReadOptions { lossy })
    }

    #[test]
    fn errors_name_the_path_and_the_byte() {
        let e = decode_str(b"Koursk \xff", false).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.txt: invalid UTF-8 at byte 7 (use --lossy to lint it with U+FFFD in place of invalid bytes)"
        );
        let e = decode_str(b"Koursk\0", true).unwrap_err();
        assert!(e.is_binary());
        assert_eq!(
            e.to_string(),
            "a.txt: binary file (NUL byte at byte 6), not linted"
        );
        let e = decode_str(b"\xff\xfeK\0", false).unwrap_err();
        assert!(e.to_string().contains("UTF-16"), "{e}");
    }

    #[test]
    fn a_nul_past_the_probe_is_text() {
        let mut bytes = vec![b'a'; BINARY_PROBE];
        bytes.push(0);
        assert_eq!(
            decode_str(&bytes, false).unwrap().text.len(),
            BINARY_PROBE + 1
        );
    }

    #[test]
    fn lossy_decoding_keeps_a_map() {
        let d = decode_str(b"\xe9t\xe9 Koursk", true).unwrap();
        assert_eq!(d.text, "\u{fffd}t\u{fffd} Koursk");
        assert_eq!(d.offsets.first_invalid(), Some(0));
    }

    #[test]
    fn io_errors_map_to_messages_that_name_the_path() {
        // The mapping a permission error takes (tests run as root, where a chmod does
        // not stop a read; tests/robustness.rs reaches it for real without the
        // capability that lets root read anything).
        let e = ReadError::Io {
            path: "a.txt".into(),
            error: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            dangling: false,
        };
        assert_eq!(e.to_string(), "a.txt: cannot read: permission denied");
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_link_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("gone.txt");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &link).unwrap();
        let e = read_text(&Input::File(link), ReadOptions::default()).unwrap_err();
        assert!(e.to_string().contains("broken symbolic link"), "{e}");
    }
}
