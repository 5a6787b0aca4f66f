import { expect } from '@open-wc/testing';

/** Finishes the bars' transitions, so their boxes are where they are going. */
export function settle(root: ShadowRoot): void {
  for (const animation of root.getAnimations?.() ?? []) animation.finish();
  for (const bar of root.querySelectorAll('[part~="bar"]')) for (const animation of bar.getAnimations()) animation.finish();
}

/**
 * Checks that the result bars of a list compare: every track has the same width and left edge, and each bar's
 * width is its share of the track within 2 px.
 */
export function expectBarsProportional(root: ShadowRoot, rows: Element[], shares: number[]): void {
  settle(root);
  const tracks = rows.map((row) => row.querySelector('.track')!.getBoundingClientRect());
  const bars = rows.map((row) => row.querySelector('[part~="bar"]')!.getBoundingClientRect());
  const width = tracks[0]!.width;
  expect(width, 'a track wide enough to compare').to.be.above(100);
  tracks.forEach((track, i) => {
    expect(track.width, `track ${i} has the common width`).to.be.closeTo(width, 0.5);
    expect(track.left, `track ${i} starts where the others do`).to.be.closeTo(tracks[0]!.left, 0.5);
    expect(bars[i]!.width, `bar ${i} is ${shares[i]} of the track`).to.be.closeTo(shares[i]! * width, 2);
  });
}
