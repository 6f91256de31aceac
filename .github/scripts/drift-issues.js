// The drift workflow's report (actions/github-script): one open issue per stack, labelled drift,
// created or updated; a stack whose plan drifted lists the drifted resources and their owners
// from the catalog, a stack whose plan failed shows terraform's error and fails the job. Kept in
// a file so that test/drift-issues.test.ts runs it against a fake github object.
'use strict';
const fs = require('fs');
const path = require('path');

const MARKER = (stack) => `<!-- groundwork-drift: ${stack} -->`;
const FENCE = '~~~~';

/** Terraform address (without an instance key) -> owning team, from the catalog's entities. */
function ownersFrom(catalogFile) {
  const owners = new Map();
  if (!fs.existsSync(catalogFile)) return owners;
  const catalog = JSON.parse(fs.readFileSync(catalogFile, 'utf8'));
  for (const entity of catalog.entities ?? []) for (const t of entity.terraform ?? []) if (entity.owner) owners.set(`${t.stack} ${t.address}`, entity.owner);
  return owners;
}

function driftBody(stack, plan, owners) {
  const drifted = (plan.resource_changes ?? []).filter((c) => !c.change.actions.every((a) => a === 'no-op' || a === 'read'));
  const lines = drifted.map((c) => `- \`${c.address}\` (${c.change.actions.join(', ')}), owner: ${owners.get(`${stack} ${c.address.replace(/\[[^\]]*\]$/, '')}`) ?? 'unknown'}`);
  return `${MARKER(stack)}\nThe nightly plan of **${stack}** differs from the code:\n\n${lines.join('\n')}`;
}

function failureBody(stack, error) {
  // A fence longer than any run of tildes in the error keeps terraform's text as text.
  const text = error.trim() || 'terraform failed without a message';
  const fence = FENCE + '~'.repeat(Math.max(0, ...(text.match(/~+/g) ?? []).map((m) => m.length - 3)));
  return `${MARKER(stack)}\nThe nightly plan of **${stack}** failed, so drift was not checked:\n\n${fence}\n${text}\n${fence}`;
}

/** Creates or updates the stack's one open drift issue (found by its marker, else by its title). */
async function upsert(github, repo, open, stack, title, body) {
  const existing = open.find((i) => (i.body ?? '').startsWith(MARKER(stack))) ?? open.find((i) => i.title === title);
  if (existing) await github.rest.issues.update({ ...repo, issue_number: existing.number, title, body });
  else await github.rest.issues.create({ ...repo, title, body, labels: ['drift'] });
}

module.exports = async function reportDrift({ github, context, core, folder, catalog }) {
  const repo = { owner: context.repo.owner, repo: context.repo.repo };
  const files = fs.existsSync(folder) ? fs.readdirSync(folder).sort() : [];
  const drifted = files.filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));
  const failed = files.filter((f) => f.endsWith('.failed')).map((f) => f.slice(0, -'.failed'.length));
  if (!drifted.length && !failed.length) return { drifted, failed };
  const owners = ownersFrom(catalog);
  const open = await github.paginate(github.rest.issues.listForRepo, { ...repo, state: 'open', labels: 'drift', per_page: 100 });
  for (const stack of drifted) {
    const plan = JSON.parse(fs.readFileSync(path.join(folder, `${stack}.json`), 'utf8'));
    await upsert(github, repo, open, stack, `Drift in stack ${stack}`, driftBody(stack, plan, owners));
  }
  for (const stack of failed) {
    await upsert(github, repo, open, stack, `Drift check failed for stack ${stack}`, failureBody(stack, fs.readFileSync(path.join(folder, `${stack}.failed`), 'utf8')));
  }
  if (failed.length) core.setFailed(`The drift plan of ${failed.join(', ')} failed; see the issue${failed.length > 1 ? 's' : ''} labelled drift.`);
  return { drifted, failed };
};
