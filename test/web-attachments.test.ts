import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch2026 } from './support/campaign.ts';
import { pdfBytes } from './support/multipart.ts';
import { startService, type RunningService } from './support/service.ts';

const executable = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => p !== undefined && p !== '' && existsSync(p),
);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe.skipIf(executable === undefined)('files attached to a record from the page (Chromium)', () => {
  let dir: string;
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  const meetingId = randomUUID();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cam-attachments-page-'));
    service = await startService(dir, { NODE_ENV: 'development', JWT_SECRET: '' });
    const { token } = (await (
      await fetch(`${service.base}/dev/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'provincial_officer', province: '68' }),
      })
    ).json()) as { token: string };
    const post = async (path: string, body: object) => {
      const r = await fetch(`${service.base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(r.status, await r.clone().text()).toBeLessThan(300);
    };
    await post('/provinces/68/campaigns', launch2026);
    await post('/provinces/68/campaigns/2026/outreach-meetings', {
      meetingId,
      date: '2026-04-11',
      place: { communeCode: '24781' },
      format: 'conference',
      topics: ['cooperative-law-2023'],
      attendees: 80,
      organisedBy: 'Liên minh HTX tỉnh',
      title: 'Hội nghị tuyên truyền Luật HTX 2023',
    });
    // A department's half-year report, awaiting the reviewer.
    await post('/provinces/68/reporting/2026/half-year/requests', {
      from: [{ unit: 'so-tai-chinh', name: 'Sở Tài chính' }],
    });
    const finance = (await (
      await fetch(`${service.base}/dev/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'department_officer', province: '68', unit: 'so-tai-chinh' }),
      })
    ).json()) as { token: string };
    const sent = await fetch(`${service.base}/provinces/68/reporting/2026/half-year/units/so-tai-chinh/submissions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${finance.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ submissionId: randomUUID(), submittedOn: '2026-07-10', narrative: 'Kết quả 6 tháng' }),
    });
    expect(sent.status).toBe(201);
    browser = await chromium.launch({
      executablePath: executable,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage({
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    service?.child.kill('SIGTERM');
    await service?.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it('attaches a photo and the minutes to a meeting, lists them with a thumbnail, and downloads the same bytes', async () => {
    await page.goto(service.base);
    await page.locator('#dev-sign-in').waitFor();
    await page.selectOption('#dev-role', 'provincial_officer');
    await page.selectOption('#dev-province', '68');
    await page.click('#dev-sign-in');
    await page.locator('button:has-text("Đăng xuất")').first().waitFor();
    await page.goto(`${service.base}/#/nhap-lieu/68/2026?loai=recordOutreachMeeting`);
    await page.locator('#attachments').waitFor();
    await expect.poll(() => page.locator('#attach-record option').count()).toBe(2);
    expect(await page.locator('#attach-record option').nth(1).innerText()).toBe(
      '11/04/2026 — Hội nghị tuyên truyền Luật HTX 2023',
    );
    await page.selectOption('#attach-record', meetingId);
    await expect.poll(() => page.locator('#attach-list').innerText()).toContain('Chưa có tệp đính kèm');

    const photo = await sharp({ create: { width: 1024, height: 768, channels: 3, background: '#3a6' } })
      .jpeg()
      .toBuffer();
    await page.fill('#attach-caption', 'Ảnh toàn cảnh hội nghị');
    await page.setInputFiles('#attach-file', { name: 'Ảnh hội nghị.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.click('#attach-send');
    await expect.poll(() => page.locator('#attach-status').innerText()).toBe('Đã đính kèm Ảnh hội nghị.jpg.');
    const minutes = pdfBytes('Biên bản hội nghị', 150_000);
    await page.setInputFiles('#attach-file', {
      name: 'Biên bản hội nghị.pdf',
      mimeType: 'application/pdf',
      buffer: minutes,
    });
    // A double click attaches once.
    await page.dblclick('#attach-send');
    await expect.poll(() => page.locator('#attach-list li').count()).toBe(2);
    const items = page.locator('#attach-list li');
    expect(await items.nth(0).innerText()).toContain('Ảnh hội nghị.jpg');
    expect(await items.nth(0).innerText()).toContain('Ảnh JPG');
    expect(await items.nth(0).innerText()).toContain('Ảnh toàn cảnh hội nghị');
    expect(await items.nth(1).innerText()).toContain('Biên bản hội nghị.pdf');
    expect(await items.nth(1).innerText()).toMatch(/PDF · 14\d KB/);
    // The photo's thumbnail is the service's preview, drawn.
    const thumb = items.nth(0).locator('img.thumb');
    await thumb.waitFor();
    await expect
      .poll(() => thumb.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(320);

    const [download] = await Promise.all([page.waitForEvent('download'), items.nth(1).locator('button').click()]);
    expect(download.suggestedFilename()).toBe('Biên bản hội nghị.pdf');
    expect(sha(readFileSync(await download.path()))).toBe(sha(minutes));

    // Within a 360 px wide screen: nothing of the panel reaches past the screen's right edge.
    await page.setViewportSize({ width: 360, height: 800 });
    const beyond = await page.evaluate(() => {
      type El = { tagName: string; id: string; getBoundingClientRect(): { right: number } };
      const d = (
        globalThis as unknown as {
          document: { documentElement: { clientWidth: number }; querySelectorAll(s: string): ArrayLike<El> };
        }
      ).document;
      const width = d.documentElement.clientWidth;
      return Array.from(d.querySelectorAll('#attachments, #attachments *'))
        .filter((e) => e.getBoundingClientRect().right > width)
        .map((e) => `${e.tagName}#${e.id}: ${e.getBoundingClientRect().right}`);
    });
    expect(beyond).toEqual([]);
  }, 120_000);

  it("lets the reviewer attach the signed report to a unit's submission in the inbox", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${service.base}/#/bao-cao/68`);
    const files = page.locator('.inbox-item[data-unit="so-tai-chinh"] .record-files');
    await files.waitFor();
    await expect.poll(() => files.locator('.attach-list').innerText()).toContain('Chưa có tệp đính kèm');
    const signed = pdfBytes('Báo cáo 6 tháng đã ký', 20_000);
    await files.locator('input[type="file"]').setInputFiles({
      name: 'Báo cáo 6 tháng (bản ký).pdf',
      mimeType: 'application/pdf',
      buffer: signed,
    });
    await files.locator('button:has-text("Đính kèm")').click();
    await expect.poll(() => files.locator('.attach-list').innerText()).toContain('Báo cáo 6 tháng (bản ký).pdf');
    expect(await files.locator('.attach-list').innerText()).toMatch(/PDF · 20 KB/);
  }, 120_000);
});
