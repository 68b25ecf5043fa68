// The partner clients alone, against their own seeded stack on free ports.
import { runStandalone } from './gate.js';
import { partners } from './partners.js';

await runStandalone(partners);
