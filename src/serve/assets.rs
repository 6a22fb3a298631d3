//! The review page: an HTML shell rendered once with the server's settings, one script
//! and one stylesheet, all embedded in the binary (the page needs no network and no
//! files beside the executable).

use super::AppState;
use super::review::Reviewer;
use crate::config::SOURCE_LANGS;
use crate::output::html::escape;
use crate::rules::schema::House;
use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse};

/// The page's shell; `{{NAME}}` marks are filled in by [`page`].
const SHELL: &str = include_str!("assets/index.html");
/// The page's behaviour: plain JavaScript, no framework, no build step.
const SCRIPT: &str = include_str!("assets/app.js");
/// The page's look.
const STYLE: &str = include_str!("assets/style.css");

/// The HTML of the review page for `reviewer`'s settings: the source-language and
/// style menus start on "as configured", naming what that is.
pub fn page(reviewer: &Reviewer) -> String {
    let profile = reviewer.default_profile();
    let configured_lang = profile.source_lang.map_or("all languages", |l| l.name());
    let mut langs = format!(
        "<option value=\"\">As configured ({})</option><option value=\"any\">Any language</option>",
        escape(configured_lang)
    );
    for l in SOURCE_LANGS {
        langs.push_str(&format!(
            "<option value=\"{}\">{}</option>",
            l.code(),
            escape(l.name())
        ));
    }
    let configured_style = match profile.style {
        Some(House::Ap) => "AP",
        Some(House::Reuters) => "Reuters",
        None => "none",
    };
    let styles = format!(
        "<option value=\"\">As configured ({configured_style})</option>\
         <option value=\"ap\">AP</option><option value=\"reuters\">Reuters</option>"
    );
    let config = match reviewer.config_file() {
        Some(p) => format!(
            "Configuration: <code>{}</code>",
            escape(&p.display().to_string())
        ),
        None => "No mtlint.toml here: built-in settings".to_string(),
    };
    let rules = profile.linter.rules().len();
    SHELL
        .replace("{{SOURCE_OPTIONS}}", &langs)
        .replace("{{STYLE_OPTIONS}}", &styles)
        .replace("{{CONFIG}}", &config)
        .replace("{{RULES}}", &rules.to_string())
        .replace("{{VERSION}}", env!("CARGO_PKG_VERSION"))
}

/// `GET /`.
pub async fn index(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(header::CACHE_CONTROL, "no-cache")],
        Html(state.page.to_string()),
    )
}

/// `GET /app.js`.
pub async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        SCRIPT,
    )
}

/// `GET /style.css`.
pub async fn style() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        STYLE,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<a href="x">O'Neil & co</a>"#),
            "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;"
        );
    }

    #[test]
    fn the_shell_has_every_mark_filled() {
        let r = Reviewer::new(
            crate::config::ConfigSource::None,
            crate::config::CliSettings::default(),
        )
        .expect("built-in rules load");
        let html = page(&r);
        assert!(!html.contains("{{"), "unfilled mark in the page");
        assert!(html.contains("<script src=\"/app.js\""));
        assert!(html.contains("<option value=\"fr\">French</option>"));
    }
}
