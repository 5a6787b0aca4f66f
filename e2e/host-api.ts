import type { DemoServer } from './start-demo-server.js';

/** A REST call as the host (bearer token): GET without a body, POST with one. */
export function hostApi(server: () => DemoServer) {
  return async (path: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const { url, hostToken } = server();
    const res = await fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${hostToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
}
