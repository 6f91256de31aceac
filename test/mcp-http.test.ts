import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { checkedPort, checkedToken, RunningHttpServer, startHttpServer } from '../scripts/mcp/http-server';
import { refusalOf } from './helpers/mcp';
import { repo } from './helpers/project';
import { cleanUp, tempDir } from './helpers/synth';

/**
 * The MCP server over Streamable HTTP, driven by the SDK's own client over real HTTP on
 * 127.0.0.1: the bearer token is required (401), Host and Origin are checked against DNS
 * rebinding by the SDK's transport (403), and a good client lists and calls the tools.
 */
const TOKEN = 'a'.repeat(24) + '-groundwork-test-token-0123456789';
let server: RunningHttpServer;
let auditLog: string;

beforeAll(async () => {
  const dir = tempDir();
  auditLog = path.join(dir, 'audit.jsonl');
  server = await startHttpServer({ root: repo, outdir: path.join(dir, 'cdktf.out'), teams: ['payments'], auditLog }, { port: 0, token: TOKEN });
});
afterAll(async () => {
  await server?.close();
  cleanUp();
});

async function connect(token: string | undefined): Promise<Client> {
  const headers: Record<string, string> = token === undefined ? {} : { Authorization: `Bearer ${token}` };
  const client = new Client({ name: 'groundwork-http-test', version: '2.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers } }));
  return client;
}

/** A raw request, headers as given (Host included), answering the status and the JSON-RPC error message. */
function raw(headers: Record<string, string>, body: string | Buffer = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } }), target = '/mcp', host = '127.0.0.1'): Promise<{ status: number; message?: string; error?: string }> {
  return new Promise((resolve) => {
    const request = http.request({ host, port: server.port, path: target, method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        let message: string | undefined;
        try {
          message = JSON.parse(text).error?.message;
        } catch {
          message = undefined;
        }
        resolve({ status: res.statusCode!, message });
      });
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ status: 0, error: error.code }));
    request.end(body);
  });
}
const good = () => ({ host: `127.0.0.1:${server.port}`, authorization: `Bearer ${TOKEN}` });

test('listens on 127.0.0.1 only', async () => {
  expect(server.url).toBe(`http://127.0.0.1:${server.port}/mcp`);
  const other = await raw(good(), undefined, '/mcp', '::1');
  expect(other.status).toBe(0);
  expect(['ECONNREFUSED', 'EADDRNOTAVAIL', 'EAFNOSUPPORT']).toContain(other.error);
});

test('the right token: the SDK client lists the tools and calls one, recorded with its handshake name', async () => {
  const client = await connect(TOKEN);
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name)).toEqual([
    'find_services', 'describe_service', 'who_owns', 'cost', 'guardrail_findings', 'golden_paths',
    'propose_new_fine_tuning_job', 'propose_new_http_service', 'propose_new_knowledge_base', 'propose_new_scheduled_job', 'propose_new_static_site', 'propose_new_worker', 'propose_scale', 'propose_rollback', 'propose_add_data_store', 'confirm_proposal',
  ]);
  const answer = await client.callTool({ name: 'golden_paths', arguments: {} });
  expect((answer.structuredContent as any).goldenPaths.map((p: any) => p.name)).toEqual(['fine-tuning-job', 'http-service', 'knowledge-base', 'scheduled-job', 'static-site', 'worker']);
  // A 1 MB argument over HTTP: refused in one sentence like any other.
  const hostile = await client.callTool({ name: 'find_services', arguments: { text: 'x'.repeat(1024 * 1024) } });
  expect(hostile).toMatchObject({ isError: true, content: [{ type: 'text', text: 'find_services: "text" is longer than 200 characters.' }] });
  await client.close();
  const lines = fs.readFileSync(auditLog, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  expect(lines.map((l) => [l.tool, l.client, l.result.ok, l.arguments])).toEqual([
    ['golden_paths', { name: 'groundwork-http-test', version: '2.0.0' }, true, {}],
    ['find_services', { name: 'groundwork-http-test', version: '2.0.0' }, false, { text: '<1048576 characters, not recorded>' }],
  ]);
});

test('a missing or wrong token: 401 before anything else, and the SDK client cannot connect', async () => {
  const sentence = 'Unauthorized: send the bearer token from GROUNDWORK_MCP_TOKEN (Authorization: Bearer <token>).';
  expect(await raw({ host: good().host })).toEqual({ status: 401, message: sentence });
  expect(await raw({ ...good(), authorization: `Bearer ${TOKEN}x` })).toEqual({ status: 401, message: sentence });
  expect(await raw({ ...good(), authorization: `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}` })).toEqual({ status: 401, message: sentence });
  expect(await raw({ ...good(), authorization: `Bearer ${TOKEN.slice(0, -1)}` })).toEqual({ status: 401, message: sentence });
  await expect(connect('wrong')).rejects.toMatchObject({ code: 401, message: expect.stringContaining(sentence) });
  await expect(connect(undefined)).rejects.toMatchObject({ code: 401, message: expect.stringContaining(sentence) });
});

test('a Host or Origin other than this server (DNS rebinding) is refused by the SDK transport, token or not', async () => {
  expect(await raw({ ...good(), host: `attacker.example:${server.port}` })).toEqual({ status: 403, message: `Invalid Host header: attacker.example:${server.port}` });
  expect(await raw({ ...good(), host: '127.0.0.1:1' })).toEqual({ status: 403, message: 'Invalid Host header: 127.0.0.1:1' });
  expect(await raw({ ...good(), origin: 'http://attacker.example' })).toEqual({ status: 403, message: 'Invalid Origin header: http://attacker.example' });
  expect(await raw({ ...good(), origin: 'null' })).toEqual({ status: 403, message: 'Invalid Origin header: null' });
  // This server's own origin passes.
  expect((await raw({ ...good(), origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
});

test('other paths, bodies that are not JSON, and bodies over 2 MB are refused', async () => {
  expect(await raw(good(), undefined, '/../etc/passwd')).toEqual({ status: 404, message: 'Not found: the MCP endpoint is /mcp.' });
  expect(await raw(good(), '{"jsonrpc": "2.0", $(reboot)')).toEqual({ status: 400, message: 'The request body is not JSON.' });
  expect(await raw(good(), Buffer.alloc(3 * 1024 * 1024, 'x'))).toEqual({ status: 413, message: 'The request body is larger than 2097152 bytes.' });
});

test('past the session limit the least recently used session is closed; the others go on', async () => {
  const small = await startHttpServer({ root: repo, outdir: path.join(tempDir(), 'cdktf.out'), auditLog: path.join(tempDir(), 'audit.jsonl') }, { port: 0, token: TOKEN, maxSessions: 2 });
  const open = async () => {
    const client = new Client({ name: 'c', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(small.url), { requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } }));
    return client;
  };
  try {
    const [first, second] = [await open(), await open()];
    await first.listTools();
    const third = await open();
    expect((await first.listTools()).tools.length).toBe(6);
    expect((await third.listTools()).tools.length).toBe(6);
    await expect(second.listTools()).rejects.toMatchObject({ code: 404 });
    await Promise.all([first.close(), second.close(), third.close()]);
  } finally {
    await small.close();
  }
});

describe('starting', () => {
  const sentence = 'npm run mcp -- --http needs a bearer token of at least 32 characters in GROUNDWORK_MCP_TOKEN (for example: export GROUNDWORK_MCP_TOKEN=$(openssl rand -hex 32)); the server did not start.';

  test('without a token, or a short one, in one sentence; a port that is not one, too', () => {
    expect(refusalOf(() => checkedToken(undefined))).toBe(sentence);
    expect(refusalOf(() => checkedToken('   '))).toBe(sentence);
    expect(refusalOf(() => checkedToken('secret'))).toBe(sentence);
    expect(refusalOf(() => checkedPort('80; rm -rf /'))).toBe('--port "80; rm -rf /" must be a whole number from 1 to 65535.');
    expect(refusalOf(() => checkedPort('70000'))).toBe('--port "70000" must be a whole number from 1 to 65535.');
  });

  test('npm run mcp -- --http without GROUNDWORK_MCP_TOKEN: that sentence, exit 1, nothing listening', () => {
    const env = { ...process.env };
    delete env.GROUNDWORK_MCP_TOKEN;
    const result = spawnSync('node', [path.join(repo, 'dist/scripts/mcp.js'), '--http', '--port', '3999'], { cwd: repo, encoding: 'utf8', env, timeout: 20000 });
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 1, stdout: '', stderr: `${sentence}\nNothing was written.\n` });
  });
});
