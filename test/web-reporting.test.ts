import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from './support/service.ts';

const root = join(import.meta.dirname, '..');

/** Debian's Chromium (apt-get install chromium), or CHROMIUM_PATH. */
const executable = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => p !== undefined && p !== '' && existsSync(p),
);
if (executable === undefined)
  console.log('reporting browser test skipped: no Chromium here (apt-get install chromium, or set CHROMIUM_PATH)');

/**
 * The reporting chain on the page: a department sends its 6-month report, the province returns it
 * with a reason, the department sends it again, the province approves it, and who is late says so.
 */
describe.skipIf(executable === undefined)('reports on the officials’ page (Chromium via playwright-core)', () => {
  let dir: string;
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  const shots = process.env.SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'cam-shots-'));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cam-reports-'));
    const demo = spawnSync(process.execPath, ['dist/src/cli/demo.js'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dir, NODE_ENV: 'development' },
      encoding: 'utf8',
    });
    expect(demo.status, demo.stderr).toBe(0);
    service = await startService(dir, { NODE_ENV: 'development', JWT_SECRET: '' });
    browser = await chromium.launch({
      executablePath: executable,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage({
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    mkdirSync(shots, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    service?.child.kill('SIGTERM');
    await service?.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  const year = new Date().getFullYear();
  const half = `/provinces/68/reporting/${year}/half-year/units/so-tai-chinh`;

  /** The API's answer, called with the page's own token. */
  const api = <T>(path: string): Promise<T> =>
    page.evaluate(
      async (p) =>
        (
          await fetch(p, {
            headers: {
              authorization: `Bearer ${(globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('cam.dev-token')}`,
            },
          })
        ).json(),
      path,
    ) as Promise<T>;
  /** axe-core's serious and critical findings on the page as it is now. */
  const seriousAccessibilityProblems = async (): Promise<string[]> => {
    await page.addScriptTag({ content: readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8') });
    type Finding = { id: string; impact: string | null; nodes: { target: unknown[] }[] };
    const found = await page.evaluate(
      async () =>
        (await (globalThis as unknown as { axe: { run(): Promise<{ violations: Finding[] }> } }).axe.run()).violations,
    );
    return found
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
  };
  /** At 360 px the page is no wider than the screen (wide tables scroll inside their own region). */
  const fitsA360Screen = async (): Promise<void> => {
    await page.setViewportSize({ width: 360, height: 800 });
    const [scroll, client] = await page.evaluate(() => {
      const d = (
        globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
      ).document.documentElement;
      return [d.scrollWidth, d.clientWidth];
    });
    expect(scroll).toBeLessThanOrEqual(client);
    await page.setViewportSize({ width: 1280, height: 900 });
  };
  const signIn = async (role: string, pick?: () => Promise<unknown>): Promise<void> => {
    if (
      await page
        .locator('text=Đăng xuất')
        .isVisible()
        .catch(() => false)
    )
      await page.click('text=Đăng xuất');
    else await page.goto(service.base);
    await page.locator('#dev-sign-in').waitFor();
    await page.selectOption('#dev-role', role);
    await page.selectOption('#dev-province', '68');
    await pick?.();
    await page.click('#dev-sign-in');
  };
  const asDepartment = async () => {
    await signIn('department_officer', () => page.selectOption('#dev-unit', 'so-tai-chinh'));
    await page.waitForURL(/#\/bao-cao\/68\/don-vi/);
  };
  const asReviewer = async () => {
    await signIn('provincial_officer');
    await page.waitForURL(/#\/tinh\/68\//);
    await page.locator('nav a', { hasText: 'Báo cáo' }).click();
    await page.waitForURL(/#\/bao-cao\/68\?nam=/);
  };
  const halfYear = () => page.locator('section.unit-report[data-period="half-year"]');
  const inboxItem = () => page.locator('#inbox article[data-unit="so-tai-chinh"][data-period="half-year"]');
  type UnitReport = {
    status: string | null;
    submissions: { returned?: { reason: string }; approved?: { approvedBy: string } }[];
  };

  it('a department sends its 6-month report from its own view, and sees nothing else of the province', async () => {
    await asDepartment();
    await page.locator('h1', { hasText: 'Báo cáo của Sở Tài chính' }).waitFor();
    // The nav offers the reports and their documents only: a reporter reads no dashboard.
    expect(await page.locator('nav a').allTextContents()).toEqual(['Báo cáo', 'Văn bản']);
    await page.goto(`${service.base}/#/tinh/68/${year}`);
    await page.waitForURL(/#\/bao-cao\/68\/don-vi/);
    await halfYear().locator('.badge', { hasText: 'Chưa gửi' }).waitFor();
    expect(await seriousAccessibilityProblems()).toEqual([]);

    // Nothing written: the narrative is required.
    await halfYear().locator('button[type=submit]').click();
    await halfYear().locator('[role=alert]', { hasText: 'Nhập nội dung báo cáo.' }).waitFor();
    await halfYear().locator('textarea').fill('Đã phối hợp tổ chức 3 hội nghị tuyên truyền.\nKhó khăn: kinh phí.');
    await halfYear().locator('button[type=submit]').dblclick();
    await halfYear().locator('.badge', { hasText: 'Chờ duyệt' }).waitFor();
    // The figures the service took when it was sent, as a table.
    await halfYear().locator('table.figures-table th', { hasText: 'Số nhiệm vụ được giao' }).waitFor();
    const r = await api<UnitReport>(half);
    expect(r.status).toBe('awaiting-review');
    expect(r.submissions).toHaveLength(1);
    expect(await seriousAccessibilityProblems()).toEqual([]);
    await fitsA360Screen();
    await page.screenshot({ path: join(shots, 'page-reporter.png'), fullPage: true });
  }, 60_000);

  it('the province returns it with a reason; a problem of the service is told in Vietnamese', async () => {
    await asReviewer();
    await inboxItem().waitFor();
    expect(await inboxItem().locator('h3').textContent()).toBe(`Sở Tài chính — Báo cáo 6 tháng đầu năm ${year}`);
    expect(await inboxItem().locator('.narrative').textContent()).toContain('Khó khăn: kinh phí.');
    expect(await seriousAccessibilityProblems()).toEqual([]);
    await fitsA360Screen();

    // The province asks two departments, picked by name, for the 6-month report: both are expected.
    await page.locator('#request summary').click();
    await page.selectOption('#request-period', 'half-year');
    await page.locator('#request-reports label', { hasText: 'Sở Tài chính' }).locator('input').check();
    await page.locator('#request-reports label', { hasText: 'Sở Nông nghiệp và Môi trường' }).locator('input').check();
    await page.locator('#request-reports button[type=submit]').dblclick();
    const asked = page.locator('#late-table tr[data-unit="so-nong-nghiep-va-moi-truong"][data-period="half-year"]');
    await asked.waitFor();
    expect(await asked.locator('th, td').nth(3).textContent()).toBe('Có');
    const sent = page.locator('#late-table tr[data-unit="so-tai-chinh"][data-period="half-year"]');
    expect(await sent.locator('th, td').nth(3).textContent()).toBe('Có');
    type Status = { rows: { unit: string; period: string; expected: boolean }[] };
    const status = await api<Status>(`/provinces/68/reporting/${year}/status`);
    expect(status.rows.filter((r) => r.period === 'half-year' && r.expected).map((r) => r.unit)).toEqual([
      'so-nong-nghiep-va-moi-truong',
      'so-tai-chinh',
    ]);

    // A return needs a reason: nothing is sent without one.
    await inboxItem().locator('input[id^="by-"]').fill('Nguyễn Văn An');
    await inboxItem().locator('button.return').click();
    await inboxItem().locator('[role=alert]', { hasText: 'Nhập lý do trả lại báo cáo.' }).waitFor();
    // A return dated before the report was sent: the service's rule, in Vietnamese.
    await inboxItem().locator('textarea').fill('Bổ sung số liệu hội nghị tại các xã.');
    await inboxItem().locator('input[id^="on-"]').fill(`01/01/${year}`);
    await inboxItem().locator('button.return').click();
    const told = inboxItem().locator('[role=alert]');
    await told.filter({ hasText: /\S/ }).waitFor();
    expect(await told.textContent()).toMatch(/^Không thực hiện được: |^Dữ liệu chưa hợp lệ: /);
    expect(await told.textContent()).not.toMatch(/submission|before/);
    expect((await api<UnitReport>(half)).status).toBe('awaiting-review');

    const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).split('-');
    await inboxItem().locator('input[id^="on-"]').fill(`${d}/${m}/${y}`);
    await inboxItem().locator('button.return').dblclick();
    await page.locator('#inbox-empty').waitFor();
    const r = await api<UnitReport>(half);
    expect(r.status).toBe('returned');
    expect(r.submissions).toHaveLength(1);
    expect(r.submissions[0]?.returned?.reason).toBe('Bổ sung số liệu hội nghị tại các xã.');
    await page.locator('#late-table tr[data-unit="so-tai-chinh"] .badge', { hasText: 'Bị trả lại' }).waitFor();
  }, 60_000);

  it('the department sees the reason and sends it again; the province approves it; who is late says so', async () => {
    await asDepartment();
    await halfYear().locator('.badge', { hasText: 'Bị trả lại' }).waitFor();
    expect(await halfYear().locator('.returned-reason .reason').textContent()).toBe(
      'Bổ sung số liệu hội nghị tại các xã.',
    );
    await halfYear().locator('textarea').fill('Đã bổ sung: 5 hội nghị tại các xã, 320 lượt người tham dự.');
    await halfYear().locator('button[type=submit]', { hasText: 'Gửi lại báo cáo' }).click();
    await halfYear().locator('.badge', { hasText: 'Chờ duyệt' }).waitFor();
    expect((await api<UnitReport>(half)).submissions).toHaveLength(2);

    await asReviewer();
    await inboxItem().locator('.meta', { hasText: 'Gửi lại sau khi bị trả lại' }).waitFor();
    // The reviewer's name is kept for this tab.
    expect(await inboxItem().locator('input[id^="by-"]').inputValue()).toBe('Nguyễn Văn An');
    await page.screenshot({ path: join(shots, 'page-inbox.png'), fullPage: true });
    await inboxItem().locator('button.approve').dblclick();
    await page.locator('#inbox-empty').waitFor();
    const r = await api<UnitReport>(half);
    expect(r.status).toBe('approved');
    expect(r.submissions.filter((s) => s.approved !== undefined)).toHaveLength(1);
    const row = page.locator('#late-table tr[data-unit="so-tai-chinh"][data-period="half-year"]');
    await row.locator('.badge', { hasText: 'Đã duyệt' }).waitFor();
    const cells = await row.locator('th, td').allTextContents();
    expect(cells[0]).toBe('Sở Tài chính');
    expect(cells[4]).toBe('Có'); // received
    expect(cells[5]).toBe('1'); // returned once
    expect(cells[6]).toBe('Có'); // approved
    expect(await seriousAccessibilityProblems()).toEqual([]);
    await fitsA360Screen();

    // Who is late, in the 6-month workbook: its sheet "Tình hình báo cáo" has the department approved.
    const [book] = await Promise.all([page.waitForEvent('download'), page.click('#dl-status-half-year')]);
    expect(book.suggestedFilename()).toBe(`bao-cao-half-year-68-${year}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await book.path());
    const line = wb
      .getWorksheet('Tình hình báo cáo')
      ?.getRows(1, 200)
      ?.find((r) => r.getCell(2).value === 'Sở Tài chính');
    expect(line?.getCell(7).value).toBe('có');

    // The department's view: approved, nothing left to send for the half year.
    await asDepartment();
    await halfYear().locator('.badge', { hasText: 'Đã duyệt' }).waitFor();
    expect(await halfYear().locator('form').count()).toBe(0);
  }, 60_000);
});
