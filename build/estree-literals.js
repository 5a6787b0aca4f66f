// A template-literal finder for @literals/html-css-minifier on rollup's own parser (`rollup/parseAst`): the
// minifier's default strategy calls TypeScript's JavaScript API, which TypeScript 7 (native) no longer ships.
// It runs after esbuild, on JavaScript. Each part is the raw text between "`", "${", "}" and "`", with its offsets.
import { parseAst } from 'rollup/parseAst';

let source = '';

/** @type {import('@literals/parser').Strategy} */
export const estreeLiterals = {
  getRootNode(code) {
    source = code;
    return parseAst(code);
  },
  walkNodes(root, visit) {
    const walk = (node) => {
      visit(node);
      for (const key in node) {
        const child = node[key];
        if (Array.isArray(child)) for (const c of child) c && typeof c.type === 'string' && walk(c);
        else if (child && typeof child.type === 'string') walk(child);
      }
    };
    walk(root);
  },
  isTaggedTemplate: (node) => node.type === 'TaggedTemplateExpression',
  getTagText: (node) => source.slice(node.tag.start, node.tag.end),
  getTaggedTemplateTemplate: (node) => node.quasi,
  isTemplate: (node) => node.type === 'TemplateLiteral',
  getTemplateParts(node) {
    return node.quasis.map((quasi) => {
      const text = source.slice(quasi.start, quasi.end);
      if (text !== quasi.value.raw) throw new Error(`template part offsets do not match its text at ${quasi.start}`);
      return { text, start: quasi.start, end: quasi.end };
    });
  },
};
