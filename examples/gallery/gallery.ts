// The component gallery (examples/gallery, served at /gallery): every widget in each of its states, in light and
// dark themes and in each language, from fixtures (no server). Built into oncue-gallery.min.js by rollup.config.js.
import '@oncue/widgets';
import type { RoomConnection } from '@oncue/core';
import { fixtureConnection } from './fixture-connection.js';
import { NOW } from './gallery-state.js';
import { galleryWidgets } from './gallery-widgets.js';

/** The languages the widgets ship (their catalogues' keys). */
const LANGUAGES = ['en', 'zh-CN'] as const;
const THEMES = ['light', 'dark'] as const;

/** What the page shows: from the query (`?lang=zh-CN&theme=dark`), so a view can be linked and tested. */
function chosen<T extends string>(name: string, allowed: readonly T[]): T {
  const value = new URLSearchParams(location.search).get(name);
  return allowed.find((a) => a === value) ?? allowed[0]!;
}

/** Every cell: a heading naming the widget's state, and the element on a room made of the state's fixture. */
function renderCells(container: HTMLElement): void {
  container.replaceChildren();
  const plays: Promise<void>[] = [];
  const scroll = window.scrollY;
  for (const widget of galleryWidgets) {
    const section = document.createElement('section');
    section.className = 'widget';
    section.setAttribute('aria-labelledby', `w-${widget.tag}`);
    const title = document.createElement('h2');
    title.id = `w-${widget.tag}`;
    title.innerHTML = `${widget.title} <code></code>`;
    title.querySelector('code')!.textContent = `<${widget.tag}>`;
    const grid = document.createElement('div');
    grid.className = widget.tag === 'oncue-stage' ? 'cells wide' : 'cells';
    section.append(title, grid);
    for (const state of widget.states) {
      const cell = document.createElement('article');
      cell.className = 'cell';
      cell.dataset.cell = `${widget.tag}/${state.name}`;
      const heading = document.createElement('h3');
      heading.textContent = state.name;
      heading.id = `c-${widget.tag}-${state.name.replace(/\W+/g, '-')}`;
      cell.setAttribute('aria-labelledby', heading.id);
      const element = document.createElement(widget.tag) as HTMLElement & { connection?: RoomConnection };
      for (const [name, value] of Object.entries(state.attributes ?? {})) element.setAttribute(name, value);
      element.connection = fixtureConnection({ now: NOW, ...state.fixture }, `gallery-${widget.tag}-${state.name}`);
      cell.append(heading, element);
      grid.append(cell);
      if (state.play) {
        const play = state.play;
        plays.push(
          customElements.whenDefined(widget.tag).then(async () => {
            await (element as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
            await play(element);
          }),
        );
      }
    }
    container.append(section);
  }
  // A form's refusal moves the focus (and the page) to its field: the page stays where the reader was.
  void Promise.allSettled(plays).then(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, scroll);
    document.body.dataset.played = 'true';
  });
}

/** The theme and language switches: each choice goes in the query and the cells are made again (a refusal shown in one language is replayed in the other). */
function wireSwitches(container: HTMLElement): void {
  const apply = (): void => {
    const lang = chosen('lang', LANGUAGES);
    const theme = chosen('theme', THEMES);
    document.documentElement.lang = lang;
    document.documentElement.dataset.theme = theme;
    for (const input of document.querySelectorAll<HTMLInputElement>('input[name="theme"], input[name="lang"]')) {
      input.checked = input.value === (input.name === 'lang' ? lang : theme);
    }
    renderCells(container);
  };
  document.querySelector('form.switches')?.addEventListener('change', (event) => {
    const input = event.target as HTMLInputElement;
    const query = new URLSearchParams(location.search);
    query.set(input.name, input.value);
    history.replaceState(null, '', `?${query}`);
    apply();
  });
  apply();
}

wireSwitches(document.getElementById('cells')!);
