/**
 * `npm run mcp`: the Groundwork MCP server over stdio, as editors and assistants start MCP servers;
 * `npm run mcp -- --http [--port N]`: over Streamable HTTP on 127.0.0.1, with the bearer token
 * from GROUNDWORK_MCP_TOKEN. Settings come from the environment (scripts/mcp/server-settings.ts);
 * on stdio, stdout is the protocol's, so problems go to stderr.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { Command } from 'commander';
import { runCommand } from '../model/run-command';
import { TERMINAL_OUTPUT } from '../model/terminal-text';
import { checkedPort, checkedToken, DEFAULT_PORT, HTTP_HOST, startHttpServer, TOKEN_VARIABLE } from './mcp/http-server';
import { createServer } from './mcp/server';
import { settingsFromEnvironment } from './mcp/server-settings';

runCommand(async () => {
  const options = new Command('mcp')
    .configureOutput(TERMINAL_OUTPUT)
    .description('The Groundwork MCP server: over stdio, or over Streamable HTTP on 127.0.0.1')
    .option('--http', `serve Streamable HTTP on ${HTTP_HOST} (bearer token from ${TOKEN_VARIABLE})`, false)
    .option('--port <port>', 'the HTTP port', String(DEFAULT_PORT))
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 1))
    .parse()
    .opts<{ http: boolean; port: string }>();
  const settings = settingsFromEnvironment(process.env, process.cwd());
  const scope = `${settings.teams ? `proposals for ${settings.teams.join(', ')}` : 'read-only'}; audit log ${settings.auditLog}`;
  if (options.http) {
    const token = checkedToken(process.env[TOKEN_VARIABLE]);
    const running = await startHttpServer(settings, { port: checkedPort(options.port), token });
    process.stderr.write(`Groundwork MCP server on ${running.url} (Streamable HTTP, bearer token from ${TOKEN_VARIABLE}): reading ${settings.outdir}; ${scope}.\n`);
    return;
  }
  await createServer(settings).connect(new StdioServerTransport());
  process.stderr.write(`Groundwork MCP server on stdio: reading ${settings.outdir}; ${scope}.\n`);
});
