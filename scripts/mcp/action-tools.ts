/**
 * The action tools: each only proposes. A call answers a dry run (the diff of the files the change
 * writes, validated by the command line's own code) with an id; `confirm_proposal` with that id
 * commits it on a new branch and answers the push command. Nothing deploys; the working tree of
 * the repository is never written.
 */
import * as path from 'path';
import { z } from 'zod';
import { goldenPaths } from '../../golden-paths/registry';
import { GroundworkError } from '../../model/errors';
import { DATA_STORES, DATABASE_SIZES, planAddDataStore } from '../add-data-store';
import { applyScaffold, planScaffold } from '../scaffold-service';
import { applyChange, DefinitionChange, findService, planRollback, planScale } from '../service-operations';
import { newServiceInput, newServiceToolName, scaffoldRequest } from './golden-path-schemas';
import type { DryRun, Proposals, ProposedChange } from './proposals';
import { proposalAnalysisOutput } from './proposal-analysis';
import * as ts from 'typescript';
import { literalOf, propertyName } from '../service-source';
import { checkScope, ServerSettings } from './server-settings';
import { text, ToolSpec } from './tool-spec';

const dryRunOutput = z.object({
  dryRun: z.object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    base: z.string(),
    branch: z.string(),
    files: z.array(z.string()),
    diff: z.string(),
    analysis: proposalAnalysisOutput.describe('the cost delta and guardrail result of the change, computed as npm run review computes them'),
  }),
  next: z.string(),
});

/** What every dry run answers beside its diff. */
const ANALYSED = 'its monthly cost delta (per service, before and after) and guardrail result (errors, new and fixed findings) as npm run review computes them';

const answer = (dryRun: DryRun) => ({ dryRun, next: `Nothing is written yet. To commit this on branch ${dryRun.branch}, call confirm_proposal with id ${dryRun.id}.` });

/** The owner a service's file declares (the team an action on it is scoped by). */
export function serviceOwner(worktree: string, name: string): string {
  const service = findService(worktree, name);
  const property = service.call.props.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyName(p.name) === 'owner');
  const owner = property && literalOf(property.initializer);
  if (typeof owner !== 'string' || !/^[a-z0-9-]+$/.test(owner)) throw new GroundworkError(`${service.file} has no literal owner line, so the platform cannot tell whose service ${name} is; change it by hand.`);
  return owner;
}

/** The owner a service's file declares, checked against the server's scope before anything is proposed. */
function checkServiceScope(settings: ServerSettings, worktree: string, name: string): void {
  checkScope(settings, serviceOwner(worktree, name), `Service ${name}`);
}

/** A change ops plans, written into the worktree by ops's own code. */
const opsChange = (settings: ServerSettings, service: string, plan: (worktree: string) => DefinitionChange, branch: string, title: string): ProposedChange => ({
  branch,
  title,
  plan: (worktree) => {
    checkServiceScope(settings, worktree, service);
    const planned = plan(worktree);
    const write = () => {
      if (planned.before !== planned.after) applyChange(worktree, planned);
    };
    return { summary: planned.summary, write };
  },
});

export function actionTools(settings: ServerSettings, proposals: Proposals): ToolSpec[] {
  const newService = goldenPaths().map(
    (definition): ToolSpec => ({
      name: newServiceToolName(definition),
      title: `Propose a new ${definition.name} service`,
      description: `Dry run of npm run new-service --golden-path ${definition.name} (${definition.summary}): validated by new-service's own code, answers the diff of the files it would write, ${ANALYSED} and an id for confirm_proposal. Writes nothing.`,
      kind: 'action',
      input: newServiceInput(definition),
      output: dryRunOutput,
      run: (args) => {
        const request = scaffoldRequest(definition, args);
        checkScope(settings, request.owner!, `The new service ${request.name}`);
        const change: ProposedChange = {
          branch: `new-service/${request.name}`,
          title: `New service ${request.name} (${definition.name}, owner ${request.owner})`,
          plan: (worktree) => {
            const plan = planScaffold(request, worktree);
            return { summary: `${plan.file} (${definition.className}) listed as ${plan.functionName} in ${path.join('stacks', 'services', 'index.ts')}`, write: () => applyScaffold(plan, worktree) };
          },
        };
        return answer(proposals.dryRun(newServiceToolName(definition), change));
      },
    }),
  );

  const scale: ToolSpec = {
    name: 'propose_scale',
    title: 'Propose scaling a service',
    description: `Dry run of npm run ops -- scale: the minimum replicas of a service in every environment or one, checked against its golden path's range and its maxReplicas; answers the one-line diff, ${ANALYSED} and an id for confirm_proposal. Writes nothing.`,
    kind: 'action',
    input: z.strictObject({ service: text('service name'), replicas: z.number().int().describe('minimum replicas'), environment: text('one environment; default: every environment').optional() }),
    output: dryRunOutput,
    run: ({ service, replicas, environment }) => {
      const [name, env] = [service as string, environment as string | undefined];
      const branch = `ops/scale-${name}-${env ?? 'all'}-${replicas}`;
      const title = `Scale ${name} to ${replicas} replicas${env ? ` in ${env}` : ' in every environment'}`;
      return answer(proposals.dryRun('propose_scale', opsChange(settings, name, (worktree) => planScale(worktree, name, String(replicas), env), branch, title)));
    },
  };

  const rollback: ToolSpec = {
    name: 'propose_rollback',
    title: 'Propose rolling a service back',
    description: `Dry run of npm run ops -- rollback: the service's image version set back to the one before the current in its file's git history; answers the diff, ${ANALYSED} and an id for confirm_proposal. Writes nothing.`,
    kind: 'action',
    input: z.strictObject({ service: text('service name') }),
    output: dryRunOutput,
    run: ({ service }) => {
      const name = service as string;
      return answer(proposals.dryRun('propose_rollback', opsChange(settings, name, (worktree) => planRollback(worktree, name), `ops/rollback-${name}`, `Roll ${name} back`)));
    },
  };

  const addDataStore: ToolSpec = {
    name: 'propose_add_data_store',
    title: 'Propose adding a data store to a service',
    description: `Dry run of adding a data store (${DATA_STORES.join(', ')}) to a service: one prop written into its file in stacks/services, as its golden path's options allow (a database takes a size: ${DATABASE_SIZES.join(', ')}; default ${DATABASE_SIZES[0]}); answers the diff, ${ANALYSED} and an id for confirm_proposal. Writes nothing.`,
    kind: 'action',
    input: z.strictObject({
      service: text('service name'),
      store: z.enum(DATA_STORES).describe('the data store to add'),
      size: z.enum(DATABASE_SIZES).optional().describe(`database only: its size (default: ${DATABASE_SIZES[0]})`),
    }),
    output: dryRunOutput,
    run: ({ service, store, size }) => {
      const [name, kind] = [service as string, store as string];
      return answer(
        proposals.dryRun('propose_add_data_store', opsChange(settings, name, (worktree) => planAddDataStore(worktree, name, kind, size as string | undefined), `data-store/${name}-${kind}`, `Add a ${kind} to ${name}`)),
      );
    },
  };

  const confirm: ToolSpec = {
    name: 'confirm_proposal',
    title: 'Confirm a proposal: commit it on a new branch',
    description: 'Makes the change of a dry run again on the same commit, in a temporary worktree, and commits it on the branch the dry run named (the working tree is not touched; nothing is pushed or deployed). Answers the branch, the commit and the exact push command.',
    kind: 'action',
    input: z.strictObject({ id: z.string().max(64).describe('the id a propose_* dry run answered') }),
    output: z.object({ branch: z.string(), commit: z.string(), files: z.array(z.string()), pushCommand: z.string() }),
    run: ({ id }, context) => {
      const committed = proposals.confirm(id as string, context.commitMessage);
      context.record({ branch: committed.branch, commit: committed.commit });
      return committed;
    },
  };

  return [...newService, scale, rollback, addDataStore, confirm];
}
