//! `--format jsonl`: one JSON object per diagnostic per line, each the same object as in
//! the `json` format's `diagnostics` array. Suits streaming consumers and `grep`.

use super::{FileReport, json};
use std::io::Write;

/// Writes one line per diagnostic, in path then span order.
pub fn write(out: &mut impl Write, reports: &[FileReport]) -> std::io::Result<()> {
    for f in reports {
        for d in json::file_diagnostics(f) {
            serde_json::to_writer(&mut *out, &d)?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}
