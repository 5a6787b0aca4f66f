/**
 * WCAG contrast of what an element shows, from computed styles: its text colour against the background it is
 * drawn on (its own and every ancestor's background, across shadow roots, composited over a white canvas as the
 * browser paints them). A 1×1 canvas turns any CSS colour (rgb, color-mix, oklab…) into sRGB pixels.
 */
const pixel = (() => {
  const ctx = Object.assign(document.createElement('canvas'), { width: 1, height: 1 }).getContext('2d', { willReadFrequently: true })!;
  return (layers: string[]): number[] => {
    ctx.globalCompositeOperation = 'source-over';
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 1, 1);
    for (const layer of layers) {
      ctx.fillStyle = layer;
      ctx.fillRect(0, 0, 1, 1);
    }
    return [...ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  };
})();

/** The backgrounds under an element, outermost first. */
function backgrounds(element: Element): string[] {
  const layers: string[] = [];
  for (let node: Element | null = element; node; node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host ?? null) {
    layers.unshift(getComputedStyle(node).backgroundColor);
  }
  return layers;
}

function luminance([r, g, b]: number[]): number {
  const [R, G, B] = [r!, g!, b!].map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
  return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
}

/** The contrast ratio (1–21) of the element's text against what is behind it. */
export function textContrast(element: Element): number {
  const layers = backgrounds(element);
  const background = pixel(layers);
  const text = pixel([...layers, getComputedStyle(element).color]);
  const [light, dark] = [luminance(background), luminance(text)].sort((a, b) => b - a);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The contrast ratio of a colour drawn on the element (e.g. its border) against what is behind the element. */
export function colourContrast(element: Element, colour: string): number {
  const layers = backgrounds(element.parentElement ?? ((element.getRootNode() as ShadowRoot).host as Element));
  const [light, dark] = [luminance(pixel(layers)), luminance(pixel([...layers, colour]))].sort((a, b) => b - a);
  return (light! + 0.05) / (dark! + 0.05);
}
