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
