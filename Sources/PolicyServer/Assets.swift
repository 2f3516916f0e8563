/// The page's own style and script, served from /static (no CDN, no inline script).
enum Assets {
    /// The style sheet served: the rules below and the heat map's shades.
    static let stylesheet = css + CodebookPage.shadeRules + "\n"

    static let css = #"""
:root {
  --ink: #1f2328; --muted: #5b636d; --line: #d9dde3; --accent: #a3311f; --accent-soft: #f6e7e3;
  --bg: #fbfaf7; --card: #ffffff; --mark: #ffe58a; --current: #2f6fd0;
}
* { box-sizing: border-box; }
html { font-size: 16px; }
body {
  margin: 0; background: var(--bg); color: var(--ink); line-height: 1.7;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
}
a { color: #1f5fae; text-decoration: none; }
a:hover, a:focus { text-decoration: underline; }
header.top {
  display: flex; align-items: center; gap: 1rem; flex-wrap: wrap;
  padding: .7rem 1.5rem; background: var(--card); border-bottom: 3px solid var(--accent);
  position: sticky; top: 0; z-index: 5;
}
.brand { font-weight: 700; font-size: 1.15rem; color: var(--accent); white-space: nowrap; }
form.search { display: flex; flex: 1; min-width: 14rem; max-width: 46rem; }
form.search input[type=search] {
  flex: 1; min-width: 0; font: inherit; padding: .45rem .7rem; border: 1px solid #b9c0c9; border-right: 0;
  border-radius: 4px 0 0 4px; background: #fff;
}
form.search input[type=search]:focus { outline: 2px solid var(--current); outline-offset: -1px; }
form.search button {
  font: inherit; padding: .45rem 1.1rem; border: 1px solid var(--accent); background: var(--accent); color: #fff;
  border-radius: 0 4px 4px 0; cursor: pointer;
}
main { max-width: 76rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
.intro { max-width: 46rem; }
.intro code, .syntax code { background: #eef0f3; padding: .05rem .35rem; border-radius: 3px; }
.summary { display: flex; flex-wrap: wrap; align-items: center; gap: .6rem 1.2rem; margin: .3rem 0 1rem; }
.totals { margin: 0; font-size: 1.05rem; }
.totals strong { color: var(--accent); }
.modes a { padding: .15rem .6rem; border: 1px solid var(--line); border-radius: 999px; margin-right: .2rem; color: var(--ink); }
.modes a[aria-current] { background: var(--ink); color: #fff; border-color: var(--ink); }
.download { font-size: .92rem; }
.layout { display: grid; grid-template-columns: 15rem minmax(0, 1fr); gap: 1.6rem; align-items: start; }
.facets { font-size: .92rem; position: sticky; top: 4.5rem; max-height: calc(100vh - 5rem); overflow-y: auto; }
.facet h3 { font-size: .85rem; color: var(--muted); margin: .8rem 0 .3rem; letter-spacing: .05em; }
.facet ul { list-style: none; margin: 0; padding: 0; }
.facet li a { display: flex; justify-content: space-between; gap: .5rem; padding: .12rem .45rem; border-radius: 4px; color: var(--ink); }
.facet li a:hover { background: #eef0f3; text-decoration: none; }
.facet li .value { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.facet li .n { color: var(--muted); font-variant-numeric: tabular-nums; }
.facet li.active a { background: var(--accent-soft); color: var(--accent); font-weight: 600; }
ol.hits, ol.documents { list-style: none; margin: 0; padding: 0; }
.result { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; margin-bottom: .8rem; }
.result.current { border-color: var(--current); box-shadow: 0 0 0 2px rgba(47, 111, 208, .25); }
.result h2 { font-size: 1.05rem; margin: 0 0 .15rem; line-height: 1.45; }
.result .count { font-size: .85rem; font-weight: normal; color: var(--accent); margin-left: .4rem; }
.meta, .section, .where { margin: 0; font-size: .85rem; color: var(--muted); }
.section { color: #6b4f1d; }
.passage { margin: .4rem 0; }
.where { display: flex; justify-content: space-between; gap: 1rem; flex-wrap: wrap; }
.where .file { font-family: ui-monospace, "Noto Sans Mono CJK SC", monospace; font-size: .8rem; word-break: break-all; }
.line { font-size: .8rem; color: var(--muted); margin-right: .3rem; }
mark { background: var(--mark); color: inherit; padding: 0 .05em; border-radius: 2px; }
.paging { display: flex; gap: 1rem; align-items: center; justify-content: center; margin: 1.2rem 0; }
.paging a { padding: .3rem .9rem; border: 1px solid var(--line); border-radius: 4px; background: var(--card); }
.empty { font-size: 1.05rem; }
.suggestion { background: var(--accent-soft); padding: .6rem .9rem; border-radius: 6px; }
.document { max-width: 50rem; margin: 0 auto; }
.crumbs { display: flex; gap: 1.2rem; font-size: .92rem; margin-bottom: .4rem; }
.document h1 { font-size: 1.45rem; line-height: 1.45; margin: .4rem 0 .8rem; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; font-size: .9rem; margin: 0 0 1rem; }
dl.fields dt { color: var(--muted); }
dl.fields dd { margin: 0; word-break: break-all; }
.hit-summary { background: var(--accent-soft); padding: .5rem .8rem; border-radius: 6px; font-size: .95rem; }
.outline { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .3rem 1rem .6rem; margin: 1rem 0; font-size: .9rem; }
.outline h2 { font-size: .9rem; color: var(--muted); margin: .4rem 0; }
.outline ul { list-style: none; margin: 0; padding: 0; max-height: 16rem; overflow-y: auto; }
.citations details { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .3rem 1rem .6rem; margin: 1rem 0; font-size: .9rem; }
.citations summary { cursor: pointer; color: var(--muted); margin: .3rem 0; }
.citations ul { list-style: none; margin: 0; padding: 0; max-height: 16rem; overflow-y: auto; }
.citations li { padding: .15rem 0; border-bottom: 1px dotted var(--line); }
.citations .external { color: var(--ink); }
.citations .articles, .citations .facts, .citations .lines { color: var(--muted); font-size: .85rem; }
.outline .depth1 { padding-left: 1.2rem; } .outline .depth2 { padding-left: 2.4rem; } .outline .depth3 { padding-left: 3.6rem; }
.text { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.4rem 1rem 3.6rem; }
.para { position: relative; margin: 0 0 .7rem; text-align: justify; scroll-margin-top: 5rem; }
.para .ln { position: absolute; left: -3rem; width: 2.5rem; text-align: right; font-size: .75rem; color: #a0a7b0; top: .2rem; }
.para.hit { background: #fffbe8; box-shadow: -.6rem 0 0 #fffbe8, .6rem 0 0 #fffbe8; }
.para.hit.current { background: #eaf2ff; box-shadow: -.6rem 0 0 #eaf2ff, .6rem 0 0 #eaf2ff; outline: 2px solid var(--current); outline-offset: .15rem; border-radius: 2px; }
.para.heading { font-weight: 700; margin-top: 1.1rem; }
.para.h1 { font-size: 1.2rem; } .para.h2 { font-size: 1.08rem; } .para.h3, .para.h4 { font-size: 1rem; }
.para:target { background: #eaf2ff; }
.page-break { text-align: center; color: var(--muted); font-size: .8rem; margin: 1rem 0 .7rem; border-top: 1px dashed var(--line); padding-top: .2rem; }
.hit-nav { margin-left: .4rem; white-space: nowrap; }
.hit-nav a { font-size: .8rem; padding: 0 .25rem; color: var(--muted); }
.error { max-width: 40rem; }
.error .message { background: var(--accent-soft); padding: .6rem .9rem; border-radius: 6px; font-family: ui-monospace, monospace; }
footer.keys { text-align: center; color: var(--muted); font-size: .8rem; padding: 1rem; }
kbd { border: 1px solid #c4c9d0; border-bottom-width: 2px; border-radius: 3px; padding: 0 .3rem; font-size: .75rem; background: #fff; }
.opens { font-size: .85rem; color: #6b4f1d; margin: .1rem 0 .3rem; }
.identical { font-size: .85rem; color: var(--muted); margin: .2rem 0 .3rem; }
.identical summary { cursor: pointer; }
.identical p { margin: .2rem 0 0; word-break: break-all; }
.views { display: flex; gap: .3rem; margin: .2rem 0 .8rem; border-bottom: 1px solid var(--line); }
.views a { padding: .3rem .9rem; color: var(--muted); border-bottom: 3px solid transparent; margin-bottom: -1px; }
.views a[aria-current] { color: var(--accent); border-bottom-color: var(--accent); font-weight: 600; }
.view-form { display: flex; flex-wrap: wrap; gap: .6rem 1.1rem; align-items: flex-end; background: var(--card);
             border: 1px solid var(--line); border-radius: 6px; padding: .7rem 1rem; margin-bottom: .8rem; font-size: .92rem; }
.view-form label { display: flex; flex-direction: column; gap: .15rem; color: var(--muted); }
.view-form label:has(input[type=checkbox]) { flex-direction: row; align-items: center; gap: .35rem; color: var(--ink); }
.view-form .wide { flex: 1 1 20rem; }
.view-form input, .view-form select, .view-form textarea { font: inherit; padding: .3rem .5rem; border: 1px solid #b9c0c9; border-radius: 4px; background: #fff; color: var(--ink); }
.view-form input[type=number] { width: 5.5rem; }
.view-form textarea { resize: vertical; line-height: 1.5; }
.view-form button { font: inherit; padding: .35rem 1.2rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; }
.filters-line { font-size: .88rem; color: var(--accent); margin: -.3rem 0 .8rem; }
.intro-line { color: var(--muted); }
.kwic-scroll, .table-scroll { overflow-x: auto; background: var(--card); border: 1px solid var(--line); border-radius: 6px; }
table.kwic { border-collapse: collapse; width: 100%; font-size: .95rem; }
table.kwic th { font-size: .8rem; color: var(--muted); font-weight: normal; padding: .3rem .5rem; border-bottom: 1px solid var(--line); }
table.kwic td { padding: .22rem .5rem; white-space: nowrap; border-bottom: 1px solid #f0f1f3; }
table.kwic td.left { text-align: right; max-width: 24rem; overflow: hidden; text-overflow: ellipsis; direction: rtl; unicode-bidi: plaintext; }
table.kwic th.left { text-align: right; }
table.kwic td.match { text-align: center; font-weight: 600; }
table.kwic td.right { max-width: 24rem; overflow: hidden; text-overflow: ellipsis; }
table.kwic td.n { color: #a0a7b0; font-size: .75rem; text-align: right; }
table.kwic td.source { font-size: .82rem; max-width: 16rem; overflow: hidden; text-overflow: ellipsis; }
table.kwic tr.current td { background: #eaf2ff; }
.chart-box { margin: 0 0 1rem; background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .8rem; overflow-x: auto; }
.chart-box figcaption { font-size: .82rem; color: var(--muted); margin-top: .3rem; }
svg.chart { max-width: 100%; height: auto; font-size: 13px; }
svg.chart text { fill: var(--ink); }
svg.chart text.axis { fill: var(--muted); font-size: 11px; }
svg.chart text.value { font-variant-numeric: tabular-nums; font-size: 12px; }
svg.chart text.value.light { fill: #fff; }
svg.chart text.query { font-weight: 600; }
svg.chart rect.track { fill: #eef0f3; }
svg.chart rect.bar { fill: var(--accent); }
svg.chart a:hover rect.bar { fill: #7d2416; }
svg.chart a:hover rect.cell { stroke: var(--current); stroke-width: 2; }
table.tally { border-collapse: collapse; font-size: .9rem; min-width: 100%; }
table.tally th, table.tally td { padding: .25rem .6rem; border-bottom: 1px solid #eef0f3; white-space: nowrap; }
table.tally thead th { font-size: .8rem; color: var(--muted); font-weight: normal; border-bottom: 1px solid var(--line); }
table.tally thead th.query { color: var(--ink); font-weight: 600; border-left: 1px solid var(--line); }
table.tally tbody th { text-align: left; font-weight: normal; max-width: 22rem; overflow: hidden; text-overflow: ellipsis; }
table.tally .num { text-align: right; font-variant-numeric: tabular-nums; }
table.tally td.share { color: var(--muted); }
table.tally tr.total { font-weight: 700; border-top: 2px solid var(--line); }
header.top nav.tools { display: flex; gap: .8rem; margin-left: auto; font-size: .9rem; }
header.top nav.tools a { color: inherit; opacity: .85; }
.page-title { font-size: 1.3rem; margin: .3rem 0 .6rem; }
.code-form { flex-wrap: wrap; }
.code-form textarea { font-family: ui-monospace, monospace; font-size: .85rem; }
table.heat-table { border-collapse: separate; border-spacing: 2px; font-size: .85rem; }
table.heat-table thead th { font-weight: normal; color: var(--muted); font-size: .8rem; padding: .2rem .3rem; vertical-align: bottom; }
table.heat-table thead th.theme { width: 3.4em; min-width: 3.4em; white-space: normal; line-height: 1.2; text-align: center; color: var(--ink); font-size: .78rem; }
table.heat-table tbody th { text-align: left; font-weight: normal; max-width: 20rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; padding-right: .5rem; }
table.heat-table td.cell { min-width: 2.4rem; height: 1.6rem; text-align: center; border-radius: 3px; font-variant-numeric: tabular-nums; }
table.heat-table td.cell a { display: block; color: var(--ink); text-decoration: none; }
table.heat-table td.cell.light a { color: #fff; }
table.heat-table td.cell a:hover, table.heat-table td.cell a:focus { outline: 2px solid var(--ink); }
table.heat-table td.empty { color: #c9ccd1; background: #fbfaf7; }
table.heat-table td.num { text-align: right; color: var(--muted); }
table.cooccurrence td.diagonal { color: var(--muted); }
section.evidence { border: 1px solid var(--line); border-radius: 6px; padding: .4rem 1rem; margin: 1rem 0; background: #fff; }
section.evidence h2 { font-size: 1.05rem; }
section.evidence .terms, p.note { color: var(--muted); font-size: .85rem; }
@media (max-width: 760px) {
  header.top { padding: .5rem .8rem; gap: .5rem; }
  main { padding: .8rem; }
  .layout { display: flex; flex-direction: column; gap: .6rem; }
  .facets { order: 2; position: static; max-height: none; display: flex; flex-wrap: wrap; gap: 0 1rem;
            border-top: 1px solid var(--line); padding-top: .4rem; }
  .facets::before { content: "筛选"; flex-basis: 100%; font-weight: 700; color: var(--muted); }
  .facet { flex: 1 1 9rem; }
  .facet ul { max-height: 8.5rem; overflow-y: auto; }
  .text { padding: .8rem .8rem .8rem 2.6rem; }
  .para .ln { left: -2.3rem; width: 2rem; }
  footer.keys { display: none; }
}
"""#

    static let javascript = #"""
// policy-search web app: keyboard navigation. The pages work without it.
(function () {
  "use strict";
  var results = Array.prototype.slice.call(document.querySelectorAll(".result"));
  var hits = Array.prototype.slice.call(document.querySelectorAll(".para.hit"));
  var current = -1;

  function select(list, index) {
    if (!list.length) return;
    index = Math.max(0, Math.min(list.length - 1, index));
    list.forEach(function (item) { item.classList.remove("current"); });
    list[index].classList.add("current");
    list[index].scrollIntoView({ block: "center" });
    current = index;
  }

  // On a document page, the hit in the address (#L…) is the current one.
  if (hits.length) {
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    var start = target ? hits.indexOf(target) : -1;
    if (start >= 0) { current = start; target.classList.add("current"); }
  }

  function moveHit(step) {
    if (!hits.length) return;
    var next = current < 0 ? (step > 0 ? 0 : hits.length - 1) : current + step;
    if (next < 0 || next >= hits.length) return;
    select(hits, next);
    if (hits[next].id) history.replaceState(null, "", "#" + hits[next].id);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var tag = event.target && event.target.tagName;
    var typing = tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
    if (typing) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    switch (event.key) {
      case "/":
        var box = document.getElementById("q");
        if (box) { event.preventDefault(); box.focus(); box.select(); }
        break;
      case "j": select(results, current + 1); break;
      case "k": select(results, current - 1); break;
      case "Enter":
        if (current >= 0 && results[current]) {
          var link = results[current].querySelector("a.open");
          if (link) { event.preventDefault(); location.href = link.href; }
        }
        break;
      case "n": moveHit(1); break;
      case "p": moveHit(-1); break;
      case "u":
        var back = document.getElementById("back");
        if (back) location.href = back.href;
        break;
    }
  });
})();
"""#
}
