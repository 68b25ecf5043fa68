/** An `npm` call in the Jenkinsfile and the root script it runs. */
export interface ScriptCall {
  readonly script: string;
  readonly line: number;
  /** `npm run x -w pkg`: a workspace's script, which the pipeline must not call. */
  readonly workspace: boolean;
}

export interface JenkinsfileReport {
  readonly calls: readonly ScriptCall[];
  readonly problems: readonly string[];
}

const RUN = /\bnpm\s+(?:run|run-script)((?:\s+-{1,2}[\w-]+(?:=\S+)?)*)\s+([\w:.-]+)([^'"\n]*)/g;
const LIFECYCLE = /\bnpm\s+(test|start|t)\b([^'"\n]*)/g;
const WORKSPACE_FLAG = /(?:^|\s)(?:-w|--workspace)(?:[\s=]|$)/;

/** Every `npm run <script>`, `npm test` and `npm start` in a Jenkinsfile, with its line. */
export function npmScriptCalls(jenkinsfile: string): ScriptCall[] {
  const calls: ScriptCall[] = [];
  jenkinsfile.split('\n').forEach((text, index) => {
    for (const match of text.matchAll(RUN)) {
      const flags = `${match[1] ?? ''} ${match[3] ?? ''}`;
      calls.push({ script: match[2] ?? '', line: index + 1, workspace: WORKSPACE_FLAG.test(flags) });
    }
    for (const match of text.matchAll(LIFECYCLE)) {
      const script = match[1] === 't' ? 'test' : (match[1] ?? '');
      calls.push({ script, line: index + 1, workspace: WORKSPACE_FLAG.test(match[2] ?? '') });
    }
  });
  return calls;
}

/**
 * Checks that the Jenkinsfile calls root npm scripts only, each defined in the root
 * package.json, so that every stage also runs on a laptop.
 */
export function checkJenkinsfile(
  jenkinsfile: string,
  rootScripts: Readonly<Record<string, string>>,
): JenkinsfileReport {
  const calls = npmScriptCalls(jenkinsfile);
  const problems: string[] = [];
  if (calls.length === 0)
    problems.push('no npm script calls found: every stage should run one root npm script');
  for (const call of calls) {
    if (call.workspace)
      problems.push(`line ${call.line}: npm run ${call.script} targets a workspace; call a root script`);
    else if (!Object.hasOwn(rootScripts, call.script)) {
      problems.push(`line ${call.line}: npm run ${call.script}: no such script in the root package.json`);
    }
  }
  return { calls, problems };
}

/** Jira's environment type for each CDK stage (infra/lib/app/config.ts `ENVIRONMENT_NAMES`). */
export const JIRA_ENVIRONMENT_TYPES: Readonly<Record<string, string>> = {
  dev: 'development',
  staging: 'staging',
  prod: 'production',
};

// Whole-line and trailing `// ` comments: a step that is commented out is gone.
const withoutComments = (text: string) =>
  text
    .split('\n')
    .map((line) => (line.trim().startsWith('//') ? '' : line.replace(/\s\/\/\s.*$/, '')))
    .join('\n');

/**
 * Checks that the pipeline keeps reporting to Bitbucket and Jira: the build status on the commit
 * (Bitbucket Build Status Notifier), the build and each deployment in Jira (Jira Software Cloud),
 * one deployment per CDK stage with Jira's type for it, and the contract gate's JUnit reports.
 */
export function checkPipelineIntegrations(jenkinsfile: string, environments: readonly string[]): string[] {
  const code = withoutComments(jenkinsfile);
  const problems: string[] = [];
  const need = (pattern: RegExp, problem: string) => {
    if (!pattern.test(code)) problems.push(problem);
  };
  need(
    /\bbitbucketStatusNotify\b/,
    'no bitbucketStatusNotify step: Bitbucket no longer gets the build status',
  );
  for (const state of ['INPROGRESS', 'SUCCESSFUL', 'FAILED'])
    need(new RegExp(`'${state}'`), `Bitbucket never gets the build state ${state}`);
  need(/\bjiraSendBuildInfo\b/, 'no jiraSendBuildInfo step: Jira issues no longer show their builds');
  need(
    /\bjiraSendDeploymentInfo\b/,
    'no jiraSendDeploymentInfo step: Jira issues no longer show their deployments',
  );
  if (environments.length === 0) problems.push('no CDK environment names to check the deployments against');
  for (const name of environments) {
    need(
      new RegExp(`\\bdeployTo\\('${name}'\\)`),
      `no deployTo('${name}'): the CDK stage ${name} is never deployed`,
    );
    const type = JIRA_ENVIRONMENT_TYPES[name];
    if (!type) problems.push(`no Jira environment type is known for the CDK stage ${name}`);
    else
      need(new RegExp(`\\b${name}: '${type}'`), `the CDK stage ${name} is not reported to Jira as ${type}`);
  }
  need(
    /\bjunit\s+'reports\/contract\/\*\*\/\*\.xml'/,
    "the contract gate's JUnit reports (reports/contract/**/*.xml) are not published",
  );
  return problems;
}

/** The CDK stage names from infra/lib/app/config.ts (`ENVIRONMENT_NAMES = ['dev', ...]`). */
export function cdkEnvironmentNames(configSource: string): string[] {
  const list = /ENVIRONMENT_NAMES\s*=\s*\[([^\]]*)\]/.exec(configSource)?.[1] ?? '';
  return [...list.matchAll(/'([\w-]+)'/g)].map((m) => m[1] ?? '');
}
