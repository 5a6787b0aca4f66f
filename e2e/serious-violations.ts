import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

// Evaluated rather than added as a script tag: the demo pages' Content-Security-Policy (kept on) refuses inline scripts.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One violation as the tests report it: rule, impact and the first nodes' targets (short, so a failure reads). */
export interface Finding {
  rule: string;
  impact: string;
  nodes: string[];
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules and best practices, shadow DOM included) on the whole page and returns its
 * serious and critical violations.
 */
export async function seriousViolations(page: Page): Promise<Finding[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: any[] }> } };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ rule: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n: { target: unknown }) => JSON.stringify(n.target)) }));
  });
}
