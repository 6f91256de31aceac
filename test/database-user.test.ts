/** IAM database authentication: each service's own database user, the grant and the idempotent SQL that creates the user. */
import { databaseUserName, databaseUserSql } from '../constructs/database-user';
import { buildOrganisation } from '../stacks/app';
import { cleanUp, errorOf, resourcesOfType, synth } from './helpers/synth';
import { oneService } from './helpers/org';

afterAll(cleanUp);

test('the SQL creates the user only when missing, grants rds_iam and the database, and sets no password', () => {
  expect(databaseUserSql('shop-api')).toBe(`-- Database user of shop-api: signs in with an IAM authentication token (rds_iam), never a password.
-- Idempotent. Run as the master user, connected to the service's database.
DO $groundwork$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'shop_api') THEN
    CREATE ROLE "shop_api" LOGIN;
  END IF;
  EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO "shop_api"', current_database());
END
$groundwork$;
GRANT rds_iam TO "shop_api";
GRANT USAGE, CREATE ON SCHEMA public TO "shop_api";
-- Tables and sequences made while the service signed in as the master user: the service keeps using them.
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public TO "shop_api";
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO "shop_api";
`);
  // Every statement is safe to run twice: the only CREATE is guarded, GRANT of what is held is a notice.
  const statements = databaseUserSql('orders').split('\n').filter((l) => /^\s*(CREATE|ALTER|DROP)/.test(l));
  expect(statements).toEqual(['    CREATE ROLE "orders" LOGIN;']);
  const sql = databaseUserSql('orders').split('\n').filter((l) => !l.startsWith('--'));
  expect(sql.join('\n')).not.toMatch(/PASSWORD/i);
});

test('a user name is a plain PostgreSQL identifier, or one sentence saying why not', () => {
  expect(databaseUserName('ledger-reconciliation')).toBe('ledger_reconciliation');
  expect(errorOf(() => databaseUserName('shop"; DROP ROLE x; --'))).toBe('Service "shop"; DROP ROLE x; --": its database user "shop"; DROP ROLE x; __" is not a PostgreSQL role name (lower-case letters, digits and "_", at most 63 characters).');
  expect(errorOf(() => databaseUserName('9lives'))).toContain('is not a PostgreSQL role name');
});

test('the example organisation: every service with a database has the SQL as a stack output, its pods the host, port, user and IAM auth', () => {
  const { stacks } = synth(buildOrganisation);
  let outputs = 0;
  for (const stack of stacks.filter((s) => s.name.endsWith('-aws'))) {
    const instances = resourcesOfType(stack.json, 'aws_db_instance');
    const sql = Object.entries<any>(stack.json.output ?? {}).filter(([name]) => name.endsWith('-database-user'));
    expect(sql).toHaveLength(instances.length);
    for (const [name, output] of sql) expect(output.value).toBe(databaseUserSql(name.replace(/-database-user$/, '')));
    outputs += sql.length;
  }
  expect(outputs).toBeGreaterThan(2);
  const kubernetes = stacks.filter((s) => s.name.endsWith('-kubernetes')).map((s) => JSON.stringify(s.json));
  expect(kubernetes.join()).not.toContain('DATABASE_SECRET_ARN');
  const deployments = resourcesOfType(stacks.find((s) => s.name === 'production-kubernetes')!.json, 'kubernetes_deployment_v1');
  const checkout = deployments.find((d) => d.metadata.name === 'checkout')!;
  const env = Object.fromEntries(checkout.spec.template.spec.container[0].env.map((e: any) => [e.name, e.value]));
  expect(env).toMatchObject({ DATABASE_HOST: expect.stringContaining('checkout_database_instance'), DATABASE_PORT: '5432', DATABASE_USER: 'checkout', DATABASE_AUTH: 'iam' });
});

test('a service without a database gets neither the grant nor the output', () => {
  const { stacks } = synth((app) => oneService(app, {}));
  const production = stacks.find((s) => s.name === 'production-aws')!.json;
  expect(Object.keys(production.output ?? {}).filter((name) => name.endsWith('-database-user'))).toEqual([]);
  expect(JSON.stringify(resourcesOfType(production, 'aws_iam_role_policy'))).not.toContain('rds-db');
});
