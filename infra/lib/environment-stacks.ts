import type { AlertsStack } from './alerts-stack.js';
import type { ApiStack } from './api-stack.js';
import type { BackupStack } from './backup-stack.js';
import type { DataStack } from './data-stack.js';
import type { DrStack } from './dr-stack.js';
import type { MonitoringStack } from './monitoring-stack.js';
import type { NetworkStack } from './network-stack.js';
import type { NotificationsStack } from './notifications-stack.js';
import type { ServicesStack } from './services-stack.js';

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
