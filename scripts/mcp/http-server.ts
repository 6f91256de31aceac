/**
 * The MCP server over Streamable HTTP (`npm run mcp -- --http`), for clients that connect rather
 * than start a process. Bound to 127.0.0.1 only; every request must carry the bearer token from
 * GROUNDWORK_MCP_TOKEN (401 otherwise); the Host and Origin headers are checked by the SDK's own
 * StreamableHTTPServerTransport against this server's own address (403 otherwise), so a web page
 * whose name was made to resolve to 127.0.0.1 (DNS rebinding) cannot reach it. One MCP session per
 * client; the dry runs waiting for confirmation are shared by all of them.
 */
import { createHash, randomUUID, timingSafeEqual } from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { GroundworkError } from '../../model/errors';
import { Proposals } from './proposals';
import { createServer } from './server';
import type { ServerSettings } from './server-settings';

/** The only address it listens on. */
export const HTTP_HOST = '127.0.0.1';
export const DEFAULT_PORT = 3100;
/** The environment variable holding the bearer token. */
export const TOKEN_VARIABLE = 'GROUNDWORK_MCP_TOKEN';
const MIN_TOKEN = 32;
/** A request body larger than any call's arguments can be (strings are bounded to 200 characters; a 1 MB one is still answered, refused). */
const MAX_BODY = 2 * 1024 * 1024;
/** Sessions at once: each holds a server; past this the least recently used one is closed (clients that never say goodbye). */
const MAX_SESSIONS = 64;

export interface HttpServerOptions {
  /** 0: any free port (tests). */
  readonly port: number;
  readonly token: string | undefined;
  /** @default 64 */
  readonly maxSessions?: number;
}

export interface RunningHttpServer {
  readonly url: string;
  readonly port: number;
  readonly close: () => Promise<void>;
}

/** The token, refused in one sentence where it is missing or too short to be secret. */
export function checkedToken(token: string | undefined): string {
  if (!token || token.trim().length < MIN_TOKEN) {
    throw new GroundworkError(`npm run mcp -- --http needs a bearer token of at least ${MIN_TOKEN} characters in ${TOKEN_VARIABLE} (for example: export ${TOKEN_VARIABLE}=$(openssl rand -hex 32)); the server did not start.`);
  }
  return token.trim();
}

/** A port from the command line: a whole number from 1 to 65535. */
export function checkedPort(text: string): number {
  const port = /^[0-9]{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new GroundworkError(`--port "${text.slice(0, 20)}" must be a whole number from 1 to 65535.`);
  return port;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** A JSON-RPC error answer without an id, as the SDK's transport answers refused requests. */
function refuse(res: http.ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

/** The request body as JSON, at most MAX_BODY bytes; undefined where it is not JSON. */
async function jsonBody(req: http.IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; status: number; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return { ok: false, status: 413, message: `The request body is larger than ${MAX_BODY} bytes.` };
    chunks.push(chunk as Buffer);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, status: 400, message: 'The request body is not JSON.' };
  }
}

export async function startHttpServer(settings: ServerSettings, options: HttpServerOptions): Promise<RunningHttpServer> {
  const expected = digest(checkedToken(options.token));
  const proposals = new Proposals(settings.root);
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  let port = options.port;

  const authorized = (req: http.IncomingMessage) => {
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    // Compared as digests of equal length, in constant time.
    return given !== undefined && timingSafeEqual(digest(given), expected);
  };

  /** A new session's transport, its Host and Origin checks set to this server's own address. */
  const newSession = async () => {
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableDnsRebindingProtection: true,
      allowedHosts: [`${HTTP_HOST}:${port}`, `localhost:${port}`],
      allowedOrigins: [`http://${HTTP_HOST}:${port}`, `http://localhost:${port}`],
      onsessioninitialized: (id) => void sessions.set(id, transport),
      onsessionclosed: (id) => void sessions.delete(id),
    });
    transport.onclose = () => transport.sessionId && sessions.delete(transport.sessionId);
    await createServer(settings, proposals).connect(transport);
    return transport;
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!authorized(req)) return refuse(res, 401, `Unauthorized: send the bearer token from ${TOKEN_VARIABLE} (Authorization: Bearer <token>).`, { 'www-authenticate': 'Bearer realm="groundwork"' });
    if (new URL(req.url ?? '/', `http://${HTTP_HOST}`).pathname !== '/mcp') return refuse(res, 404, 'Not found: the MCP endpoint is /mcp.');
    const id = req.headers['mcp-session-id'];
    const known = typeof id === 'string' ? sessions.get(id) : undefined;
    // An ended or closed session: 404 tells the client to start a new one (the protocol's rule).
    if (id !== undefined && !known) return refuse(res, 404, 'Session not found: start a new session.');
    if (known) {
      // Kept in the order of last use: the first is the one to close when there are too many.
      sessions.delete(id as string);
      sessions.set(id as string, known);
    } else if (sessions.size >= (options.maxSessions ?? MAX_SESSIONS)) {
      const [oldest, transport] = sessions.entries().next().value!;
      sessions.delete(oldest);
      await transport.close();
    }
    const transport = known ?? (await newSession());
    let body: unknown;
    if (req.method === 'POST') {
      const read = await jsonBody(req);
      if (!read.ok) return refuse(res, read.status, read.message);
      body = read.value;
    }
    await transport.handleRequest(req, res, body);
    // A transport that started no session (a refused Host, a bad request) serves nobody.
    if (!known && !transport.sessionId) await transport.close();
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'The request could not be handled.');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new GroundworkError(`Port ${options.port} on ${HTTP_HOST} is in use; pass another with --port.`) : error),
    );
    server.listen(options.port, HTTP_HOST, resolve);
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${HTTP_HOST}:${port}/mcp`,
    port,
    close: async () => {
      await Promise.all([...sessions.values()].map((t) => t.close()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
