// The published schemas and fixtures the tests validate against, vendored in test/contracts
// (see test/contracts/README.md for where each file comes from and why it is here).
import path from 'node:path';

const CONTRACTS_DIR = path.resolve(import.meta.dirname, '../contracts');

/** Absolute path of a vendored contract file, e.g. contractPath('slack/blockkit', 'x.json'). */
export const contractPath = (...parts: string[]): string => path.join(CONTRACTS_DIR, ...parts);
