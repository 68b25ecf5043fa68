export {
  AttachmentError,
  attachmentComment,
  readAttachments,
  syncAttachments,
  type LocalAttachment,
} from './attachments.js';
export { checkDocs, type DocsReport } from './check-docs.js';
export {
  cdkEnvironmentNames,
  checkJenkinsfile,
  checkPipelineIntegrations,
  JIRA_ENVIRONMENT_TYPES,
  npmScriptCalls,
  type JenkinsfileReport,
  type ScriptCall,
} from './check-jenkinsfile.js';
export { ConfigError, loadPublishConfig, type PublishConfig } from './config.js';
export {
  AttachmentClient,
  type AttachmentUpload,
  type ExistingAttachment,
} from './confluence-attachments.js';
export {
  ConfluenceClient,
  ConfluenceError,
  type ExistingPage,
  type PageContent,
} from './confluence-client.js';
export { ConversionError, codeMacro, toStorageFormat } from './convert.js';
export { buildDocSet, loadDocs, type DocPage, type DocSet, type Problem } from './docs.js';
export { parseFrontMatter, type FrontMatter } from './front-matter.js';
export { collectLinks, headingSlug, linkProblems, resolveLink } from './links.js';
export { fingerprint, publishDocs, type PublishOptions, type PublishSummary } from './publish.js';
