import { describe, expect, it } from 'vitest';
import { loadConfig as loadNotificationsConfig } from '../../functions/notifications/src/config.js';
import { loadCartConfig } from '../../services/cart/src/config.js';
import { loadCatalogConfig } from '../../services/catalog/src/config.js';
import { loadFeedbackConfig } from '../../services/feedback/src/config.js';
import { loadOrdersConfig } from '../../services/orders/src/config.js';
import { loadUsersConfig } from '../../services/users/src/config.js';
import { MICROSERVICES } from '../lib/services.js';
import { containerEnvironment, containersOf, functionEnvironment } from './support/component-environment.js';
import { synthEnvironment } from './support/synth.js';

// Each component reads its configuration exactly as it does at start-up, from what the
// synthesized prod templates give it: a variable the CDK forgot fails here, naming it, instead
// of in the first deployment (production never falls back to a local default).
const env = synthEnvironment('prod');
const containers = containersOf(env.template('services'));

const loaders: Readonly<Record<(typeof MICROSERVICES)[number], (env: NodeJS.ProcessEnv) => unknown>> = {
  users: loadUsersConfig,
  catalog: loadCatalogConfig,
  cart: loadCartConfig,
  orders: loadOrdersConfig,
  feedback: loadFeedbackConfig,
};

describe('each component started with what the cloud gives it', () => {
  it.each(MICROSERVICES.map((name) => [name] as const))(
    'When the %s task definition is read as the container environment, then the service configuration loads',
    async (name) => {
      const container = containers.find((c) => c.Name === name);
      expect(container, `${name} container`).toBeDefined();
      const given = await containerEnvironment(container!);
      expect(given.NODE_ENV).toBe('production');
      // The image of the commit given with -c imageTag (here the check's), never a default.
      expect(JSON.stringify((container as { Image?: unknown }).Image)).toContain(':synth-check');
      expect(() => loaders[name](given)).not.toThrow();
    },
  );

  it('When the notifications function is read as Lambda runs it, then its configuration loads', () => {
    const given = functionEnvironment(env.template('notifications'), 'shopeasy-prod-notifications');
    expect(() => loadNotificationsConfig(given)).not.toThrow();
  });
});
