import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page, type Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_AUDIENCE,
  API_RESOURCE,
  PAGE_CLIENT,
  ROLE_MAP_ENV,
  startProvider,
  type TestAccount,
  type TestProvider,
} from './support/oidc-provider.ts';
import { ROOT, freePort, serviceToken, startService, type RunningService } from './support/service.ts';

const executable = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => p !== undefined && p !== '' && existsSync(p),
);

/** A JWT anywhere in a string: what must never sit in the browser's storage. */
const JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;

describe.skipIf(executable === undefined)(
  "signing in on the page through the organisation's identity provider (Chromium)",
  () => {
    let dir: string;
    let provider: TestProvider;
    let service: RunningService;
    let browser: Browser;
    let page: Page;
    const accounts = new Map<string, TestAccount>([
      ['khach', { id: 'khach', name: 'Khách', roles: ['offline_access'] }],
      ['lan.nguyen', { id: 'lan.nguyen', name: 'Nguyễn Thị Lan', roles: ['htx-can-bo-tinh'], province: '68' }],
    ]);
    /** Every answer of the provider's token endpoint, in order: the code exchange, then each refresh. */
    const tokenAnswers: { grant: string; status: number }[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'cam-sign-in-'));
      const providerPort = await freePort();
      const issuer = `http://127.0.0.1:${providerPort}`;
      // A production service whose people sign in through the provider; its own key stays for apps.
      service = await startService(dir, {
        NODE_ENV: 'production',
        OIDC_ISSUER: issuer,
        OIDC_AUDIENCE: API_AUDIENCE,
        OIDC_CLIENT_ID: PAGE_CLIENT,
        OIDC_RESOURCE: API_RESOURCE,
        OIDC_SCOPES: 'openid profile offline_access',
        OIDC_ROLES_CLAIM: 'realm_access.roles',
        OIDC_ROLE_MAP: ROLE_MAP_ENV,
      });
      // The province's campaign of this year, recorded by a provincial app with the service's own key.
      const year = new Date().getFullYear();
      const created = await fetch(`${service.base}/provinces/68/campaigns`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${serviceToken({ sub: 'app-tinh-68', role: 'provincial_officer', province: '68' })}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          year,
          plan: { number: '12/KH-LMHTX', date: `${year}-02-01` },
          theme: 'Tháng hành động',
        }),
      });
      expect(created.status).toBe(201);
      // Access tokens of 70 s: the page renews them a minute before they expire, so every ~10 s here.
      provider = await startProvider({ accounts, pageOrigin: service.base, port: providerPort, accessTokenTtl: 70 });
      browser = await chromium.launch({
        executablePath: executable,
        headless: true,
        args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
      });
      page = await browser.newPage({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      page.on('response', (r: Response) => {
        if (r.url() !== `${issuer}/token`) return;
        const grant = new URLSearchParams(r.request().postData() ?? '').get('grant_type') ?? '';
        tokenAnswers.push({ grant, status: r.status() });
      });
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      service?.child.kill('SIGTERM');
      await service?.exited;
      await provider?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const signedInAs = (name: string) => page.locator('#nav .who', { hasText: name }).waitFor({ timeout: 20_000 });
    const storageHoldsToken = () =>
      page.evaluate(
        (pattern) =>
          [localStorage, sessionStorage].some((s) =>
            Array.from({ length: s.length }, (_, i) => s.getItem(s.key(i) ?? '') ?? '').some((v) =>
              new RegExp(pattern).test(v),
            ),
          ),
        JWT.source,
      );

    it('signs in with code and PKCE, calls the API with the token, and keeps no token in storage', async () => {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(service.base);
      await page.locator('#sign-in').waitFor();
      // Nobody is asked for a token, and a production service offers no development sign-in.
      expect(await page.locator('textarea, #token, #dev-sign-in').count()).toBe(0);
      // On a phone the sign-in fits the screen, and axe-core finds nothing serious.
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      await page.addScriptTag({ content: readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8') });
      const findings = (await page.evaluate(
        'axe.run().then((r) => r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id))',
      )) as string[];
      expect(findings).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 900 });
      const authorize = page.waitForRequest((r) => r.url().startsWith(`${provider.issuer}/auth?`));
      await page.click('#sign-in');
      const url = new URL((await authorize).url());
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(url.searchParams.get('response_type')).toBe('code');
      expect(url.searchParams.get('client_id')).toBe(PAGE_CLIENT);
      // The provider's own sign-in form: the person types their name and password there.
      await page.locator('input[name="login"]').fill('lan.nguyen');
      await page.locator('input[name="password"]').fill('mat-khau');
      const api = page.waitForRequest(
        (r) => r.url().startsWith(`${service.base}/provinces/68/`) && r.headers().authorization !== undefined,
      );
      await page.click('button[type="submit"]');
      await signedInAs('Nguyễn Thị Lan');
      expect(page.url()).not.toContain('code=');
      const call = await api;
      expect(call.headers().authorization).toMatch(/^Bearer eyJ/);
      expect((await call.response())?.status()).toBe(200);
      expect(tokenAnswers).toEqual([{ grant: 'authorization_code', status: 200 }]);
      expect(await storageHoldsToken()).toBe(false);
    }, 60_000);

    it('keeps the person signed in across a reload while the provider session lasts, without asking again', async () => {
      await page.evaluate("location.hash = '#/xa/68'");
      await signedInAs('Nguyễn Thị Lan');
      const silent = page.waitForRequest((r) => r.url().startsWith(`${provider.issuer}/auth?`));
      await page.reload();
      expect(new URL((await silent).url()).searchParams.get('prompt')).toBe('none');
      await signedInAs('Nguyễn Thị Lan');
      expect(tokenAnswers.map((a) => a.grant)).toEqual(['authorization_code', 'authorization_code']);
      expect(await page.locator('input[name="login"]').count()).toBe(0);
      expect(page.url()).toContain('#/xa/68');
      expect(await storageHoldsToken()).toBe(false);
    }, 60_000);

    it('renews the access token through the provider before it expires, and signs out when the account is disabled', async () => {
      const before = tokenAnswers.length;
      await expect
        .poll(() => tokenAnswers.slice(before).some((a) => a.grant === 'refresh_token' && a.status === 200), {
          timeout: 30_000,
          interval: 500,
        })
        .toBe(true);
      await page.evaluate("location.hash = '#/tinh/68/2026'");
      await signedInAs('Nguyễn Thị Lan');
      // The organisation disables the account: the next refresh is refused and the page says so.
      (accounts.get('lan.nguyen') as TestAccount).disabled = true;
      await page.locator('.signin', { hasText: 'Phiên đăng nhập đã kết thúc' }).waitFor({ timeout: 30_000 });
      expect(tokenAnswers.at(-1)).toEqual({ grant: 'refresh_token', status: 400 });
      expect(await page.locator('#nav .who').count()).toBe(0);
    }, 90_000);

    it('signs out at the provider too: a reload then stays signed out and the provider asks again', async () => {
      (accounts.get('lan.nguyen') as TestAccount).disabled = false;
      await page.click('#sign-in');
      // Still signed in at the provider: no form, straight back.
      await signedInAs('Nguyễn Thị Lan');
      const confirm = page.waitForURL((u) => u.href.startsWith(`${provider.issuer}/session/end`));
      await page.click('#sign-out');
      await confirm;
      await page.click('button[name="logout"]');
      await page.locator('#sign-in').waitFor({ timeout: 20_000 });
      expect(new URL(page.url()).origin).toBe(service.base);
      await page.reload();
      await page.locator('#sign-in').waitFor();
      expect(await page.locator('#nav .who').count()).toBe(0);
      await page.click('#sign-in');
      await page.locator('input[name="login"]').waitFor({ timeout: 20_000 });
    }, 60_000);

    it('tells a person the provider gave no role here why, and lets them sign in with another account', async () => {
      // Another browser: an account the provider knows but which has no role here.
      await page.context().close();
      page = await browser.newPage({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      await page.goto(service.base);
      await page.click('#sign-in');
      await page.locator('input[name="login"]').fill('khach');
      await page.locator('input[name="password"]').fill('mat-khau');
      await page.click('button[type="submit"]');
      await page.locator('.signin', { hasText: 'Đăng nhập không thành công' }).waitFor({ timeout: 20_000 });
      expect(await page.locator('.signin').innerText()).toContain('không mang vai trò');
      await page.click('#sign-in-another');
      await page.locator('input[name="login"]').fill('lan.nguyen');
      await page.locator('input[name="password"]').fill('mat-khau');
      await page.click('button[type="submit"]');
      await signedInAs('Nguyễn Thị Lan');
    }, 60_000);

    it('signs out offline without leaving the page, and says to sign in when the network is back', async () => {
      // Signed in as Nguyễn Thị Lan (the previous test); the connection drops.
      await page.context().setOffline(true);
      await page.waitForFunction('navigator.onLine === false');
      await page.click('#sign-out');
      await page.locator('.signin', { hasText: 'Đã đăng xuất trên máy này' }).waitFor();
      await page.click('#sign-in');
      await page.locator('.signin', { hasText: 'Đang mất mạng' }).waitFor();
      expect(new URL(page.url()).origin).toBe(service.base);
      await page.context().setOffline(false);
    }, 30_000);
  },
);
