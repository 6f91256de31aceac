import { literal } from '../../terraform/resource-index';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('name');

export const githubRepository = resourceType({
  type: 'github_repository',
  attributes: body.names,
  catalog: { kind: 'repository', name: (r) => literal(body.read(r).name) },
  deletionProtection: { attribute: 'archive_on_destroy', protectedWhen: true },
  scorecard: ['repository'],
  pricing: 'free',
});
