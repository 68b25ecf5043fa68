import type { AlertsStack } from '../stacks/alerts-stack.js';
import type { ApiStack } from '../stacks/api-stack.js';
import type { BackupStack } from '../stacks/backup-stack.js';
import type { DataStack } from '../stacks/data-stack.js';
import type { DrStack } from '../stacks/dr-stack.js';
import type { MonitoringStack } from '../stacks/monitoring-stack.js';
import type { NetworkStack } from '../stacks/network-stack.js';
import type { NotificationsStack } from '../stacks/notifications-stack.js';
import type { ServicesStack } from '../stacks/services-stack.js';

/** The stacks of one environment, as `buildEnvironment` creates them. */
export interface EnvironmentStacks {
  readonly dr: DrStack;
  readonly alerts: AlertsStack;
  readonly network: NetworkStack;
  readonly data: DataStack;
  readonly services: ServicesStack;
  readonly api: ApiStack;
  readonly notifications: NotificationsStack;
  readonly monitoring: MonitoringStack;
  readonly backup: BackupStack;
}
