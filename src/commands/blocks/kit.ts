// The command and Home builders use the shared Block Kit constructors.
export * from '../../slack/blocks/kit.js';
