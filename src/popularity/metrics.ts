// The views' Prometheus metrics on GET /metrics: every view received, by what became of it.
import { Counter, type Registry } from 'prom-client';
import type { ViewTally } from './service.js';

export function viewMetrics(registry: Registry): (tally: ViewTally) => void {
  const received = new Counter({
    name: 'views_ingested_total',
    help: 'Views received by POST /v1/views, by outcome: accepted (counted), repeat, bot, or unknown (unknown or invisible article).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  // Zero series exist from the start, so a rate over them is defined before the first view.
  for (const outcome of ['accepted', 'repeat', 'bot', 'unknown'] as const) received.inc({ outcome }, 0);
  return (tally) => {
    for (const outcome of ['accepted', 'repeat', 'bot', 'unknown'] as const) {
      if (tally[outcome] > 0) received.inc({ outcome }, tally[outcome]);
    }
  };
}
