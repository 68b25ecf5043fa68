import { App } from 'aws-cdk-lib';
import { selectedEnvironments } from '../lib/app/config.js';
import { addComplianceChecks } from '../lib/compliance/compliance.js';
import { buildEnvironment } from '../lib/app/shopeasy-app.js';

// Every environment by default; `-c env=prod` synthesizes (or deploys) one.
const app = new App();
for (const config of selectedEnvironments(app.node)) buildEnvironment(app, config);
addComplianceChecks(app);
app.synth();
