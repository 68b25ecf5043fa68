import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { environmentConfig } from '../lib/app/config.js';
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
});
