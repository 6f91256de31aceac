import { Team } from '@cdktf/provider-github/lib/team';
import { Construct } from 'constructs';
import type { TeamSettings } from '../model/organisation-settings';
import { terraformLiteral } from './literal';

export interface GithubTeamProps {
  /** Team name as in the organisation settings; also its GitHub slug. */
  readonly name: string;
  /** The team as the organisation settings describe it. */
  readonly settings: TeamSettings;
}

/** A team of the organisation on GitHub, so repository access and CODEOWNERS name real teams. */
export class GithubTeam extends Construct {
  readonly team: Team;
  readonly name: string;
  readonly teamId: string;

  constructor(scope: Construct, id: string, props: GithubTeamProps) {
    super(scope, id);
    this.name = props.name;
    this.team = new Team(this, 'team', {
      name: props.name,
      description: terraformLiteral(props.settings.description ?? props.settings.displayName),
      privacy: 'closed',
    });
    this.teamId = this.team.id;
  }
}
