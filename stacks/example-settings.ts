import settings from './organisation.json';

/**
 * The example organisation's settings, kept as data in organisation.json so tools (new-service)
 * read them without running code. Validated against model/schema/organisation.schema.json at
 * every synth: a typo stops synth with a sentence naming the setting.
 */
export const organisationSettings = settings;
export { ORGANISATION_SETTINGS_FILE as ORGANISATION_FILE } from '../model/organisation-settings';
