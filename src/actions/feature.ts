import type { Feature } from '../features.js';

export const actionsFeature: Feature = { name: 'actions' };
