/**
 * JSON files already parsed in this run, by absolute path: synth's expression check parses every
 * stack it wrote, and the analysis right after reads them from here instead of parsing them again.
 */
export type ParsedFiles = ReadonlyMap<string, unknown>;

export const NO_PARSED_FILES: ParsedFiles = new Map();
