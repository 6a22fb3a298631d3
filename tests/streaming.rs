//! A plain-text file larger than `mtlint::input::stream::STREAM_FROM` is linted block by
//! block, and every output format reports it exactly as it reports the same file read
//! whole (`--lossy` on a valid file reads it whole and changes nothing else).

use assert_cmd::Command;
use mtlint::input::stream::STREAM_FROM;

fn mtlint() -> Command {
    Command::cargo_bin("mtlint").expect("the binary is built")
}

/// Findings at the start, in the middle (on a CRLF line and a line with accents) and at
/// the very end, between megabytes of blank lines and spaces, which lint fast even in
/// a debug build.
fn large_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.txt");
    let filler = format!("{}\n\n", " ".repeat(60_000));
    let pad = filler.repeat((STREAM_FROM as usize / 2) / filler.len() + 1);
    let text = format!(
        "\u{feff}The talks in the Koursk region resumed.\n\n{pad}\
         Réunion à 14 h 30 with the OTAN, said the minister.\r\n\r\n{pad}\
         A reflection group met 1 200 soldiers in Kharkov"
    );
    assert!(text.len() as u64 > STREAM_FROM);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn a_large_file_is_reported_as_if_read_whole() {
    let (_dir, path) = large_file();
    for format in [
        "json", "human", "concise", "sarif", "github", "gitlab", "jsonl",
    ] {
        let run = |extra: &[&str]| {
            let out = mtlint()
                .args([
                    "check",
                    "--no-config",
                    "--color",
                    "never",
                    "--format",
                    format,
                ])
                .args(extra)
                .arg(&path)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(1), "{format}: findings");
            String::from_utf8(out.stdout).unwrap()
        };
        let streamed = run(&[]);
        let whole = run(&["--lossy"]);
        assert_eq!(streamed, whole, "{format}");
        if format == "json" {
            let v: serde_json::Value = serde_json::from_str(&streamed).unwrap();
            let texts: Vec<&str> = v["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["text"].as_str().unwrap())
                .collect();
            for t in [
                "Koursk",
                "14 h 30",
                "OTAN",
                "reflection group",
                "1 200",
                "Kharkov",
            ] {
                assert!(texts.contains(&t), "{t} in {texts:?}");
            }
        }
    }
}

/// Writes `bytes` to `path`, checks it, and returns stderr of the run (exit status 2).
fn error_on(path: &std::path::Path, bytes: &[u8]) -> String {
    std::fs::write(path, bytes).unwrap();
    let out = mtlint()
        .args(["check", "--no-config"])
        .arg(path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn a_large_binary_or_invalid_file_is_an_error() {
    let (_dir, path) = large_file();
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.len() - 10;
    bytes[at] = 0xff;
    let err = error_on(&path, &bytes);
    assert!(
        err.contains(&format!("invalid UTF-8 at byte {at}")),
        "{err}"
    );
    bytes[100] = 0;
    let err = error_on(&path, &bytes);
    assert!(err.contains("binary file (NUL byte at byte 100)"), "{err}");
}
