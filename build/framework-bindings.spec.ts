import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { elementEntries, frameworkBindings } from './framework-bindings.js';

// Reads packages/widgets/dist/custom-elements.json: run after `npm run build` (as `npm test` does).
const root = new URL('../', import.meta.url);
const files: Map<string, string> = frameworkBindings();

describe('the React and Vue bindings generated from custom-elements.json', () => {
  it('gives @oncue/react one component per element with an entry of its own, each event an onXxx prop', () => {
    const entries = [...(elementEntries() as Map<string, string>).values()].map((entry) => entry.replace('@oncue/widgets/', ''));
    expect(entries).toEqual(expect.arrayContaining(['stage', 'poll', 'quiz', 'lottery', 'blindbox', 'cheer', 'goal', 'milestone-badge']));
    const reactExports = JSON.parse(readFileSync(new URL('packages/react/package.json', root), 'utf8')).exports as Record<string, unknown>;
    for (const entry of entries) {
      expect(files.has(`packages/react/src/${entry}.ts`), entry).toBe(true);
      expect(Object.keys(reactExports), `packages/react/package.json exports ./${entry}`).toContain(`./${entry}`);
      expect(files.get('packages/react/src/index.ts')).toContain(`export * from './${entry}.js';`);
    }
    const poll = files.get('packages/react/src/poll.ts');
    expect(poll).toContain("import { OnCuePoll as OnCuePollElement } from '@oncue/widgets/poll';");
    expect(poll).toContain("onVote: 'oncue-vote' as EventName<GlobalEventHandlersEventMap['oncue-vote']>,");
    expect(poll).toContain("onIdentityError: 'oncue-identity-error'");
    expect(files.get('packages/react/src/goal.ts')).toContain("onGoalReached: 'oncue-goal-reached'");
  });

  it('types the plain tags for JSX and Vue templates, events with their detail, Vue listeners as Vue names them', () => {
    const jsx = files.get('examples/react/src/oncue-jsx.d.ts')!;
    expect(jsx).toContain('"oncue-stage": Partial<OnCueStageProps');
    expect(jsx).toContain('"ononcue-vote"?: (e: CustomEvent<GlobalEventHandlersEventMap["oncue-vote"]["detail"]>) => void;');
    const vue = files.get('examples/vue/src/oncue-vue.d.ts')!;
    expect(vue).toContain('onOncueVote?: (e: CustomEvent<GlobalEventHandlersEventMap["oncue-vote"]["detail"]>) => void;');
    expect(vue).not.toContain('"ononcue-');
    expect(jsx + vue).not.toContain('eslint-disable');
    expect(jsx + vue).not.toContain('OnCueDashboard');
  });

  it('matches the committed files (after a change to the widgets: npm run bindings, and commit)', () => {
    for (const [path, contents] of files) expect(readFileSync(new URL(path, root), 'utf8'), `${path} is out of step: npm run bindings`).toBe(contents);
  });
});
