/** The node flags a command line runs a script with (`node --a --b=1 dist/x.js`): the bench measures what users run. */
export function nodeFlagsOf(command: string, script: string, where: string): string[] {
  const flags = new RegExp(`\\bnode((?: --[\\w-]+(?:=\\S+)?)*) ${script.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`).exec(command);
  if (!flags) throw new Error(`${where} does not run node ${script}: ${command}`);
  return flags[1].trim().split(/\s+/).filter(Boolean);
}
