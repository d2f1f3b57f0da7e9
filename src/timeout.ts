// The one deadline helper. Callers pass the message their context needs (a readiness probe, a
// Redis enqueue, a platform's report API), since those messages reach logs, probes and reports.

export const LATE = Symbol('late');

/** The promise's value, or LATE if it has not settled within `ms` (the promise keeps running). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof LATE> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), ms);
    timer.unref?.();
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The promise's value, or an Error(`message`) once `ms` have passed without one. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, message = `no answer within ${ms} ms`): Promise<T> {
  const result = await within(promise, ms);
  if (result === LATE) throw new Error(message);
  return result;
}
