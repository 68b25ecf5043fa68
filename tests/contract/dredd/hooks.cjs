// Dredd's hook file: Dredd loads it with require() and hands it its API as require('hooks'), so it
// stays CommonJS and only forwards each hook to run.mjs (async hooks take Dredd's `done`).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the only way Dredd gives hooks their API
const hooks = require('hooks');

const run = import('./run.mjs');
const forward = (name) => (arg, done) => {
  run
    .then((m) => m[name](arg))
    .catch((error) => {
      // A hook that throws would stop Dredd without a report; fail the transaction instead.
      if (arg && !Array.isArray(arg)) arg.fail = `hook ${name} failed: ${error.message}`;
      else console.error(`Dredd hook ${name} failed:`, error);
    })
    .finally(() => done());
};

hooks.beforeAll(forward('beforeAll'));
hooks.beforeEach(forward('beforeEach'));
hooks.beforeEachValidation(forward('beforeEachValidation'));
hooks.afterAll(forward('afterAll'));
