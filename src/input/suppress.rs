//! Suppression comments in Markdown, HTML and XML inputs:
//!
//! - `<!-- mtlint-disable-next-line CAL012 NAM -->`: the line after the comment;
//! - `<!-- mtlint-disable-line CAL012 -->`: the line(s) the comment is on;
//! - `<!-- mtlint-disable CAL -->` … `<!-- mtlint-enable CAL -->`: everything between
//!   (to the end of the file when no `enable` follows).
//!
//! Codes are optional (none = every rule); each is a rule code or a prefix of one (`CAL`
//! covers every calque rule), compared without regard to case, separated by spaces or
//! commas. Text after ` -- ` is a free comment (`-- the name is quoted`). `enable` with
//! codes re-enables only those.

use crate::diagnostic::Diagnostic;
use std::ops::Range;

/// A stretch of the file where some rules are silenced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// File bytes covered: a diagnostic that starts here is dropped.
    pub range: Range<usize>,
    /// Rule codes or code prefixes silenced; empty = every rule.
    pub codes: Vec<String>,
    /// Codes or prefixes re-enabled inside `range` (after an `enable` naming them).
    pub except: Vec<String>,
}

impl Suppression {
    /// Whether this suppression silences `d` (its span given in file offsets).
    pub fn covers(&self, d: &Diagnostic) -> bool {
        let at = d.span.start;
        let inside = self.range.contains(&at) || (self.range.is_empty() && at == self.range.start);
        inside
            && (self.codes.is_empty() || matches_any(&self.codes, &d.rule.code))
            && !matches_any(&self.except, &d.rule.code)
    }
}

/// Drops from `diags` (spans in file offsets, sorted by start) those that one of
/// `sups` covers. A sweep over both, so a file with thousands of comments and findings
/// is not checked pair by pair.
pub fn retain_unsuppressed(sups: &[Suppression], diags: &mut Vec<Diagnostic>) {
    if sups.is_empty() {
        return;
    }
    let mut order: Vec<&Suppression> = sups.iter().collect();
    order.sort_by_key(|s| s.range.start);
    let mut next = 0;
    let mut active: Vec<&Suppression> = Vec::new();
    diags.retain(|d| {
        let at = d.span.start;
        while next < order.len() && order[next].range.start <= at {
            active.push(order[next]);
            next += 1;
        }
        active.retain(|s| s.range.end >= at);
        !active.iter().any(|s| s.covers(d))
    });
}

fn matches_any(prefixes: &[String], code: &str) -> bool {
    prefixes.iter().any(|p| {
        code.len() >= p.len() && code.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    })
}

/// What a comment asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Directive {
    NextLine(Vec<String>),
    Line(Vec<String>),
    Disable(Vec<String>),
    Enable(Vec<String>),
}

/// Reads a directive from a comment's text (without `<!--` and `-->`).
fn parse(body: &str) -> Option<Directive> {
    let body = body.trim();
    let body = body.split(" -- ").next().unwrap_or(body);
    let (word, rest) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
    let codes: Vec<String> = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|c| !c.is_empty())
        .map(str::to_ascii_uppercase)
        .collect();
    Some(match word {
        "mtlint-disable-next-line" => Directive::NextLine(codes),
        "mtlint-disable-line" => Directive::Line(codes),
        "mtlint-disable" => Directive::Disable(codes),
        "mtlint-enable" => Directive::Enable(codes),
        _ => return None,
    })
}

/// Collects the directives of a file's comments, in file order, into suppressions.
#[derive(Debug)]
pub struct Collector<'f> {
    file: &'f str,
    done: Vec<Suppression>,
    /// `disable` regions not yet closed: start, codes, exceptions.
    open: Vec<(usize, Vec<String>, Vec<String>)>,
}

impl<'f> Collector<'f> {
    /// A collector for comments of `file` (offsets are into `file`).
    pub fn new(file: &'f str) -> Self {
        Self {
            file,
            done: Vec::new(),
            open: Vec::new(),
        }
    }

    /// Start of the line holding `at`.
    fn line_start(&self, at: usize) -> usize {
        self.file[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    /// End of the line holding `at` (before its line break).
    fn line_end(&self, at: usize) -> usize {
        self.file[at..]
            .find('\n')
            .map_or(self.file.len(), |i| at + i)
    }

    /// Takes note of a comment whose text is `body` and which spans `range` of the file.
    pub fn comment(&mut self, body: &str, range: Range<usize>) {
        let Some(d) = parse(body) else { return };
        match d {
            Directive::NextLine(codes) => {
                let end = self.line_end(range.end);
                if end < self.file.len() {
                    let next = end + 1;
                    self.done.push(Suppression {
                        range: next..self.line_end(next),
                        codes,
                        except: Vec::new(),
                    });
                }
            }
            Directive::Line(codes) => self.done.push(Suppression {
                range: self.line_start(range.start)..self.line_end(range.end),
                codes,
                except: Vec::new(),
            }),
            Directive::Disable(codes) => self.open.push((range.end, codes, Vec::new())),
            Directive::Enable(codes) => {
                for (start, on, except) in std::mem::take(&mut self.open) {
                    self.done.push(Suppression {
                        range: start..range.start,
                        codes: on.clone(),
                        except: except.clone(),
                    });
                    if codes.is_empty() {
                        continue;
                    }
                    // Re-enabling some codes: what else was silenced stays silenced.
                    let rest: Vec<String> = on
                        .iter()
                        .filter(|c| !matches_any(&codes, c))
                        .cloned()
                        .collect();
                    // `enable CAL012` inside `disable CAL` carves CAL012 out.
                    let mut except = except;
                    except.extend(codes.iter().cloned());
                    if on.is_empty() || !rest.is_empty() {
                        self.open.push((range.end, rest, except));
                    }
                }
            }
        }
    }

    /// Every suppression; regions still open run to the end of the file.
    pub fn finish(mut self) -> Vec<Suppression> {
        let end = self.file.len();
        for (start, codes, except) in std::mem::take(&mut self.open) {
            self.done.push(Suppression {
                range: start..end,
                codes,
                except,
            });
        }
        self.done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(file: &str) -> Vec<Suppression> {
        let mut c = Collector::new(file);
        let mut at = 0;
        while let Some(i) = file[at..].find("<!--") {
            let start = at + i;
            let end = start + file[start..].find("-->").unwrap() + 3;
            c.comment(&file[start + 4..end - 3], start..end);
            at = end;
        }
        c.finish()
    }

    #[test]
    fn next_line_covers_the_following_line_only() {
        let file = "<!-- mtlint-disable-next-line cal012, nam -->\nOTAN here\nOTAN there\n";
        let s = collect(file);
        assert_eq!(s.len(), 1);
        assert_eq!(&file[s[0].range.clone()], "OTAN here");
        assert_eq!(s[0].codes, ["CAL012", "NAM"]);
    }

    #[test]
    fn disable_enable_and_partial_enable() {
        let file = "a <!-- mtlint-disable -->b<!-- mtlint-enable ACR -->c<!-- mtlint-enable -->d";
        let s = collect(file);
        assert_eq!(s.len(), 2);
        assert_eq!(&file[s[0].range.clone()], "b");
        assert!(s[0].codes.is_empty() && s[0].except.is_empty());
        assert_eq!(&file[s[1].range.clone()], "c");
        assert_eq!(s[1].except, ["ACR"]);
    }

    #[test]
    fn unknown_comments_and_reasons() {
        assert_eq!(parse(" just a note "), None);
        assert_eq!(
            parse("mtlint-disable-line LOC -- quoted verbatim"),
            Some(Directive::Line(vec!["LOC".into()]))
        );
        assert!(matches_any(&["cal".into()], "CAL012"));
        assert!(!matches_any(&["CAL0120".into()], "CAL012"));
    }
}
