import {
  APP_NAMESPACE,
  FIVE_MINUTES,
  RATE_ALARM_WHEN,
  appMetric,
  appMetricsBy,
  percentOf,
} from './app-metrics.js';
import type { WatchedMetric } from './service-monitor.js';
import type { Microservice } from '../services/services.js';

/** Server errors as a share of a service's requests over 5 minutes, once it had at least 50. */
export const ERROR_RATE_ALARM_PERCENT = 5;
export const ERROR_RATE_MIN_REQUESTS = 50;
/** Declines as a share of payment attempts over 5 minutes: card testing is declined most of the time. */
export const DECLINE_RATE_ALARM_PERCENT = 30;
/** A few shoppers mistyping their card never add up to this many attempts in 5 minutes. */
export const DECLINE_RATE_MIN_ATTEMPTS = 20;
/** Checkout waits on the catalog and the payment provider, so it gets more time than the 1.5 s of the rest. */
export const CHECKOUT_P99_ALARM_MS = 3000;

/** The request metrics every HTTP service writes: its 5xx rate (alarmed), requests and latency by operation. */
export function httpPanels(service: Microservice): WatchedMetric[] {
  const sum = (metricName: string) => appMetric(service, metricName, {}, { period: FIVE_MINUTES });
  return [
    {
      title: 'Server error rate % (5 min)',
      metrics: [percentOf(sum('Responses5xx'), sum('Requests'), ERROR_RATE_MIN_REQUESTS, '5xx %')],
      alarmAbove: ERROR_RATE_ALARM_PERCENT,
      alarmId: '5xx-rate',
      alarmWhen: RATE_ALARM_WHEN,
      alarmDescription:
        `More than ${ERROR_RATE_ALARM_PERCENT} % of the ${service} service's responses in 5 minutes were server errors ` +
        `(${APP_NAMESPACE} Responses5xx / Requests, from ${ERROR_RATE_MIN_REQUESTS} requests on).`,
      runbook: 'errors-5xx.md',
    },
    { title: 'Requests by operation', metrics: [appMetricsBy(service, 'Requests', 'operation', 'Sum')] },
    { title: 'Latency p99 by operation', metrics: [appMetricsBy(service, 'Latency', 'operation', 'p99')] },
  ];
}

function ordersPanels(): WatchedMetric[] {
  const orders = (metricName: string) => appMetric('orders', metricName, {}, { period: FIVE_MINUTES });
  return [
    {
      title: 'Payment decline rate % (5 min)',
      metrics: [
        percentOf(
          orders('PaymentsDeclined'),
          orders('PaymentAttempts'),
          DECLINE_RATE_MIN_ATTEMPTS,
          'declined %',
        ),
      ],
      alarmAbove: DECLINE_RATE_ALARM_PERCENT,
      alarmId: 'payment-decline-rate',
      alarmWhen: RATE_ALARM_WHEN,
      alarmDescription:
        `More than ${DECLINE_RATE_ALARM_PERCENT} % of the payment attempts in 5 minutes were declined ` +
        `(from ${DECLINE_RATE_MIN_ATTEMPTS} attempts on): card testing?`,
      runbook: 'payment-declines.md',
    },
    {
      title: 'Payments declined by decline code',
      metrics: [appMetricsBy('orders', 'PaymentsDeclined', 'declineCode', 'Sum', FIVE_MINUTES)],
    },
    {
      title: 'Checkout latency p99',
      metrics: [appMetric('orders', 'Latency', { operation: 'createOrder' }, { statistic: 'p99' })],
      alarmAbove: CHECKOUT_P99_ALARM_MS,
      alarmId: 'checkout-latency-p99',
      alarmDescription: `The slowest 1 % of checkouts (createOrder) took more than ${CHECKOUT_P99_ALARM_MS} ms.`,
      runbook: 'latency-p99.md',
    },
    {
      title: 'Paid orders refunded: stock hold lapsed',
      metrics: [orders('HoldLapsedRefunds')],
      alarmAbove: 0,
      alarmId: 'hold-lapsed-refunds',
      alarmWhen: RATE_ALARM_WHEN,
      alarmDescription:
        'A paid order found its stock hold lapsed (HoldLapsedRefunds): it was refunded and cancelled automatically.',
      runbook: 'hold-lapsed-refunds.md',
    },
    {
      title: 'Orders placed, payment attempts, checkout conflicts',
      metrics: ['OrdersPlaced', 'PaymentAttempts', 'CheckoutConflicts'].map((name) => orders(name)),
    },
  ];
}

function catalogPanels(): WatchedMetric[] {
  const lag = (consumer: string) =>
    appMetric('catalog', 'StreamLag', { consumer }, { statistic: 'Maximum', label: `${consumer} lag` });
  return [
    {
      title: 'Stream lag inventory',
      metrics: [lag('inventory')],
      alarmAbove: 60_000,
      alarmId: 'stream-lag-inventory',
      alarmDescription: 'The catalog applied inventory events more than 60 s after they were written.',
      runbook: 'kinesis-iterator-age.md',
    },
    {
      title: 'Stream lag ratings',
      metrics: [lag('ratings')],
      alarmAbove: 300_000,
      alarmId: 'stream-lag-ratings',
      alarmDescription:
        'The catalog applied accepted reviews to ratings more than 5 minutes after they were published.',
      runbook: 'sqs-dlq-and-message-age.md',
    },
    { title: 'Oversells prevented', metrics: [appMetric('catalog', 'OversellPrevented')] },
  ];
}

function feedbackPanels(): WatchedMetric[] {
  return [
    {
      title: 'Reviews accepted and rejected',
      metrics: [appMetric('feedback', 'ReviewsAccepted'), appMetric('feedback', 'ReviewsRejected')],
    },
  ];
}

/** Panels on what a service does for shoppers, for the services that write such metrics. */
export const DOMAIN_PANELS: Partial<Record<Microservice, () => WatchedMetric[]>> = {
  orders: ordersPanels,
  catalog: catalogPanels,
  feedback: feedbackPanels,
};

/** The notifications function's emails: failures alarm, the rest is graphed. */
export function notificationsPanels(): WatchedMetric[] {
  const emails = (metricName: string) => appMetric('notifications', metricName);
  return [
    {
      title: 'Emails failed',
      metrics: [emails('EmailsFailed')],
      alarmAbove: 0,
      alarmDescription: 'Customer emails failed to send (EmailsFailed) in 2 of the last 3 minutes.',
      runbook: 'lambda-errors.md',
    },
    {
      title: 'Emails sent, skipped, duplicates suppressed',
      metrics: ['EmailsSent', 'EmailsSkipped', 'DuplicatesSuppressed'].map(emails),
    },
  ];
}
