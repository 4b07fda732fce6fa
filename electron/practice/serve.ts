import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { PracticeResetError } from './faults.ts';

/** Largest request body the loopback adapter accepts. */
const MAX_REQUEST_BYTES = 1024 * 1024;

export type FetchHandler = (req: Request) => Promise<Response>;

/** Serve a fetch-style handler over HTTP on 127.0.0.1 (never another interface). */
export async function serveOnLoopback(handler: FetchHandler, port = 0): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    void handleNodeRequest(handler, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readRequestBody(req: IncomingMessage): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function handleNodeRequest(handler: FetchHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // The client hanging up aborts the Request's signal, so a seeded hang (faults.ts) settles
  // instead of holding its promise forever.
  const disconnected = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) disconnected.abort(new DOMException('The client closed the connection.', 'AbortError'));
  });
  try {
    const body = await readRequestBody(req);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(name, value);
      else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    }
    const request = new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`, {
      method: req.method,
      headers,
      body: body ? new Uint8Array(body) : undefined,
      signal: disconnected.signal,
    });
    const response = await handler(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body) {
      Readable.fromWeb(response.body as import('node:stream/web').ReadableStream).pipe(res);
    } else {
      res.end();
    }
  } catch (err) {
    // A seeded reset: drop the connection with no answer, as a crashed server or a proxy would.
    if (err instanceof PracticeResetError) {
      req.socket.destroy();
      return;
    }
    // Nobody is left to answer.
    if (disconnected.signal.aborted) return;
    if (!res.headersSent) res.writeHead(400, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ Message: 'The request could not be read.' }));
  }
}
