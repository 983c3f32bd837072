import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from './support/service.ts';

const root = join(import.meta.dirname, '..');
const executable = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => p !== undefined && p !== '' && existsSync(p),
);

describe.skipIf(executable === undefined)('the page without a connection (Chromium)', () => {
  let dir: string;
  let service: RunningService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const env = { NODE_ENV: 'development', JWT_SECRET: '' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cam-offline-'));
    const demo = spawnSync(process.execPath, ['dist/src/cli/demo.js'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dir, NODE_ENV: 'development' },
      encoding: 'utf8',
    });
    expect(demo.status, demo.stderr).toBe(0);
    service = await startService(dir, env);
    browser = await chromium.launch({
      executablePath: executable,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
    context = await browser.newContext({ viewport: { width: 390, height: 900 }, locale: 'vi-VN' });
    page = await context.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    service?.child.kill('SIGTERM');
    await service?.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  /** Meetings of Lâm Đồng's 2026 campaign organised by `by`, as the service has them. */
  const meetingsBy = async (by: string): Promise<number> => {
    const token = await page.evaluate(() => sessionStorage.getItem('cam.dev-token'));
    let n = 0;
    let cursor: string | null = null;
    do {
      const r = await fetch(
        `${service.base}/provinces/68/campaigns/2026/outreach-meetings?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        { headers: { authorization: `Bearer ${token ?? ''}` } },
      );
      const page_ = (await r.json()) as { items: { organisedBy: string }[]; nextCursor: string | null };
      n += page_.items.filter((m) => m.organisedBy === by).length;
      cursor = page_.nextCursor;
    } while (cursor !== null);
    return n;
  };
  const pickCommune = async (form: Locator, typed: string, name: string): Promise<void> => {
    const combo = form.locator('[data-field="place.communeCode"] input[role="combobox"]');
    await combo.fill('');
    await combo.pressSequentially(typed);
    await form.locator('[role="option"]', { hasText: name }).first().click();
  };
  const fillMeeting = async (form: Locator, date: string, by: string): Promise<void> => {
    await form.locator('[name="date"]').fill(date);
    await pickCommune(form, 'quang khe', 'Xã Quảng Khê');
    await form.locator('[name="format"]').selectOption('conference');
    await form.locator('input[name="topics"][value="digital-transformation"]').check();
    await form.locator('[name="attendees"]').fill('40');
    await form.locator('[name="organisedBy"]').fill(by);
  };

  it('opens again offline, keeps two meetings made offline across a reload, and sends each once when the connection returns', async () => {
    await page.goto(service.base);
    await page.locator('#dev-sign-in').waitFor();
    await page.selectOption('#dev-role', 'provincial_officer');
    await page.selectOption('#dev-province', '68');
    await page.click('#dev-sign-in');
    await page.waitForURL(/#\/tinh\/68\/\d{4}/);
    // The service worker takes the page over from the next load: load it once more, then show what
    // should be there offline (the dashboard, the form and its commune list).
    type Workers = { serviceWorker: { ready: Promise<unknown>; controller: unknown } };
    await page.evaluate(async () => {
      await (navigator as unknown as Workers).serviceWorker.ready;
    });
    // Loaded again under the worker until the province list came through (a service just started may
    // shed load for a moment).
    for (let i = 0; i < 5; i++) {
      await page.reload();
      const named = await page
        .locator('.who', { hasText: 'Lâm Đồng' })
        .waitFor({ timeout: 3_000 })
        .then(() => true)
        .catch(() => false);
      if (named) break;
    }
    await expect
      .poll(() => page.evaluate(() => (navigator as unknown as Workers).serviceWorker.controller !== null))
      .toBe(true);
    await page.goto(`${service.base}/#/tinh/68/2026`);
    await page.locator('[data-figure="meetings"]').waitFor();
    await page.goto(`${service.base}/#/nhap-lieu/68/2026?loai=recordOutreachMeeting`);
    const form = page.locator('form[data-operation="recordOutreachMeeting"]');
    await form.waitFor();
    await pickCommune(form, 'quang khe', 'Xã Quảng Khê');

    // The connection goes: the service is gone, and the browser knows it is offline.
    const port = new URL(service.base).port;
    service.child.kill('SIGTERM');
    await service.exited;
    await context.setOffline(true);

    const by = 'Đoàn công tác xã Quảng Khê (ngoại tuyến)';
    for (const date of ['06/04/2026', '07/04/2026']) {
      await fillMeeting(form, date, by);
      await form.locator('button[type=submit]').click();
      await form.locator('.form-saved', { hasText: 'sẽ tự gửi khi có mạng' }).waitFor();
    }
    await page.locator('#outbox h2', { hasText: 'Đang chờ gửi: 2 bản ghi' }).waitFor();

    // A reload without a connection: the page opens from this browser, and the queue is still there.
    await page.reload();
    await page.locator('#outbox li.pending').first().waitFor();
    expect(await page.locator('#outbox li.pending').allTextContents()).toEqual([
      expect.stringContaining('06/04/2026'),
      expect.stringContaining('07/04/2026'),
    ]);
    // The dashboard shown offline says whose time its figures are.
    await page.goto(`${service.base}/#/tinh/68/2026`);
    await page.locator('#offline', { hasText: 'Đang mất mạng' }).waitFor();
    await page.locator('[data-figure="meetings"]').waitFor();

    // The connection returns: both are sent, in order, each once.
    service = await startService(dir, { ...env, PORT: port });
    await context.setOffline(false);
    await page.goto(`${service.base}/#/nhap-lieu/68/2026?loai=recordOutreachMeeting`);
    await expect.poll(() => meetingsBy(by), { timeout: 30_000 }).toBe(2);
    await page.locator('#outbox').waitFor({ state: 'hidden' });
    // Sending the queue again sends nothing more.
    await page.evaluate(() => (globalThis as unknown as EventTarget).dispatchEvent(new Event('online')));
    await new Promise((r) => setTimeout(r, 500));
    expect(await meetingsBy(by)).toBe(2);
  }, 180_000);
});
