import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { environmentConfig, serviceSizing } from '../lib/app/config.js';
import { cdkContext } from './support/synth.js';

describe('the configuration of a deploy', () => {
  it('When no image tag is given, then configuration fails naming -c imageTag instead of deploying services without an image', () => {
    const { imageTag: _check, ...context } = cdkContext();
    for (const imageTag of [undefined, '', ' ']) {
      const app = new App({ context: imageTag === undefined ? context : { ...context, imageTag } });
      expect(() => environmentConfig(app.node, 'prod')).toThrow(/-c imageTag=<the commit/);
    }
  });

  it('When an image tag is given, then it is the tag of the environment', () => {
    const app = new App({ context: { ...cdkContext(), imageTag: '3f9c2e1a' } });
    expect(environmentConfig(app.node, 'prod').imageTag).toBe('3f9c2e1a');
  });

  it('When one service has its own sizing, then only that service differs from the environment default', () => {
    const context = cdkContext();
    const environments = structuredClone(
      context['shopeasy:environments'] as Record<string, Record<string, unknown>>,
    );
    environments.prod!.services = { catalog: { cpu: 1024, memoryMiB: 2048, maxTasks: 40 } };
    const app = new App({ context: { ...context, 'shopeasy:environments': environments } });
    const config = environmentConfig(app.node, 'prod');
    expect(serviceSizing(config, 'catalog')).toMatchObject({ cpu: 1024, memoryMiB: 2048, maxTasks: 40 });
    expect(serviceSizing(config, 'catalog').minTasks).toBe(config.service.minTasks);
    expect(serviceSizing(config, 'users')).toEqual(config.service);
  });

  it('When a sizing is not a positive whole number, then configuration fails naming it', () => {
    const context = cdkContext();
    const environments = structuredClone(
      context['shopeasy:environments'] as Record<string, Record<string, unknown>>,
    );
    environments.prod!.services = { cart: { maxTasks: 0 } };
    const app = new App({ context: { ...context, 'shopeasy:environments': environments } });
    expect(() => environmentConfig(app.node, 'prod')).toThrow(
      /prod\.services\.cart\.maxTasks must be a positive/,
    );
  });
});
