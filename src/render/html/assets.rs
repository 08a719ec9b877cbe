//! assets: the page's stylesheet and script, inlined so that the page is one
//! file that needs no network.
//!
//! The script does two things. For the reader: clicking a highlight opens its
//! note, and pointing at or opening a note lights up the figures it names.
//! For tests: on load it checks every finding's highlight (its pieces'
//! joined text equals `data-text`, each piece has a size on screen, and the
//! text before it in the piece of text it is drawn in, counted from where
//! that piece starts in the report (`data-at-line`/`data-at-column`), puts
//! it at `data-line`/`data-column`) and writes the
//! verdict as JSON into `#reportlint-selfcheck`:
//! `{"marks": N, "ok": N, "bad": [finding numbers], "cells": [finding
//! numbers]}`, `cells` being the findings whose highlight is in a table cell.

pub(super) const STYLE: &str = r#"
:root { --error: #c62828; --warning: #e08a00; --info: #1e6bb8; --line: #d9dde3; --muted: #5f6b7a; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2933; background: #f5f6f8; }
header, main, footer { max-width: 1280px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0 0 12px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 16px 20px; margin: 16px 0; }
table.summary { border-collapse: collapse; width: 100%; }
.summary th { white-space: nowrap; }
.summary th, .summary td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
.summary td.count, .summary th.count { text-align: right; font-variant-numeric: tabular-nums; }
.summary tfoot td { font-weight: bold; border-bottom: none; }
.unreadable { color: var(--error); }
.muted, .meta { color: var(--muted); }
svg.chart { max-width: 100%; height: auto; font-size: 13px; }
svg.chart text { fill: #1f2933; }
.report-body { display: grid; grid-template-columns: minmax(0, 3fr) minmax(280px, 2fr); gap: 20px; align-items: start; }
@media (max-width: 900px) { .report-body { grid-template-columns: 1fr; } }
.doc { min-width: 0; padding: 12px; background: #fbfbfc; border: 1px solid var(--line); border-radius: 4px; }
pre.text { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; font: 14px/1.75 "Noto Sans Mono CJK SC", "Noto Sans CJK SC", monospace; }
figure.table { margin: 6px 0 10px 4em; }
figure.table figcaption { font-size: 13px; color: var(--muted); margin-bottom: 4px; }
.scroll { overflow-x: auto; margin-bottom: 8px; }
table.grid { border-collapse: collapse; background: #fff; font-size: 13px; line-height: 1.5; }
table.grid caption { caption-side: top; text-align: left; font-weight: 600; padding: 2px 0 4px; }
.grid th, .grid td { min-width: calc(2em + 18px); border: 1px solid #c3cad4; padding: 3px 8px; vertical-align: top; text-align: left; white-space: pre-wrap; overflow-wrap: anywhere; max-width: 24em; }
.grid th { background: #eef1f5; font-weight: 600; }
.grid thead th { min-width: calc(4em + 18px); }
.grid td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.grid .again, .grid th.name { color: var(--muted); }
.grid th.name { font-style: italic; }
.rest-title { margin: 4px 0 2px; font-size: 12px; color: var(--muted); }
.rest .line { padding-left: 4em; text-indent: -4em; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 13px; line-height: 1.6; color: #364350; }
.ln::before { content: attr(data-n); display: inline-block; width: 3.2em; margin-right: 0.8em; text-align: right; color: #a0a8b3; user-select: none; }
mark { border-radius: 2px; padding: 1px 0; cursor: pointer; color: inherit; }
mark.error { background: #fde0e0; box-shadow: inset 0 -2px var(--error); }
mark.warning { background: #fff1d6; box-shadow: inset 0 -2px var(--warning); }
mark.info { background: #e3eefb; box-shadow: inset 0 -2px var(--info); }
mark.empty { display: inline-block; width: 3px; height: 1.2em; vertical-align: text-bottom; background: currentColor; }
mark[id]::after { content: attr(data-finding); font-size: 10px; vertical-align: super; margin-left: 1px; color: var(--muted); }
.related { border-bottom: 2px dotted #8a96a3; }
.active { outline: 2px solid #3d4b5c; outline-offset: 1px; }
ol.findings { list-style: none; margin: 0; padding: 0; position: sticky; top: 12px; max-height: calc(100vh - 24px); overflow: auto; }
.findings li.finding { border-left: 4px solid var(--line); padding: 6px 10px; margin-bottom: 10px; background: #fbfbfc; }
.findings li.error { border-left-color: var(--error); }
.findings li.warning { border-left-color: var(--warning); }
.findings li.info { border-left-color: var(--info); }
.findings li:target { background: #eef2f7; }
.findings p { margin: 2px 0; }
.findings .title { font-weight: 600; margin-right: 4px; }
.findings .help { color: #364350; }
.findings ul { margin: 2px 0; padding-left: 18px; font-size: 13px; }
.badge { display: inline-block; font-size: 12px; padding: 0 6px; border-radius: 3px; color: #fff; margin-right: 4px; }
.badge.error { background: var(--error); }
.badge.warning { background: var(--warning); }
.badge.info { background: var(--info); }
code { font-size: 12px; background: #eef0f3; padding: 0 4px; border-radius: 3px; }
footer { color: var(--muted); font-size: 13px; padding-bottom: 24px; }
"#;

pub(super) const SCRIPT: &str = r#"
(function () {
  "use strict";
  function pieces(number) {
    return Array.prototype.slice.call(document.querySelectorAll('mark[data-finding="' + number + '"], .related[data-finding="' + number + '"]'));
  }
  function activate(number) {
    document.querySelectorAll(".active").forEach(function (element) { element.classList.remove("active"); });
    if (number) { pieces(number).forEach(function (element) { element.classList.add("active"); }); }
  }
  function fromHash() {
    var match = /^#note-(\d+)$/.exec(location.hash);
    activate(match ? match[1] : null);
  }
  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest("mark[data-finding]");
    if (mark) { location.hash = "note-" + mark.getAttribute("data-finding"); }
  });
  document.querySelectorAll("li.finding").forEach(function (note) {
    note.addEventListener("mouseenter", function () { activate(note.getAttribute("data-finding")); });
    note.addEventListener("mouseleave", fromHash);
  });
  window.addEventListener("hashchange", fromHash);

  // Where a mark starts, as the renderer counts: 1-based line, column in code
  // points, from the start of the piece of text it is drawn in (a run of
  // lines, a table cell), which says where that piece starts in the report.
  function place(mark) {
    var region = mark.closest("[data-at-line]");
    var range = document.createRange();
    range.setStart(region, 0);
    range.setEnd(mark, 0);
    var lines = range.toString().split("\n");
    var first = lines.length === 1 ? Number(region.getAttribute("data-at-column")) : 1;
    return {
      line: Number(region.getAttribute("data-at-line")) + lines.length - 1,
      column: first + Array.from(lines[lines.length - 1]).length
    };
  }
  function selfCheck() {
    var groups = {}, order = [];
    document.querySelectorAll("mark[data-finding]").forEach(function (mark) {
      var number = mark.getAttribute("data-finding");
      if (!groups[number]) { groups[number] = []; order.push(number); }
      groups[number].push(mark);
    });
    var ok = 0, bad = [], cells = [];
    order.forEach(function (number) {
      var marks = groups[number], first = marks[0];
      var text = marks.map(function (mark) { return mark.textContent; }).join("");
      var visible = marks.every(function (mark) {
        var box = mark.getBoundingClientRect();
        return box.width > 0 && box.height > 0;
      });
      var at = place(first);
      var good = first.id === "f-" + number && text === first.getAttribute("data-text") && visible &&
        at.line === Number(first.getAttribute("data-line")) && at.column === Number(first.getAttribute("data-column"));
      if (good) { ok += 1; } else { bad.push(Number(number)); }
      if (first.closest("td, th")) { cells.push(Number(number)); }
    });
    document.getElementById("reportlint-selfcheck").textContent =
      JSON.stringify({ marks: order.length, ok: ok, bad: bad, cells: cells });
  }
  window.addEventListener("load", function () { selfCheck(); fromHash(); });
})();
"#;
