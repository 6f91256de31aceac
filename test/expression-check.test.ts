/** synth/expression-check.ts names where an expression the platform did not write sits, down to list indexes. */
import * as fs from 'fs';
import * as path from 'path';
import { stackExpressionProblems } from '../synth/expression-check';
import { cleanUp, tempDir } from './helpers/synth';

afterAll(cleanUp);

test('the place of a problem: block, type, name, keys and indexes; comments and declared references pass', () => {
  const outdir = tempDir();
  fs.mkdirSync(path.join(outdir, 'stacks', 's'), { recursive: true });
  const json = {
    resource: {
      aws_s3_bucket: { logs: { '//': { note: '${file("x")}' }, bucket: 'logs', tags: { owner: 'a' } } },
      aws_iam_policy: { p: { policy: '${jsonencode({"Resource" = [aws_s3_bucket.logs.arn]})}', statement: [{ actions: ['s3:Get*'] }, { actions: ['ok', '${file("/etc/passwd")}'] }] } },
    },
  };
  fs.writeFileSync(path.join(outdir, 'stacks', 's', 'cdk.tf.json'), JSON.stringify(json));
  expect(stackExpressionProblems(outdir, 's')).toEqual([
    's resource.aws_iam_policy.p.statement[1].actions[1]: holds the expression ${file("/etc/passwd")}, which is neither a reference to a resource of the stack nor jsonencode of literals; a value from props or settings must reach Terraform as a literal.',
  ]);
});

test('an element of a set attribute through tolist(<reference>) passes; tolist of anything else does not', () => {
  const { templateProblem } = require('../synth/expression-check') as typeof import('../synth/expression-check');
  const declared = new Set(['aws_acm_certificate.cert']);
  expect(templateProblem('${tolist(aws_acm_certificate.cert.domain_validation_options).0.resource_record_name}', declared)).toBeUndefined();
  expect(templateProblem('${tolist(aws_acm_certificate.cert.domain_validation_options)[0].resource_record_value}', declared)).toBeUndefined();
  expect(templateProblem('${tolist(aws_acm_certificate.other.domain_validation_options).0.resource_record_name}', declared)).toContain('not declared in this stack');
  expect(templateProblem('${tolist(file("/etc/passwd")).0}', declared)).toContain('neither a reference');
  expect(templateProblem('${tolist(var.x)}', declared)).toContain('not declared');
});
