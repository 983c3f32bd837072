import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from './support/service.ts';

const executable = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => p !== undefined && p !== '' && existsSync(p),
);

describe.skipIf(executable === undefined)("the administrators' webhook screen (Chromium)", () => {
  let dir: string;
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  let receiver: Server;
  let receiverUrl: string;
  /** What the receiver answers next, and what it got. */
  let answer = 204;
  const got: { positions: number[]; signature: string }[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => void (body += d.toString()));
      req.on('end', () => {
        if (answer < 300) {
          const parsed = JSON.parse(body) as { events?: { position: number }[] };
          got.push({
            positions: (parsed.events ?? []).map((e) => e.position),
            signature: String(req.headers['webhook-signature'] ?? ''),
          });
        }
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/htx`;
    dir = mkdtempSync(join(tmpdir(), 'cam-webhooks-page-'));
    // A development machine (the development sign-in offers the administrator), receivers on this machine allowed.
    service = await startService(dir, { NODE_ENV: 'development', JWT_SECRET: '', WEBHOOK_ALLOW_HOSTS: '127.0.0.1' });
    browser = await chromium.launch({
      executablePath: executable,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage({
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      viewport: { width: 1280, height: 900 },
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    service?.child.kill('SIGTERM');
    await service?.exited;
    await new Promise<void>((r) => receiver.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });

  /** A provincial officer's token from the development sign-in, to record a cooperative. */
  const register = async (n: number) => {
    const { token } = (await (
      await fetch(`${service.base}/dev/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'provincial_officer', province: '68' }),
      })
    ).json()) as { token: string };
    const r = await fetch(`${service.base}/provinces/68/cooperatives`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        cooperativeId: randomUUID(),
        kind: 'cooperative',
        name: `HTX Đà Lạt ${n}`,
        registrationNumber: `58009${String(n).padStart(5, '0')}`,
        registeredOn: '2026-02-01',
        communeCode: '24781',
        members: { official: 7, associate: 0 },
      }),
    });
    expect(r.status).toBe(201);
  };
  const row = () => page.locator('#webhooks tbody tr').first();
  /** The row as the screen shows it after reloads, until it reads as `expected`. */
  const rowBecomes = (expected: RegExp | string) =>
    expect
      .poll(
        async () => {
          await page.reload();
          await row().waitFor();
          return row().innerText();
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toMatch(expected);

  it('registers a receiver by picking the province and kinds, shows its secret once, and its deliveries', async () => {
    await page.goto(service.base);
    await page.locator('#dev-sign-in').waitFor();
    await page.selectOption('#dev-role', 'admin');
    await page.click('#dev-sign-in');
    await page.locator('#webhook-form').waitFor();
    await page.fill('#webhook-url', receiverUrl);
    await page.fill('#webhook-description', 'Cổng thông tin tỉnh Lâm Đồng');
    await page.selectOption('#webhook-province', '68');
    await page.check('input[name="kind"][value="cooperative"]');
    await page.click('#webhook-form button[type="submit"]');
    await expect.poll(() => page.locator('#webhook-secret code').innerText()).toMatch(/^whsec_/);
    await expect.poll(() => row().innerText()).toContain('Lâm Đồng · Hợp tác xã');
    expect(await row().innerText()).toContain('Đang gửi');

    await register(1);
    await expect.poll(() => got.length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(got[0]?.signature).toMatch(/^v1,/);
    await page.click('#nav-webhooks');
    await page.reload();
    await expect.poll(async () => (await row().innerText()).includes('Kịp thời'), { timeout: 10_000 }).toBe(true);
    expect(await row().innerText()).not.toContain('Chưa gửi');
  }, 60_000);

  it('shows a failing receiver’s last error and how far behind it is, and pauses and resumes it', async () => {
    answer = 500;
    await register(2);
    await rowBecomes(/nơi nhận trả lời mã lỗi 500\s+\d+ lần lỗi liên tiếp/);
    expect(await row().getAttribute('data-webhook')).not.toBeNull();
    expect(Number(await row().locator('[data-lag]').getAttribute('data-lag'))).toBeGreaterThan(0);
    await row().getByRole('button', { name: 'Tạm dừng' }).click();
    await expect.poll(() => row().innerText()).toContain('Tạm dừng');
    answer = 204;
    await row().getByRole('button', { name: 'Tiếp tục' }).click();
    await expect.poll(() => row().innerText()).toContain('Đang gửi');
    await rowBecomes('Kịp thời');
    // On a phone the screen stays within its width (the table scrolls inside its card).
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'page-webhooks.png'), fullPage: true });
  }, 60_000);
});
