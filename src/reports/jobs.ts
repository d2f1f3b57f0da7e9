// Jobs of the weekly report feature.
export const reportJobs = {} as const;
