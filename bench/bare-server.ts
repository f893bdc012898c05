// The bare baseline of the ingest figure: a fastify route that only parses the JSON body and answers like ferry.
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
app.post('/v1/batch', async (request) => {
  const body = request.body as { batch?: unknown[] } | undefined;
  return { success: Array.isArray(body?.batch) };
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`bare fastify listening on ${url}\n`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
