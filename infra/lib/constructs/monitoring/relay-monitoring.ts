import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { MINUTE } from './app-metrics.js';
import type { WatchedMetric } from './service-monitor.js';

/** The parts of the cart's outbox relay that its dashboard watches. */
export interface WatchedRelay {
  readonly function: lambda.IFunction;
  /** Where the event source puts the batches it gave up on. */
  readonly failures: sqs.IQueue;
}

const RUNBOOK = 'cart-events-relay.md';

/**
 * The relay's panels: it is the only writer of the inventory stream, so its lag, errors and given-up
 * batches are what make units held in carts late or missing.
 */
export function cartEventsPanels(relay: WatchedRelay): WatchedMetric[] {
  const fn = relay.function;
  return [
    { title: 'Invocations', metrics: [fn.metricInvocations({ period: MINUTE })] },
    {
      title: 'Iterator age',
      metrics: [fn.metric('IteratorAge', { statistic: 'Maximum', period: MINUTE })],
      alarmAbove: 60_000,
      alarmWhen: { breaching: 5, of: 5 },
      alarmDescription:
        'The cart-events relay is more than 60 s behind the newest cart write, for 5 minutes.',
      runbook: RUNBOOK,
    },
    {
      title: 'Lambda errors',
      metrics: [fn.metricErrors({ period: MINUTE })],
      alarmAbove: 0,
      alarmDescription:
        'Invocations of the cart-events relay failed: a crash, a timeout or bad configuration.',
      runbook: RUNBOOK,
    },
    {
      title: 'Failed batches',
      metrics: [
        relay.failures.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: MINUTE }),
      ],
      alarmAbove: 0,
      alarmWhen: { breaching: 1, of: 1 },
      alarmId: 'failures',
      alarmDescription:
        'The cart-events relay gave up on cart writes: their inventory events are not on the stream.',
      runbook: RUNBOOK,
    },
  ];
}
