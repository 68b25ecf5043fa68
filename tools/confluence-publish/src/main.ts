import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { AttachmentError } from './attachments.js';
import { ConfigError, hasPublishConfig, loadPublishConfig } from './config.js';
import { ConfluenceClient, ConfluenceError } from './confluence-client.js';
import { ConversionError } from './convert.js';
import { loadDocs } from './docs.js';
import { linkProblems } from './links.js';
import { publishDocs } from './publish.js';

// Usage: publish-docs [--dry-run] [--docs <dir>]. Settings: CONFLUENCE_BASE_URL, CONFLUENCE_SPACE,
// CONFLUENCE_USER, CONFLUENCE_API_TOKEN (CONFLUENCE_PARENT_ID optional). A dry run without them
// stays offline and lists what it would publish.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const { values } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    docs: { type: 'string', default: path.join(root, 'confluence-docs') },
  },
});
const dryRun = values['dry-run'];

const docs = await loadDocs(values.docs);
const problems = [...docs.problems, ...linkProblems(docs.pages, docs.files)];
if (problems.length > 0) {
  for (const problem of problems) console.error(`${problem.path}: ${problem.message}`);
  console.error(`Nothing published: ${problems.length} problems in ${values.docs}`);
  process.exit(1);
}

try {
  await publish();
} catch (error) {
  // Known failures get their message alone; anything else keeps its stack.
  if (!(
    error instanceof ConfigError ||
    error instanceof ConfluenceError ||
    error instanceof ConversionError ||
    error instanceof AttachmentError
  ))
    throw error;
  console.error(error.message);
  process.exit(1);
}

async function publish(): Promise<void> {
  const online = !dryRun || hasPublishConfig();
  const config = online ? loadPublishConfig() : undefined;
  const summary = await publishDocs(docs.pages, {
    dryRun,
    docsRoot: values.docs,
    ...(config ? { client: new ConfluenceClient(config) } : {}),
    ...(config?.CONFLUENCE_PARENT_ID ? { rootParentId: config.CONFLUENCE_PARENT_ID } : {}),
  });
  const verb = dryRun ? 'would be' : 'were';
  console.log(
    config
      ? `${docs.pages.length} pages: ${summary.created} ${verb} created, ${summary.updated} ${verb} updated, ` +
          `${summary.unchanged} unchanged, ${summary.labelChanges} label changes, ` +
          `${summary.uploaded} attachments ${verb} uploaded (space ${config.CONFLUENCE_SPACE})`
      : `${docs.pages.length} pages converted, ${summary.uploaded} attachments to upload; set CONFLUENCE_BASE_URL and the other variables to compare with Confluence`,
  );
}
