import { matchFile, parse } from 'codeowners-utils';
import type { ResourceRecord } from '../../../terraform/resource-index';
import { literal } from '../../../terraform/resource-index';
import { referencedAddresses } from '../../../terraform/resource-kinds';
import type { PolicyContext } from '../../context';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

/** Where GitHub looks for CODEOWNERS, in its order: the first that exists is used. */
const CODEOWNERS_FILES = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];
/** What must stay with a team that can write: the ownership file itself and the workflows. */
const GUARDED = ['.github/CODEOWNERS', '.github/workflows/ci.yml'];
const WRITES = new Set(['push', 'maintain', 'admin']);

/** GitHub's slug of a team name: lowercase, runs of other characters as one hyphen. */
const slugOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9_]+/g, '-').replace(/^-|-$/g, '');

/** Slugs of the teams with push, maintain or admin access to the repository in this configuration. */
function writingTeams(r: ResourceRecord, ctx: PolicyContext): Set<string> {
  const teams = new Set<string>();
  for (const access of ctx.referencing(r, 'github_team_repository')) {
    if (!WRITES.has(literal(access.body.permission) ?? 'pull')) continue;
    const id = literal(access.body.team_id);
    if (id !== undefined) teams.add(slugOf(id)); // team_id takes a slug too
    for (const address of referencedAddresses(access.body.team_id)) {
      const team = ctx.inStack(r.stack).find((t) => t.type === 'github_team' && t.address === address);
      const name = team && literal(team.body.name);
      if (name) teams.add(slugOf(name));
    }
  }
  return teams;
}

export default defineRule(__filename, {
  rationale: 'GitHub ignores a code owner without write access, and whoever owns .github/CODEOWNERS can approve its own removal of the platform\'s ownership of the workflows.',
  fix: 'Give .github/ to a team with push, maintain or admin access (github_team_repository), on a CODEOWNERS line after the `*` line, since the last matching line wins (Repository does this for the platform team).',
  types: ['github_repository'],
  check: (r, ctx) => {
    const files = ctx.referencing(r, 'github_repository_file').filter((f) => CODEOWNERS_FILES.includes(literal(f.body.file) ?? ''));
    const file = CODEOWNERS_FILES.map((name) => files.find((f) => literal(f.body.file) === name)).find(Boolean);
    if (!file) return nonCompliant('manages no CODEOWNERS file, so no team is required to review changes to .github/');
    const content = literal(file.body.content);
    if (content === undefined) return nonCompliant(`its ${literal(file.body.file)} is computed, so who owns .github/ cannot be judged`);
    const entries = parse(content);
    const writers = writingTeams(r, ctx);
    for (const guarded of GUARDED) {
      const owners = matchFile(guarded, entries)?.owners ?? [];
      const teams = owners.filter((o) => /^@[^/]+\/.+$/.test(o));
      if (!teams.length) return nonCompliant(`gives ${guarded} to no team (${owners.length ? owners.join(' ') : 'no matching line'})`);
      if (!teams.some((t) => writers.has(slugOf(t.split('/')[1])))) return nonCompliant(`gives ${guarded} to ${teams.join(' ')}, which has no push, maintain or admin access to the repository (GitHub ignores such code owners)`);
    }
    return COMPLIANT;
  },
});
