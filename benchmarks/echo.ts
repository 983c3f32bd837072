/**
 * The baseline of bench:commands: a bare fastify (the service's version) that parses a JSON body
 * and sends it back, on the port given as the first argument. No plugins, hooks or logging.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/echo', async (req) => req.body);
await app.listen({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0) });
process.send?.({ port: (app.server.address() as { port: number }).port });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
