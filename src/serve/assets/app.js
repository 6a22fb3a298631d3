// The review page of `mtlint serve`: paste or open a draft, see its findings in the text,
// accept or dismiss each one, take the corrected text away. Plain JavaScript: the server
// does the linting and the fixing (POST /api/check, POST /api/fix); this script keeps the
// text, the findings, the editor's dismissals and the selection, and draws them.
'use strict';

const $ = (id) => document.getElementById(id);
const els = {
  draft: $('draft'),
  review: $('review'),
  status: $('status'),
  summary: $('summary'),
  legend: $('legend'),
  findings: $('findings'),
  check: $('check'),
  edit: $('edit'),
  file: $('file'),
  acceptSafe: $('accept-safe'),
  copy: $('copy'),
  download: $('download'),
  sourceLang: $('source-lang'),
  style: $('style'),
  format: $('format'),
};

const KIND_NAMES = { 'false-friend': 'false friend' };
const APPLICABILITY = {
  safe: 'Safe fix: right wherever the rule fires.',
  unsafe: 'Likely fix: check it reads right here.',
  'display-only': 'No automatic fix: rewrite by hand, or dismiss.',
};
const LANG_NAMES = {
  fr: 'French', de: 'German', es: 'Spanish', it: 'Italian', pt: 'Portuguese',
  pl: 'Polish', nl: 'Dutch', ru: 'Russian',
};

const state = {
  // The text the findings refer to: the last one checked or fixed.
  text: '',
  // Every finding of `text`, in span order, with `from`/`to` (string indices) and `key`.
  findings: [],
  // Keys of the findings the editor dismissed; they stay dismissed across re-checks.
  dismissed: new Set(),
  selected: null,
  // Where the last accepted suggestions now stand in `text`, to show what changed.
  fixed: [],
  accepted: 0,
  fileName: null,
  reviewing: false,
  busy: false,
};

// ---- Server ----

async function api(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  let data = null;
  try {
    data = await res.json();
  } catch {
    // Not JSON: only a proxy or a dead server answers so.
  }
  if (!res.ok || data === null) {
    throw new Error((data && data.error) || `${res.status} ${res.statusText}`);
  }
  return data;
}

function settings() {
  const s = { format: els.format.value };
  if (els.sourceLang.value) s.source_lang = els.sourceLang.value;
  if (els.style.value) s.style = els.style.value;
  return s;
}

// ---- Findings ----

// Spans are byte offsets into the UTF-8 text; the page works in string (UTF-16) indices.
// One walk over the text converts every offset asked for.
function byteToIndex(text, offsets) {
  const wanted = [...new Set(offsets)].sort((a, b) => a - b);
  const map = new Map();
  let byte = 0;
  let i = 0;
  for (const off of wanted) {
    while (byte < off && i < text.length) {
      const cp = text.codePointAt(i);
      byte += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      i += cp > 0xffff ? 2 : 1;
    }
    map.set(off, i);
  }
  return map;
}

// A finding's key names it across re-checks, where offsets move: its rule, its text,
// and which occurrence of that pair it is.
function load(text, diagnostics) {
  const map = byteToIndex(text, diagnostics.flatMap((d) => [d.span.start, d.span.end]));
  const seen = new Map();
  state.text = text;
  state.findings = diagnostics.map((d) => {
    const id = JSON.stringify([d.rule, d.text]);
    const n = (seen.get(id) || 0) + 1;
    seen.set(id, n);
    const key = JSON.stringify([d.rule, d.text, n]);
    return { ...d, from: map.get(d.span.start), to: map.get(d.span.end), key };
  });
}

const visible = () => state.findings.filter((f) => !state.dismissed.has(f.key));
const byKey = (key) => state.findings.find((f) => f.key === key);

// ---- Drawing ----

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v);
  }
  e.append(...children.filter((c) => c !== null && c !== undefined));
  return e;
}

const kindName = (k) => KIND_NAMES[k] || k;

function renderText(list) {
  const frag = document.createDocumentFragment();
  const items = [...list, ...state.fixed.map((r) => ({ ...r, fixed: true }))].sort((a, b) => a.from - b.from);
  let pos = 0;
  for (const f of items) {
    // Findings do not overlap by contract; should two ever do, the later one is listed
    // but not drawn over the first. A fixed stretch gives way to a finding in it.
    if (f.from < pos) continue;
    frag.append(state.text.slice(pos, f.from));
    if (f.fixed) {
      frag.append(el('span', { class: 'fixed', title: 'Accepted' }, state.text.slice(f.from, f.to)));
      pos = f.to;
      continue;
    }
    const mark = el(
      'mark',
      {
        class: `finding k-${f.kind} sev-${f.severity}${f.from === f.to ? ' empty' : ''}`,
        dataset: { key: f.key, rule: f.rule, start: String(f.span.start) },
        title: `${f.rule}: ${f.message}`,
      },
      state.text.slice(f.from, f.to),
    );
    frag.append(mark);
    pos = f.to;
  }
  frag.append(state.text.slice(pos));
  els.review.replaceChildren(frag);
}

function renderCard(f) {
  const first = f.suggestions[0];
  const head = el(
    'button',
    { type: 'button', class: 'card-head', 'aria-label': `${f.rule} ${f.text}` },
    el(
      'span',
      { class: 'meta' },
      el('span', { class: 'chip' }, kindName(f.kind)),
      el('span', { class: 'rule' }, f.rule),
      el('span', { class: `sev sev-${f.severity}` }, f.severity),
      el('span', { class: 'line' }, `line ${f.start.line}`),
    ),
    el(
      'span',
      { class: 'change' },
      el('span', { class: 'from' }, f.text || '‸'),
      first !== undefined ? el('span', { class: 'arrow', 'aria-hidden': 'true' }, '→') : null,
      first !== undefined ? el('span', { class: 'to' }, first || '(delete)') : null,
    ),
  );
  const actions = el('div', { class: 'actions' });
  f.suggestions.forEach((s, i) => {
    const label = i === 0 ? `Accept “${s}”` : `“${s}”`;
    actions.append(
      el('button', { type: 'button', class: i === 0 ? 'accept primary' : 'accept', dataset: { accept: String(i) }, title: `Accept (${i + 1})` }, label),
    );
  });
  actions.append(el('button', { type: 'button', class: 'dismiss', title: 'Dismiss (d)' }, 'Dismiss'));
  const details = el(
    'div',
    { class: 'details' },
    el('p', { class: 'message' }, f.message),
    f.why ? el('p', { class: 'why' }, el('strong', {}, 'Why: '), f.why) : null,
    el('p', { class: `applicability app-${f.applicability}` }, APPLICABILITY[f.applicability] || f.applicability),
    actions,
  );
  return el(
    'li',
    {
      class: `finding-card k-${f.kind}`,
      dataset: { key: f.key, rule: f.rule, start: String(f.span.start) },
    },
    head,
    details,
  );
}

function renderSide(list) {
  els.findings.replaceChildren(...list.map(renderCard));
  const counts = new Map();
  for (const f of list) counts.set(f.kind, (counts.get(f.kind) || 0) + 1);
  els.legend.replaceChildren(
    ...[...counts].map(([k, n]) =>
      el('li', { class: `k-${k}` }, el('span', { class: 'swatch', 'aria-hidden': 'true' }), `${kindName(k)} ${n}`),
    ),
  );
  let head;
  if (!state.reviewing) head = 'No draft checked yet';
  else if (list.length === 0) head = state.findings.length === 0 && !state.accepted ? 'No findings' : 'All findings reviewed';
  else head = `${list.length} finding${list.length === 1 ? '' : 's'} to review`;
  const done = [];
  if (state.accepted) done.push(`${state.accepted} accepted`);
  if (state.dismissed.size) done.push(`${state.dismissed.size} dismissed`);
  els.summary.replaceChildren(el('strong', {}, head));
  if (done.length) els.summary.append(el('span', { class: 'done' }, ` · ${done.join(' · ')}`));
  els.findings.dataset.empty = !state.reviewing
    ? 'Paste a draft or open a file, then check it: its findings appear here in text order.'
    : state.findings.length === 0 && !state.accepted
      ? 'The draft reads clean under these rules.'
      : 'Nothing left to review: copy or download the corrected text.';
}

function render() {
  const list = visible();
  if (state.selected !== null && !list.some((f) => f.key === state.selected)) state.selected = null;
  renderText(list);
  renderSide(list);
  highlightSelection(false);
  updateButtons(list);
}

function updateButtons(list = visible()) {
  const safe = list.some((f) => f.applicability === 'safe' && f.suggestions.length > 0);
  els.acceptSafe.disabled = state.busy || !state.reviewing || !safe;
  const hasText = els.draft.value.length > 0;
  els.copy.disabled = !hasText;
  els.download.disabled = !hasText;
  els.check.disabled = state.busy;
}

function highlightSelection(scroll) {
  for (const e of document.querySelectorAll('.current, .selected')) e.classList.remove('current', 'selected');
  if (state.selected === null) return;
  const mark = [...els.review.children].find((m) => m.dataset.key === state.selected);
  const card = [...els.findings.children].find((c) => c.dataset.key === state.selected);
  mark?.classList.add('current');
  card?.classList.add('selected');
  if (scroll) {
    mark?.scrollIntoView({ block: 'center' });
    card?.scrollIntoView({ block: 'nearest' });
  }
}

function select(key, scroll = true) {
  state.selected = key;
  highlightSelection(scroll);
}

// Selects the first finding at or after string index `at` (after an accept, the one
// that followed the fixed span), else the last one.
function selectFrom(at) {
  const list = visible();
  const next = list.find((f) => f.from >= at) || list[list.length - 1];
  state.selected = next ? next.key : null;
}

function move(step) {
  const list = visible();
  if (list.length === 0) return;
  const i = list.findIndex((f) => f.key === state.selected);
  const j = i < 0 ? (step > 0 ? 0 : list.length - 1) : (i + step + list.length) % list.length;
  select(list[j].key);
}

function setStatus(message, isError = false) {
  els.status.textContent = message;
  els.status.classList.toggle('error', isError);
}

function setBusy(busy, message) {
  state.busy = busy;
  document.body.classList.toggle('busy', busy);
  if (message) setStatus(message);
  render();
}

function showReview() {
  state.reviewing = true;
  els.draft.hidden = true;
  els.review.hidden = false;
  els.edit.hidden = false;
  els.check.hidden = true;
}

function showEdit() {
  state.reviewing = false;
  els.review.hidden = true;
  els.draft.hidden = false;
  els.edit.hidden = true;
  els.check.hidden = false;
  render();
  els.draft.focus();
  setStatus('Editing: press Check (Ctrl+Enter) when done.');
}

// ---- Actions ----

async function check() {
  const text = els.draft.value;
  if (!text.trim()) {
    setStatus('Paste a draft or open a file first.');
    return;
  }
  setBusy(true, 'Checking…');
  try {
    const res = await api('/api/check', { text, ...settings() });
    state.fixed = [];
    load(text, res.diagnostics);
    showReview();
    const list = visible();
    state.selected = list.length ? list[0].key : null;
    let msg = `Checked: ${res.diagnostics.length} finding${res.diagnostics.length === 1 ? '' : 's'}.`;
    if (res.likely_source && !els.sourceLang.value) {
      msg += ` They point to ${LANG_NAMES[res.likely_source] || res.likely_source} as the source language.`;
    }
    setBusy(false, msg);
    highlightSelection(true);
  } catch (e) {
    setBusy(false);
    setStatus(`Check failed: ${e.message}`, true);
  }
}

// Applies the chosen suggestions on the server, which re-lints the new text: offsets
// after an edit change, so the findings are always those of the text as it now is.
// `fixed` says where the accepted suggestions will stand in the new text; it is shown
// only when the server applied every choice (else some moved or were skipped).
async function applyChoices(choices, at, fixed, done) {
  setBusy(true, 'Applying…');
  try {
    const res = await api('/api/fix', { text: state.text, ...settings(), accept: choices });
    els.draft.value = res.text;
    state.accepted += res.applied;
    state.fixed = res.unmatched === 0 ? fixed : [];
    load(res.text, res.remaining);
    selectFrom(at);
    const left = visible().length;
    setBusy(false, `${done(res.applied)} ${left} finding${left === 1 ? '' : 's'} left.`);
    highlightSelection(true);
  } catch (e) {
    setBusy(false);
    setStatus(`Fix failed: ${e.message}`, true);
  }
}

function accept(key, which = 0) {
  const f = key === null ? null : byKey(key);
  if (!f || state.busy) return;
  const s = f.suggestions[which];
  if (s === undefined) {
    setStatus(f.suggestions.length ? `This finding has ${f.suggestions.length} suggestion(s).` : 'This finding has no suggestion: edit the text or dismiss it.');
    return;
  }
  applyChoices(
    [{ start: f.span.start, rule: f.rule, suggestion: which }],
    f.from,
    [{ from: f.from, to: f.from + s.length }],
    (n) => (n ? `Accepted “${s}”.` : 'Nothing changed.'),
  );
}

function acceptAllSafe() {
  if (state.busy || !state.reviewing) return;
  const safe = visible().filter((f) => f.applicability === 'safe' && f.suggestions.length > 0);
  if (safe.length === 0) {
    setStatus('No safe fixes left to accept.');
    return;
  }
  // Each edit shifts the ones after it by the change in length.
  let shift = 0;
  const fixed = safe.map((f) => {
    const from = f.from + shift;
    shift += f.suggestions[0].length - (f.to - f.from);
    return { from, to: from + f.suggestions[0].length };
  });
  applyChoices(
    safe.map((f) => ({ start: f.span.start, rule: f.rule, suggestion: 0 })),
    0,
    fixed,
    (n) => `Accepted ${n} safe fix${n === 1 ? '' : 'es'}.`,
  );
}

function dismiss(key) {
  const f = key === null ? null : byKey(key);
  if (!f || state.busy) return;
  state.dismissed.add(f.key);
  state.fixed = [];
  selectFrom(f.to);
  render();
  highlightSelection(true);
  setStatus(`Dismissed ${f.rule} “${f.text}”.`);
}

async function copy() {
  const text = els.draft.value;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard API (a page not served from a secure origin): copy from a selection.
    const wasHidden = els.draft.hidden;
    els.draft.hidden = false;
    els.draft.select();
    document.execCommand('copy');
    els.draft.hidden = wasHidden;
  }
  setStatus('Copied the corrected text to the clipboard.');
}

function downloadName() {
  const md = els.format.value === 'markdown';
  if (!state.fileName) return md ? 'draft.md' : 'draft.txt';
  const dot = state.fileName.lastIndexOf('.');
  return dot > 0
    ? `${state.fileName.slice(0, dot)}.reviewed${state.fileName.slice(dot)}`
    : `${state.fileName}.reviewed`;
}

function download() {
  const blob = new Blob([els.draft.value], { type: 'text/plain;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: downloadName() });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  setStatus(`Downloaded ${downloadName()}.`);
}

async function open(file) {
  state.fileName = file.name;
  els.format.value = /\.(md|markdown)$/i.test(file.name) ? 'markdown' : 'text';
  els.draft.value = await file.text();
  state.dismissed.clear();
  state.accepted = 0;
  await check();
}

// ---- Wiring ----

els.check.addEventListener('click', check);
els.edit.addEventListener('click', showEdit);
els.acceptSafe.addEventListener('click', acceptAllSafe);
els.copy.addEventListener('click', copy);
els.download.addEventListener('click', download);
els.file.addEventListener('change', () => {
  const f = els.file.files[0];
  els.file.value = '';
  if (f) open(f);
});
// A new draft pasted over the old one is checked at once.
els.draft.addEventListener('paste', () => setTimeout(check, 0));
els.draft.addEventListener('input', () => updateButtons());
for (const s of [els.sourceLang, els.style, els.format]) {
  s.addEventListener('change', () => {
    if (state.reviewing) check();
  });
}

els.review.addEventListener('click', (e) => {
  const mark = e.target.closest('mark.finding');
  if (mark) select(mark.dataset.key, false);
  els.findings.querySelector('li.selected')?.scrollIntoView({ block: 'nearest' });
});

els.findings.addEventListener('click', (e) => {
  const card = e.target.closest('li.finding-card');
  if (!card) return;
  const key = card.dataset.key;
  const button = e.target.closest('button');
  if (button?.dataset.accept !== undefined) accept(key, Number(button.dataset.accept));
  else if (button?.classList.contains('dismiss')) dismiss(key);
  else select(key);
});

document.addEventListener('keydown', (e) => {
  const t = e.target;
  if (t === els.draft) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      check();
    }
    return;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (t instanceof HTMLSelectElement || t instanceof HTMLInputElement) return;
  // Enter on a focused button presses that button.
  if (e.key === 'Enter' && t instanceof HTMLButtonElement) return;
  if (!state.reviewing) return;
  const actions = {
    j: () => move(1),
    n: () => move(1),
    k: () => move(-1),
    p: () => move(-1),
    a: () => accept(state.selected),
    Enter: () => accept(state.selected),
    d: () => dismiss(state.selected),
    x: () => dismiss(state.selected),
    s: acceptAllSafe,
    e: showEdit,
  };
  let act = actions[e.key];
  if (!act && /^[1-9]$/.test(e.key)) act = () => accept(state.selected, Number(e.key) - 1);
  if (act) {
    e.preventDefault();
    act();
  }
});

render();
