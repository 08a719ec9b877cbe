//! render: [`FileOutcome`]s → text for people ([`human`]) or JSON for tools
//! ([`json`]).
//!
//! Both renderers read the same outcomes and count them the same way
//! (`tally`), so the summary a person reads and the one a tool parses never
//! disagree. Byte spans become (line, character column) only through
//! [`crate::span::LineIndex`]: directly for JSON, and through
//! `source_text::ReportSource` for miette's `[file:line:column]` header.
//! Renderers return strings; printing is the CLI's job.
//!
//! [`FileOutcome`]: crate::lint::FileOutcome

mod diagnostic;
mod github;
mod html;
mod human;
mod json;
mod sarif;
mod source_text;
mod tally;

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::string_slice, reason = "tests may panic by design")]
mod fixture;

pub use github::{github, github_file};
/// The page's one escape, for the server's pages around it.
#[cfg(feature = "serve")]
pub(crate) use html::escape as escape_html;
pub use html::{HtmlPage, html};
pub use human::{HumanOptions, human, human_file, human_summary};
pub use json::{JsonOptions, JsonStream, json, json_file};
pub use sarif::{SarifFile, sarif, sarif_file, sarif_log};
pub use tally::Tally;
