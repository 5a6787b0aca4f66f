// A real HTTP endpoint for the reporter's browser tests: answers each POST with
// the next scripted status (then 200), records every request, and allows CORS.
import { createServer } from 'node:http';

/**
 * Starts an endpoint on a loopback port. `script` is a list of answers
 * (`{ status, retryAfter? }`) used in order; after it runs out every request gets 200.
 * @param {{ status: number, retryAfter?: string }[]} script
 */
export async function startScriptedEndpoint(script = []) {
  /** @type {{ at: number, contentType: string | undefined, body: any }[]} */
  const requests = [];
  const queue = [...script];
  const server = createServer((req, res) => {
    const cors = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': '*',
      'Access-Control-Expose-Headers': 'Retry-After',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      let parsed = body;
      try {
        parsed = JSON.parse(body);
      } catch {
        // keep the text
      }
      requests.push({ at: Date.now(), contentType: req.headers['content-type'], auth: req.headers['x-api-key'], body: parsed });
      const answer = queue.shift() ?? { status: 200 };
      res.writeHead(answer.status, { ...cors, ...(answer.retryAfter ? { 'Retry-After': answer.retryAfter } : {}) }).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/collect`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
