/**
 * What orchestrators and scrapers call: answered while load is shed and before start-up has
 * finished, since they must see why an instance takes no requests.
 */
const PROBES = new Set(['/health', '/health/live', '/health/ready', '/metrics']);
export const isProbe = (url: string): boolean => PROBES.has(url.split('?', 1)[0] ?? '');
