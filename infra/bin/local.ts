import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { createLocalDataStack } from '../lib/stacks/data-stack.js';

// Synthesizes only the data stack, stage `local`, for the local AWS emulator.
const outdir = fileURLToPath(new URL('../cdk.out.local', import.meta.url));
const app = new App({ outdir });
const stack = createLocalDataStack(app);
app.synth();
console.log(`synthesized ${stack.stackName} into ${outdir}`);
