/**
 * `npm run mcp`: the Groundwork MCP server over stdio, as editors and assistants start MCP servers.
 * Settings come from the environment (scripts/mcp/server-settings.ts); stdout is the protocol's,
 * so problems go to stderr.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { runCommand } from '../model/run-command';
import { createServer } from './mcp/server';
import { settingsFromEnvironment } from './mcp/server-settings';

runCommand(async () => {
  const settings = settingsFromEnvironment(process.env, process.cwd());
  await createServer(settings).connect(new StdioServerTransport());
  process.stderr.write(`Groundwork MCP server on stdio: reading ${settings.outdir}; ${settings.teams ? `proposals for ${settings.teams.join(', ')}` : 'read-only'}; audit log ${settings.auditLog}.\n`);
});
