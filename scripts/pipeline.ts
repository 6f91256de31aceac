/**
 * `npm run pipeline -- <environment>`: what the platform's workflows need to reach one environment,
 * as key=value lines for $GITHUB_OUTPUT, derived from the organisation settings (the same names
 * the bootstrap stack gives the roles): region, EKS cluster and kubeconfig context, the plan, drift
 * and deploy role ARNs, and the environment's stacks in deploy order.
 */
import * as path from 'path';
import { Command } from 'commander';
import { GroundworkError } from '../model/errors';
import { PIPELINE_ROLE_KINDS, eksCluster, pipelineRoleArn } from '../model/pipeline-roles';
import { runCommand } from '../model/run-command';
import { loadSettings } from './scaffold-service';

runCommand(() => {
  const program = new Command('pipeline')
    .description("print an environment's pipeline settings as key=value lines")
    .argument('<environment>', 'an environment of the organisation settings')
    .option('--root <dir>', 'project root', process.cwd())
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 1))
    .parse();
  const [environment] = program.args;
  const settings = loadSettings(path.resolve(program.opts<{ root: string }>().root));
  const env = settings.environments[environment];
  const names = Object.keys(settings.environments).sort();
  if (!env) throw new GroundworkError(`Environment "${environment}" is not one of ${names.join(', ')} (the organisation settings).`);
  if (!env.accountId) throw new GroundworkError(`environments.${environment}.accountId is not set in the organisation settings: the pipeline's role ARNs name the account.`);
  const { cluster, context } = eksCluster(environment, env);
  const lines = [`region=${env.region}`, `cluster=${cluster}`, `context=${context}`, ...PIPELINE_ROLE_KINDS.map((kind) => `${kind}-role=${pipelineRoleArn(settings, environment, kind)}`), `stacks=${environment}-aws ${environment}-kubernetes`];
  process.stdout.write(`${lines.join('\n')}\n`);
});
