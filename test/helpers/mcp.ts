import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { isGroundworkError } from '../../model/errors';
import { createServer } from '../../scripts/mcp/server';
import { oneLine } from '../../scripts/mcp/tool-spec';
import type { ServerSettings } from '../../scripts/mcp/server-settings';

/** The SDK's own client connected to a Groundwork MCP server over the SDK's in-memory transport. */
export async function connectClient(settings: ServerSettings): Promise<Client> {
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  await createServer(settings).connect(serverSide);
  const client = new Client({ name: 'groundwork-test', version: '1.2.3' });
  await client.connect(clientSide);
  return client;
}

/** A tool's answer: its structured content, or its refusal sentence. */
export async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<{ ok: true; data: any } | { ok: false; sentence: string }> {
  const result = await client.callTool({ name, arguments: args });
  const text = (result.content as Array<{ type: string; text: string }>)[0].text;
  return result.isError ? { ok: false, sentence: text } : { ok: true, data: result.structuredContent };
}

/** The structured answer of a call that must succeed. */
export async function data(client: Client, name: string, args: Record<string, unknown> = {}): Promise<any> {
  const answer = await call(client, name, args);
  if (!answer.ok) throw new Error(`${name} refused: ${answer.sentence}`);
  return answer.data;
}

/** The sentence of a call that must be refused. */
export async function refused(client: Client, name: string, args: Record<string, unknown> = {}): Promise<string> {
  const answer = await call(client, name, args);
  if (answer.ok) throw new Error(`${name} answered instead of refusing: ${JSON.stringify(answer.data).slice(0, 300)}`);
  return answer.sentence;
}

/** The one sentence a synchronous call is refused with, as a tool says it; a call that is not refused fails the test. */
export function refusalOf(act: () => unknown): string {
  try {
    act();
  } catch (error) {
    if (isGroundworkError(error)) return oneLine(error);
    throw error;
  }
  throw new Error('not refused');
}
