// How long a load test takes with given settings: stated when it starts, so a run is never open-ended.
import type { LoadSettings } from './phases.js';

/** The run's length: expected, and at most (every run waiting its full timeout for stragglers), seconds. */
export function plannedSeconds(settings: LoadSettings): { expected: number; atMost: number } {
  const has = (phase: string) => settings.phases.includes(phase);
  // Copying the dataset, starting the service, the warm-up; stopping it.
  const start = 3 + settings.warmupSeconds;
  const timeout = settings.timeoutMs / 1000;
  const a = has('a') ? settings.runs * (start + settings.seconds) : 0;
  const b = has('b') ? settings.runs * (start + settings.searchSteps * (settings.stepSeconds + 3)) : 0;
  const c = has('c') ? settings.runs * (start + settings.overloadSeconds + settings.recoverySeconds) : 0;
  const waits =
    settings.runs * ((has('a') ? 2 : 0) + (has('b') ? settings.searchSteps + 1 : 0) + (has('c') ? 3 : 0)) * timeout +
    (has('b') ? settings.runs * settings.searchSteps * 5 : 0);
  // Planning: following list cursors and checking the most requested URLs of each kind.
  const plan = 15;
  return { expected: plan + a + b + c, atMost: plan + a + b + c + waits };
}
