// End-to-end test of the review page of `mtlint serve`, in headless Chromium driven by
// playwright-core: paste a corpus article, compare the highlights with /api/check, select,
// accept, dismiss, use the keys, accept all safe fixes, copy, download, open a file.
// Screenshots of each step go to tests/e2e/screenshots/.
//
//   MTLINT_BIN=target/debug/mtlint node tests/e2e/review.mjs
//
// Run by tests/serve_e2e.rs (cargo test). CHROMIUM overrides /usr/bin/chromium.

import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const bin = process.env.MTLINT_BIN;
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const shots = path.join(here, 'screenshots');
// German-to-English copy: names, places, calques, idioms, several suggestions per name.
const ARTICLE = 'corpus/de-en/kremlin-geneva-talks.txt';
// Opened as a file at the end: its "Pjöngjang" puts a two-byte character before
// findings, so highlights only line up if byte offsets are converted right.
const UPLOAD = 'corpus/de-en/names-shoigu-pyongyang.txt';
// Nothing here should take long; a hung step fails the run instead of hanging cargo test.
const DEADLINE_MS = 120_000;

let passed = 0;
async function check(what, fn) {
  await fn();
  passed += 1;
  console.log(`ok - ${what}`);
}

function startServer(cwd) {
  return new Promise((resolve, reject) => {
    const server = spawn(bin, ['serve', '--port', '0'], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no URL on stderr within 60 s:\n${err}`)), 60_000);
    server.stderr.setEncoding('utf8');
    server.stderr.on('data', (chunk) => {
      err += chunk;
      // Whole lines only: a chunk may end inside the URL.
      const m = err.match(/listening on (http:\/\/\S+)\n/);
      if (m) {
        clearTimeout(timer);
        resolve({ server, url: m[1] });
      }
    });
    server.on('exit', (code) => reject(new Error(`mtlint serve exited with ${code}:\n${err}`)));
  });
}

async function apiCheck(url, text) {
  const res = await fetch(`${url}/api/check`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  assert.equal(res.status, 200);
  return (await res.json()).diagnostics;
}

const count = (hay, needle) => hay.split(needle).length - 1;

async function main() {
  if (!bin) throw new Error('set MTLINT_BIN to the mtlint binary');
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  // A directory without mtlint.toml: the built-in settings, whatever the checkout holds.
  const cwd = mkdtempSync(path.join(tmpdir(), 'mtlint-e2e-'));
  const { server, url } = await startServer(cwd);
  const browser = await chromium.launch({
    executablePath: browserPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    await run(browser, url);
  } finally {
    await browser.close();
    server.kill();
    rmSync(cwd, { recursive: true, force: true });
  }
}

async function run(browser, url) {
  // Clipboard access, for a real paste and to read what Copy wrote.
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  let shot = 0;
  const snap = async (name) => {
    shot += 1;
    await page.screenshot({ path: path.join(shots, `${String(shot).padStart(2, '0')}-${name}.png`) });
  };
  const marks = page.locator('#review mark.finding');
  const status = page.locator('#status');

  // 1. The page, before any text.
  await page.goto(url);
  // The list's empty-state note is set by the script: it ran.
  await page.waitForSelector('#findings[data-empty]', { state: 'attached' });
  await check('the page loads from loopback and its script runs', () =>
    assert.match(page.url(), /^http:\/\/127\.0\.0\.1:/),
  );
  await check('the keys for next, previous, accept and dismiss are on the page', async () => {
    const keysText = await page.locator('.keys').innerText();
    for (const word of ['next finding', 'previous finding', 'accept', 'dismiss']) assert.ok(keysText.includes(word), word);
  });
  await snap('empty');

  // 2. Paste an article: the paste itself starts the check.
  const article = readFileSync(path.join(root, ARTICLE), 'utf8');
  await page.evaluate((t) => navigator.clipboard.writeText(t), article);
  await page.locator('#draft').focus();
  await page.keyboard.press('ControlOrMeta+V');
  await page.waitForSelector('#status:has-text("Checked")');
  await check('the pasted text is the article', async () => {
    assert.equal(await page.locator('#draft').inputValue(), article.replace(/\r\n/g, '\n'));
  });
  const expected = await apiCheck(url, await page.locator('#draft').inputValue());
  const shown = await marks.count();
  await check(`highlights match /api/check (${shown})`, () => {
    assert.ok(expected.length >= 5, `the article has findings (${expected.length})`);
    assert.equal(shown, expected.length);
  });
  const starts = await marks.evaluateAll((ms) => ms.map((m) => Number(m.dataset.start)));
  await check('each highlight is at a finding of the API and covers its text', () => {
    assert.deepEqual(starts, expected.map((d) => d.span.start));
  });
  const markTexts = await marks.allInnerTexts();
  await check('the summary counts the findings to review', async () => {
    assert.equal(await page.locator('#summary').innerText(), `${expected.length} findings to review`);
  });
  await check('highlighted texts are the findings’ texts', () => {
    assert.deepEqual(markTexts, expected.map((d) => d.text));
  });
  await snap('highlights');

  // 3. Click a finding whose text occurs once, with a suggestion that does not contain it.
  const target = expected.find(
    (d) => d.suggestions.length > 1 && count(article, d.text) === 1 && !d.suggestions[0].includes(d.text),
  ) || expected.find((d) => d.suggestions.length > 0 && count(article, d.text) === 1 && !d.suggestions[0].includes(d.text));
  assert.ok(target, 'a finding to accept');
  await page.locator(`#review mark[data-start="${target.span.start}"]`).click();
  const card = page.locator('.finding-card.selected');
  await check('clicking a highlight selects its card, with message, why and suggestions', async () => {
    assert.equal(await card.getAttribute('data-start'), String(target.span.start));
    const details = await card.innerText();
    assert.ok(details.includes(target.message), 'message shown');
    assert.ok(details.includes(target.why), 'why shown');
    assert.equal(await card.locator('button.accept').count(), target.suggestions.length);
  });
  await snap('selected');

  // 4. Accept its first suggestion: the text is fixed and re-checked.
  const before = await marks.count();
  await card.locator('button.accept.primary').click();
  await page.waitForSelector('#status:has-text("Accepted")');
  const fixedText = await page.locator('#review').innerText();
  await check(`accepting replaces “${target.text}” with “${target.suggestions[0]}”`, () => {
    assert.ok(fixedText.includes(target.suggestions[0]));
    assert.ok(!fixedText.includes(target.text));
  });
  await check('the editor text follows the review text', async () => {
    assert.equal(await page.locator('#draft').inputValue(), fixedText);
  });
  const afterAccept = await marks.count();
  await check('one finding fewer after the accept, as /api/check says of the new text', async () => {
    assert.equal(afterAccept, before - 1);
    assert.equal(afterAccept, (await apiCheck(url, fixedText)).length);
  });
  await snap('accepted');

  // 5. Dismiss another finding: it leaves the text and the list, the text is unchanged.
  const other = page.locator('.finding-card').nth(1);
  const dismissedKey = await other.getAttribute('data-key');
  await other.locator('.card-head').click();
  await other.locator('button.dismiss').click();
  await page.waitForSelector('#status:has-text("Dismissed")');
  await check('dismissing hides one finding and keeps the text', async () => {
    assert.equal(await marks.count(), afterAccept - 1);
    const keys = await page.locator('.finding-card').evaluateAll((cs) => cs.map((c) => c.dataset.key));
    assert.ok(!keys.includes(dismissedKey));
    assert.equal(await page.locator('#review').innerText(), fixedText);
    assert.match(await page.locator('#summary').innerText(), /1 dismissed/);
  });
  await snap('dismissed');

  // 6. The keys: j and k move the selection, a accepts.
  const keys = await page.locator('.finding-card').evaluateAll((cs) => cs.map((c) => c.dataset.key));
  const selectedKey = () => page.locator('.finding-card.selected').getAttribute('data-key');
  const start = keys.indexOf(await selectedKey());
  await page.locator('#summary').click(); // focus out of any button
  await page.keyboard.press('j');
  await check('j selects the next finding', async () => {
    assert.equal(await selectedKey(), keys[(start + 1) % keys.length]);
  });
  await page.keyboard.press('k');
  await check('k selects the previous finding', async () => {
    assert.equal(await selectedKey(), keys[start]);
  });
  await page.keyboard.press('n');
  const byKey = await page.locator('.finding-card.selected .change .to').innerText();
  const countBefore = await marks.count();
  await page.keyboard.press('a');
  await page.waitForSelector(`#status:has-text("Accepted “${byKey}”")`);
  await check('n then a accepts the next finding', async () => {
    assert.equal(await marks.count(), countBefore - 1);
  });
  await snap('keyboard');

  // 7. Accept all safe fixes: none is left but the dismissed one.
  await page.locator('#accept-safe').click();
  await page.waitForSelector('#status:has-text("safe fix")');
  const finalText = await page.locator('#draft').inputValue();
  const left = await apiCheck(url, finalText);
  const leftSafe = left.filter((d) => d.applicability === 'safe' && d.suggestions.length > 0);
  const [dRule, dText] = JSON.parse(dismissedKey);
  await check('after accept-all-safe, only the dismissed finding has a safe fix', () => {
    for (const d of leftSafe) assert.ok(d.rule === dRule && d.text === dText, `${d.rule} ${d.text} left`);
  });
  await check('the accept-all button is then disabled', async () => {
    assert.ok(await page.locator('#accept-safe').isDisabled());
  });
  await snap('all-safe');

  // 8. Take the text away: clipboard and download hold the corrected text.
  await page.locator('#copy').click();
  await page.waitForSelector('#status:has-text("Copied")');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  await check('Copy puts the corrected text on the clipboard', () => assert.equal(copied, finalText));
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
  const saved = readFileSync(await download.path(), 'utf8');
  await check('Download saves the corrected text', () => {
    assert.equal(saved, finalText);
    assert.equal(download.suggestedFilename(), 'draft.txt');
  });

  // 9. Open a file: it replaces the draft and is checked at once.
  await page.locator('#file').setInputFiles(path.join(root, UPLOAD));
  await page.waitForFunction(
    (n) => document.querySelector('#status').textContent.startsWith('Checked') && document.querySelector('#draft').value.length === n,
    readFileSync(path.join(root, UPLOAD), 'utf8').length,
  );
  const uploaded = readFileSync(path.join(root, UPLOAD), 'utf8');
  const upExpected = await apiCheck(url, uploaded);
  const upTexts = await marks.allInnerTexts();
  await check(`an opened file is checked: highlights line up past a non-ASCII character (${upTexts.length})`, () => {
    assert.deepEqual(upTexts, upExpected.map((d) => d.text));
  });
  await snap('opened-file');

  await check('the page asked nothing of any other host', () => {
    const foreign = requests.filter((u) => !u.startsWith(url) && !u.startsWith('blob:') && !u.startsWith('data:'));
    assert.deepEqual(foreign, []);
  });
  await check('no script error and no blocked resource', () => assert.deepEqual(problems, []));
  console.log(`e2e: ${passed} passed, 0 failed (screenshots in ${path.relative(root, shots)})`);
}

const deadline = setTimeout(() => {
  console.error(`e2e: timed out after ${DEADLINE_MS / 1000} s`);
  process.exit(1);
}, DEADLINE_MS);
deadline.unref();

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`e2e: FAILED: ${e.stack || e}`);
    process.exit(1);
  },
);
