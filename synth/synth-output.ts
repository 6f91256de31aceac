import { onlyEntries, OutputKind } from '../model/output-folder';

/** cdktf's output folder with the reports; an unmarked one with manifest.json and catalog/ (and nothing else Groundwork does not write there) is an earlier version's. */
export const SYNTH_OUTPUT: OutputKind = {
  id: 'synth',
  name: 'the synth output',
  writtenBefore: onlyEntries(['manifest.json', 'catalog'], (e) => ['stacks', 'spend', 'plans'].includes(e)),
};
