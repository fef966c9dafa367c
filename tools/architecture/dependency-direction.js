// @ts-check
/** ESLint rule: relative imports inside src/ follow the directions in layers.js. */
import path from 'node:path';
import { violation } from './layers.js';

/** Resolves a relative specifier of `file` to a path below src/ ending in .ts, or null outside src/. */
function belowSrc(/** @type {string} */ srcRoot, /** @type {string} */ file, /** @type {string} */ spec) {
  const abs = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts');
  const rel = path.relative(srcRoot, abs).split(path.sep).join('/');
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.endsWith('.ts') ? rel : `${rel}/index.ts`;
}

/** @type {import('eslint').Rule.RuleModule} */
export const dependencyDirection = {
  meta: {
    type: 'problem',
    docs: { description: 'imports between src/ folders point one way, through front doors' },
    schema: [{ type: 'object', properties: { srcRoot: { type: 'string' } }, additionalProperties: false }],
  },
  create(context) {
    const srcRoot = /** @type {{ srcRoot?: string } | undefined} */ (context.options[0])?.srcRoot ?? '';
    const from = belowSrc(srcRoot, context.filename, `./${path.basename(context.filename)}`);
    if (!srcRoot || !from) return {};
    /** @param {import('estree').Node & { source?: unknown }} node */
    const check = (node) => {
      const source = /** @type {{ type?: string; value?: unknown } | null | undefined} */ (node.source);
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      if (!source.value.startsWith('.')) return;
      const to = belowSrc(srcRoot, context.filename, source.value);
      const message = to ? violation(from, to) : null;
      if (message) context.report({ node: /** @type {import('estree').Node} */ (source), message });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
