import { createServer, request } from 'node:http';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.ts';

describe('security headers', () => {
  it('are the headers helmet itself sets on a real response', async () => {
    const mw = helmet({ contentSecurityPolicy: false });
    const server = createServer((req, res) => mw(req, res, () => res.end('ok')));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const got = await new Promise<Record<string, string>>((resolve) => {
      request({ port, host: '127.0.0.1', path: '/' }, (res) => {
        res.resume();
        resolve(
          Object.fromEntries(
            Object.entries(res.headers)
              .filter(([k]) => !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(k))
              .map(([k, v]) => [k, String(v)]),
          ),
        );
      }).end();
    });
    server.close();
    expect(securityHeaders({ contentSecurityPolicy: false })).toEqual(got);
    expect(got['x-content-type-options']).toBe('nosniff');
  });
});
