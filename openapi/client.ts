import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema.ts';

/**
 * The typed client for this API, generated from openapi/openapi.json: every path, parameter,
 * body and response is checked by TypeScript. `baseUrl` is the service root, e.g.
 * `http://127.0.0.1:3000`.
 */
export function createCamClient(baseUrl: string, headers: Record<string, string> = {}): Client<paths> {
  return createClient<paths>({ baseUrl, headers });
}

export type { paths };
