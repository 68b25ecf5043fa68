// An eslint-disable comment says why, after ` -- `, as ESLint reads descriptions:
//   // eslint-disable-next-line no-restricted-syntax -- Jaeger is not built here.
const DIRECTIVE = /^\s*(eslint-disable(?:-next-line|-line)?)(?:\s|$)/u;

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'suggestion',
    docs: { description: 'Require a `-- reason` on every eslint-disable comment.' },
    schema: [],
    messages: { missing: '{{directive}} needs a reason: `{{directive}} <rule> -- why it is right here`.' },
  },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          const directive = DIRECTIVE.exec(comment.value)?.[1];
          if (!directive) continue;
          const [, reason = ''] = comment.value.split(/\s-{2,}\s/u);
          if (!reason.trim()) context.report({ loc: comment.loc, messageId: 'missing', data: { directive } });
        }
      },
    };
  },
};
