import type { Feature } from '../features.js';

export const commandsFeature: Feature = { name: 'commands' };
