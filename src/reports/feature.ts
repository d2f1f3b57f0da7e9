import type { Feature } from '../features.js';

export const reportsFeature: Feature = { name: 'reports' };
