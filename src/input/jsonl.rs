//! JSON Lines: each non-blank line is an object whose `text` string is linted as a
//! document of its own and whose `id` (a string or a number, optional) names it in
//! reports. The decoded string maps back to the bytes of its literal in the file: an
//! escape (`\n`, `\"`, `\u00e9`, a surrogate pair) maps to its whole source text.
//!
//! serde_json validates each line and hands back the `text` literal as a borrowed
//! [`RawValue`], whose position in the line is its position in the file.

use super::extract::Part;
use super::map::MapBuilder;
use serde::Deserialize;
use serde_json::value::RawValue;

/// The fields of a record that matter; others are ignored.
#[derive(Deserialize)]
struct Record<'a> {
    #[serde(borrow, default)]
    text: Option<&'a RawValue>,
    #[serde(default)]
    id: Option<serde_json::Value>,
}

/// Extracts one part per record; a line that is not a record with a `text` string is
/// an error naming its line number, and the other lines are still read.
pub fn extract(file: &str) -> (Vec<Part>, Vec<String>) {
    let mut parts = Vec::new();
    let mut errors = Vec::new();
    let mut start = 0;
    for (n, raw_line) in file.split_inclusive('\n').enumerate() {
        let line_start = start;
        start += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        let line_no = n + 1;
        let record: Record = match serde_json::from_str(line) {
            Ok(r) => r,
            Err(e) => {
                // serde_json places the error in the line it was given, which is line 1.
                let msg = e.to_string();
                let msg = msg.split(" at line ").next().unwrap_or(&msg);
                errors.push(format!("line {line_no}, column {}: {msg}", e.column()));
                continue;
            }
        };
        let Some(raw) = record.text.map(RawValue::get) else {
            errors.push(format!("line {line_no}: no \"text\" field"));
            continue;
        };
        if !raw.starts_with('"') {
            errors.push(format!("line {line_no}: \"text\" is not a string"));
            continue;
        }
        // The raw value borrows from `line`, so its address gives its offset.
        let offset = line_start + (raw.as_ptr() as usize - line.as_ptr() as usize);
        let mut b = MapBuilder::new();
        decode_string(file, offset, raw.len(), &mut b);
        let (text, map) = b.finish();
        let id = match record.id {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) => Some(s),
            Some(other) => Some(other.to_string()),
        };
        parts.push(Part {
            id,
            text,
            map,
            suppressions: Vec::new(),
        });
    }
    (parts, errors)
}

/// The four hex digits of a `\u` escape at `s[at..]`.
fn hex4(s: &str, at: usize) -> Option<u32> {
    u32::from_str_radix(s.get(at..at + 4)?, 16).ok()
}

/// Decodes the (valid) JSON string literal at `file[offset..offset + len]` into `b`.
fn decode_string(file: &str, offset: usize, len: usize, b: &mut MapBuilder) {
    let end = offset + len - 1; // before the closing quote
    let mut run = offset + 1;
    let mut i = run;
    while let Some(k) = file[i..end].find('\\') {
        let at = i + k;
        b.verbatim(file, run..at);
        let (ch, n) = match file.as_bytes()[at + 1] {
            b'n' => ('\n', 2),
            b't' => ('\t', 2),
            b'r' => ('\r', 2),
            b'b' => ('\u{8}', 2),
            b'f' => ('\u{c}', 2),
            b'u' => {
                let hi = hex4(file, at + 2).unwrap_or(0xFFFD);
                let lo = (file.get(at + 6..at + 8) == Some("\\u"))
                    .then(|| hex4(file, at + 8))
                    .flatten()
                    .filter(|lo| (0xDC00..0xE000).contains(lo));
                match lo {
                    Some(lo) if (0xD800..0xDC00).contains(&hi) => {
                        let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                        (char::from_u32(c).unwrap_or('\u{fffd}'), 12)
                    }
                    _ => (char::from_u32(hi).unwrap_or('\u{fffd}'), 6),
                }
            }
            // `\"`, `\\`, `\/`
            other => (other as char, 2),
        };
        b.replaced(ch.encode_utf8(&mut [0; 4]), at..at + n);
        i = at + n;
        run = i;
    }
    b.verbatim(file, run..end);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_map_to_their_source() {
        let file =
            "{\"id\": 7, \"text\": \"Kours\\u006b \\\"OTAN\\\"\\n\\ud83d\\ude00 \u{e9}t\u{e9}\"}\n";
        let (parts, errors) = extract(file);
        assert!(errors.is_empty());
        let p = &parts[0];
        assert_eq!(p.id.as_deref(), Some("7"));
        assert_eq!(p.text, "Koursk \"OTAN\"\n\u{1f600} été");
        p.map.validate(&p.text, file).unwrap();
        assert_eq!(&file[p.map.to_file(0..6)], "Kours\\u006b");
        assert_eq!(&file[p.map.to_file(7..13)], "\\\"OTAN\\\"");
        let smile = p.text.find('\u{1f600}').unwrap();
        assert_eq!(&file[p.map.to_file(smile..smile + 4)], "\\ud83d\\ude00");
    }

    #[test]
    fn bad_lines_are_errors_and_the_rest_is_read() {
        let file = "{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"b\",\"text\":\n\n{\"id\":\"c\"}\n{\"text\":3}\r\n{\"id\":\"d\",\"text\":\"two\"}";
        let (parts, errors) = extract(file);
        let ids: Vec<_> = parts.iter().map(|p| p.id.as_deref()).collect();
        assert_eq!(ids, [Some("a"), Some("d")]);
        assert_eq!(errors.len(), 3);
        assert!(errors[0].starts_with("line 2, column "), "{errors:?}");
        assert!(errors[1].starts_with("line 4: "), "{errors:?}");
        assert!(errors[2].starts_with("line 5: "), "{errors:?}");
    }
}
