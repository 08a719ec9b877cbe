//! reportlint: a rules-as-data linter for Chinese government performance
//! self-evaluation reports (部门/项目支出绩效自评报告 and their 自评表).
//!
//! The modules are the pipeline, in order:
//!
//! ```text
//! file ─▶ source::load ─▶ Document ─▶ report::parse ─▶ Report ─▶ extract ─▶ Facts ─▶ eval ─▶ Findings ─▶ render
//!                                                                  ▲                 ▲
//! rules/*.yaml ─▶ rules::load (expr::parse for every expression) ─▶ RuleSet ──────────┘
//! ```
//!
//! Data flows one way and no stage reaches back. The library returns data
//! and never prints; the binary (`src/main.rs`, `cli`) prints and exits.
//! [`lint::Linter`] runs the whole pipeline for one file.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod span;
pub mod terminal;

pub mod source;

pub mod report;

pub mod expr;
pub mod rules;

pub mod extract;

pub mod eval;

pub mod finding;

pub mod render;

pub mod examples;
pub mod lint;

pub mod baseline;

pub mod annotate;

#[cfg(feature = "serve")]
pub mod serve;
