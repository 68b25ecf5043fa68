// IAM actions in a reader's words: "reads", "writes", "publishes", "consumes", "invokes", ...
const READ = /^(Get|BatchGet|Query|Scan|Select|List|Describe|Receive)/;
const WRITE = /^(Put|BatchWrite|Update|Delete|ConditionCheck|Create|Restore|Abort)/;

/** The verbs for a statement's actions; actions that only describe or authorize say nothing. */
export function verbsOf(actions: readonly string[]): Set<string> {
  const verbs = new Set<string>();
  for (const action of actions) {
    const [service = '', name = ''] = action.split(':');
    if (service === 'sns' && /^Publish/.test(name)) verbs.add('publishes');
    else if (service === 'sqs' && /^SendMessage/.test(name)) verbs.add('sends');
    else if (service === 'sqs' && /^(ReceiveMessage|DeleteMessage)/.test(name)) verbs.add('consumes');
    else if (service === 'lambda' && /^Invoke/.test(name)) verbs.add('invokes');
    else if (service === 'ses' && /^Send/.test(name)) verbs.add('sends email');
    else if (service === 'kinesis' && /^PutRecord/.test(name)) verbs.add('writes');
    else if (name === '*') verbs.add('full access');
    else if (/^(Describe|List|GetQueue|GetShardIterator|DescribeStream)/.test(name)) continue;
    else if (READ.test(name)) verbs.add('reads');
    else if (WRITE.test(name)) verbs.add('writes');
  }
  // "reads, writes" says less than one word a reader already knows.
  if (verbs.has('reads') && verbs.has('writes')) {
    verbs.delete('reads');
    verbs.delete('writes');
    verbs.add('reads/writes');
  }
  return verbs;
}
