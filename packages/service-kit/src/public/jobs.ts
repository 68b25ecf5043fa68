// Work outside requests: periodic passes and queue consumers, retried with back-off.
export { startPeriodic, type PeriodicJob } from '../periodic.js';
export { startQueueConsumer, type RunningQueueConsumer } from '../queue-consumer.js';
export { backoffSeconds } from '../retry.js';
