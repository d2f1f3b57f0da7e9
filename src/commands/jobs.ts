// Jobs of the slash commands and App Home feature.
export const commandJobs = {} as const;
