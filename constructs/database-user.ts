import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { GroundworkError } from '../model/errors';
import type { IGrantee } from './grantee';
import type { IDatabase } from './postgres-database';

/** A PostgreSQL role name the platform creates: lower-case letters, digits and "_", at most 63 bytes (NAMEDATALEN - 1). */
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The database user of a service: its name with "-" as "_" (a plain PostgreSQL identifier). */
export function databaseUserName(service: string): string {
  const user = service.replace(/-/g, '_');
  if (!ROLE_NAME.test(user)) throw new GroundworkError(`Service "${service}": its database user "${user}" is not a PostgreSQL role name (lower-case letters, digits and "_", at most 63 characters).`);
  return user;
}

/**
 * SQL that creates a service's database user for IAM authentication (`rds_iam`: it signs in with
 * a 15-minute token, never a password) and lets it use the service's database. Idempotent: every
 * statement may run again. Run by the platform team as the master user, connected to the
 * service's database (the master secret is the platform's, no service role reads it).
 */
export function databaseUserSql(service: string): string {
  const user = databaseUserName(service);
  return [
    `-- Database user of ${service}: signs in with an IAM authentication token (rds_iam), never a password.`,
    `-- Idempotent. Run as the master user, connected to the service's database.`,
    `DO $groundwork$`,
    `BEGIN`,
    `  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '${user}') THEN`,
    `    CREATE ROLE "${user}" LOGIN;`,
    `  END IF;`,
    `  EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO "${user}"', current_database());`,
    `END`,
    `$groundwork$;`,
    `GRANT rds_iam TO "${user}";`,
    `GRANT USAGE, CREATE ON SCHEMA public TO "${user}";`,
    `-- Tables and sequences made while the service signed in as the master user: the service keeps using them.`,
    `GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public TO "${user}";`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO "${user}";`,
    '',
  ].join('\n');
}

export interface DatabaseUserProps {
  /** The database the user signs in to. */
  readonly database: IDatabase;
  /** The service the user belongs to (its name gives the user's). */
  readonly service: string;
  /** Who may sign in as the user: gets `rds-db:connect` on this user only. */
  readonly grantee: IGrantee;
}

/**
 * A service's own database user, signed in with IAM authentication: the grant (`rds-db:connect`
 * on `dbuser:<resource id>/<user>`) and, as the stack output `<service>-database-user`, the
 * idempotent SQL that creates the user in PostgreSQL (a step Terraform cannot do: the instance is
 * private, and creating roles needs the master password).
 */
export class DatabaseUser extends Construct {
  readonly userName: string;
  readonly outputName: string;

  constructor(scope: Construct, id: string, props: DatabaseUserProps) {
    super(scope, id);
    this.userName = databaseUserName(props.service);
    props.database.grantConnect(props.grantee, this.userName);
    this.outputName = `${props.service}-database-user`;
    const output = new TerraformOutput(this, 'sql', { value: databaseUserSql(props.service), description: `SQL creating the IAM-authenticated database user ${this.userName} of ${props.service} (idempotent; run as the master user)` });
    output.overrideLogicalId(this.outputName);
  }
}
