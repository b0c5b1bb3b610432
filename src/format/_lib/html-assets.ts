/**
 * The HTML report's style sheet. Colours are the Okabe–Ito palette (distinguishable with the
 * common colour-vision deficiencies); every colour has a companion mark (✗, ▲, hatching) and
 * text, so that meaning never rests on colour alone, on screen or on a grey-scale print.
 */
export const HTML_STYLE = `
:root{--ink:#1b1b1b;--muted:#5b5b5b;--line:#c9c9c9;--ok:#0072b2;--ok-bg:#d6e9f5;--bad:#d55e00;--bad-bg:#fbe1cf;--warn:#8a6d00;--warn-bg:#fff1b8;--none:#f2f2f2;--waived:#6b6b6b}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:var(--ink);margin:0 auto;max-width:1400px;padding:16px 24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 6px;border-bottom:2px solid var(--ink);padding-bottom:2px}
p.note{color:var(--muted);margin:4px 0 8px}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:10px 0}
.card{border:1px solid var(--line);border-left:6px solid var(--line);padding:6px 12px;min-width:120px}
.card b{display:block;font-size:24px}.card.e{border-left-color:var(--bad)}.card.w{border-left-color:var(--warn)}.card.s{border-left-color:var(--waived)}.card.n{border-left-color:var(--ok)}
table{border-collapse:collapse;font-size:13px}
th,td{border:1px solid var(--line);padding:2px 6px;text-align:left;vertical-align:top}
thead th{background:#ececec}
.scroll thead th{position:sticky;top:0;z-index:1}
.scroll{overflow:auto;max-height:70vh;border:1px solid var(--line)}
.grid td,.grid th{padding:1px 3px;text-align:center;white-space:nowrap;font-variant-numeric:tabular-nums}
.grid tbody th{text-align:left;position:sticky;left:0;background:#fafafa;font-weight:normal}
.grid tbody tr,.vt tbody tr{content-visibility:auto;contain-intrinsic-size:auto 20px}
td.ok{background:var(--ok-bg)}
td.f{background:var(--bad-bg) repeating-linear-gradient(135deg,transparent 0 4px,rgba(213,94,0,.28) 4px 6px);color:#6e2a00;font-weight:600}
td.z{background:var(--none);color:var(--muted)}
td.w{background:var(--warn-bg)}
.legend{display:flex;gap:14px;flex-wrap:wrap;font-size:12px;margin:4px 0 8px;padding:0;list-style:none}
.legend li{display:flex;align-items:center;gap:4px}.legend .sw{display:inline-block;min-width:26px;padding:0 2px;height:14px;white-space:nowrap;border:1px solid var(--line);font-size:10px;text-align:center;line-height:12px}
.sev{font-weight:600;white-space:nowrap}.sev.error{color:var(--bad)}.sev.warning{color:var(--warn)}.sev.waived{color:var(--waived)}
.filters{display:flex;gap:10px;flex-wrap:wrap;align-items:end;margin:8px 0}
.filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted)}
.filters input,.filters select{font:inherit;padding:2px 4px;min-width:9em}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;text-align:left}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
.vt td.msg{min-width:22em}.vt code,.fp{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
.vt ul{margin:0;padding-left:1.1em}
tr.waived td{color:var(--waived)}
.tl svg{display:block}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
footer{margin-top:32px;color:var(--muted);font-size:12px}
@media print{
  @page{size:A4 portrait;margin:12mm 10mm}
  body{max-width:none;padding:0;font-size:10pt}
  .filters,.no-print{display:none!important}
  .scroll{overflow:visible;max-height:none;border:0}
  .scroll thead th,.grid tbody th{position:static}
  table{font-size:8pt}.grid td,.grid th{padding:0 2px}
  .grid tbody tr,.vt tbody tr{content-visibility:visible}
  h2{break-after:avoid}tr,.card{break-inside:avoid}section{break-before:auto}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  a{color:inherit;text-decoration:none}
}
`;

/**
 * The violations table's filter and sort, over the rows already in the page (the report reads
 * without it). At most `limit` matching rows are shown (a layout of tens of thousands of rows
 * takes seconds); scrolling to the end of the table shows the next batch. Rows beyond the first
 * batch wait in inert `<template>`s (parsed, never laid out) until the first filter, sort,
 * scroll to the end or print.
 */
export const HTML_SCRIPT = `
(function(){
  var table=document.getElementById('violations');if(!table)return;
  var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows),texts=null;
  var batch=rows.length||1,limit=batch,templates=Array.prototype.slice.call(document.querySelectorAll('template.vrows'));
  var f={rule:document.getElementById('f-rule'),severity:document.getElementById('f-severity'),officer:document.getElementById('f-officer'),community:document.getElementById('f-community'),text:document.getElementById('f-text')};
  var shown=document.getElementById('f-count'),more=document.getElementById('violations-more'),moreCount=document.getElementById('violations-more-count');
  function all(){templates.forEach(function(t){rows=rows.concat(Array.prototype.slice.call(t.content.children));body.appendChild(t.content);t.parentNode.removeChild(t);});if(templates.length)texts=null;templates=[];}
  function has(list,value){return (' '+list+' ').indexOf(' '+value+' ')>=0;}
  function apply(){
    all();
    if(!texts)texts=rows.map(function(r){return r.textContent.toLowerCase();});
    var rule=f.rule.value,sev=f.severity.value,off=f.officer.value.trim(),com=f.community.value.trim(),q=f.text.value.trim().toLowerCase(),n=0;
    for(var i=0;i<rows.length;i++){var r=rows[i],d=r.dataset;
      var ok=(!rule||d.rule===rule)&&(!sev||d.severity===sev)&&(!off||has(d.officers,off))&&(!com||has(d.communities,com))&&(!q||texts[i].indexOf(q)>=0);
      if(ok)n++;r.hidden=!(ok&&n<=limit);}
    shown.textContent=String(n);
    if(more){more.hidden=n<=limit;if(moreCount)moreCount.textContent=String(n-limit);}
  }
  function filter(){limit=batch;apply();}
  ['rule','severity'].forEach(function(k){f[k].addEventListener('change',filter);});
  ['officer','community','text'].forEach(function(k){f[k].addEventListener('input',filter);});
  if(more&&window.IntersectionObserver){new IntersectionObserver(function(es){if(es[0].isIntersecting&&!more.hidden){limit+=batch*4;apply();}},{root:more.parentNode,rootMargin:'200px'}).observe(more);}
  var saved;
  window.addEventListener('beforeprint',function(){saved=limit;limit=Infinity;apply();});
  window.addEventListener('afterprint',function(){if(saved!==undefined){limit=saved;apply();}});
  var heads=table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads,function(th,col){var b=th.querySelector('button');if(!b)return;
    b.addEventListener('click',function(){
      all();
      var dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
      Array.prototype.forEach.call(heads,function(h){h.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',dir>0?'ascending':'descending');
      var keyed=rows.map(function(r,i){var c=r.cells[col];return {r:r,i:i,k:c.getAttribute('data-sort')||c.textContent};});
      keyed.sort(function(a,b){return a.k<b.k?-dir:a.k>b.k?dir:a.i-b.i;});
      rows=keyed.map(function(x){return x.r;});texts=null;
      var frag=document.createDocumentFragment();rows.forEach(function(r){frag.appendChild(r);});body.appendChild(frag);
      apply();
    });});
})();
`;
