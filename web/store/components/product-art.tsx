/** A generated product picture: the category's silhouette in the item's colour on its department's tint. */
import { cssColour } from '../lib/colours.js';
import type { Product } from '../lib/product.js';
import { CATEGORY_SHAPES, DEPARTMENT_HUES, SHAPES, type Part } from './art-shapes.js';

function hashHue(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) >>> 0;
  return hash % 360;
}

function shapeFor(category: string | null): readonly Part[] | undefined {
  if (!category) return undefined;
  const parts = category.split('/');
  // The leaf says most (a dress, not just "women"); fall back to the department.
  for (let i = parts.length - 1; i >= 0; i--) {
    const name = CATEGORY_SHAPES[(parts[i] ?? '').toLowerCase()];
    if (name) return SHAPES[name];
  }
  return undefined;
}

function initials(product: Product): string {
  const source = product.brand ?? product.title;
  const words = source.split(/\s+/).filter(Boolean);
  // Latin names read best as two initials, Chinese as the first two characters.
  if (/^[\x20-\x7e]+$/.test(source) && words.length > 1)
    return words
      .map((w) => w[0] ?? '')
      .join('')
      .slice(0, 2);
  return [...source.replace(/\s+/g, '')].slice(0, 2).join('');
}

function renderPart([paint, shape]: Part, index: number, fill: string, line: string) {
  const common =
    paint === 's'
      ? { fill: 'none', stroke: line, 'stroke-width': 3, 'stroke-linecap': 'round' as const }
      : { fill: paint === 'f' ? fill : 'rgba(255,255,255,0.55)', stroke: line, 'stroke-width': 1.2 };
  if (shape.startsWith('R')) {
    const [x, y, w, h, r] = shape.slice(1).trim().split(/\s+/).map(Number);
    return <rect key={index} x={x} y={y} width={w} height={h} rx={r} {...common} />;
  }
  return <path key={index} d={shape} stroke-linejoin="round" {...common} />;
}

/** The picture of a product; decorative, so hidden from screen readers (the title is beside it). */
export function ProductArt({ product, cover = false }: { product: Product; cover?: boolean }) {
  const department = product.category?.split('/')[0] ?? '';
  const hue = DEPARTMENT_HUES[department] ?? hashHue(department || product.id);
  const colourName = product.attributes.color_en ?? product.attributes.color;
  // Items without a colour still differ a little from their neighbours, so a shelf does not look cloned.
  const vary = hashHue(product.id);
  const fill = cssColour(colourName) ?? `hsl(${hue + (vary % 25) - 12} ${40 + (vary % 17)}% ${50 + (vary % 13)}%)`;
  const line = `hsl(${hue} 30% 28% / 0.45)`;
  const shape = shapeFor(product.category);
  return (
    <svg
      class="art"
      viewBox="0 0 100 100"
      // Covering a wider box crops the empty margin above and below the drawing, never the drawing itself.
      preserveAspectRatio={cover ? 'xMidYMid slice' : undefined}
      aria-hidden="true"
      focusable="false"
    >
      <rect width="100" height="100" fill={`hsl(${hue} 55% 95%)`} />
      <circle cx="50" cy="50" r="38" fill={`hsl(${hue} 60% 90%)`} />
      <ellipse cx="50" cy="84" rx="26" ry="3.5" fill={`hsl(${hue} 30% 40% / 0.12)`} />
      {shape ? (
        shape.map((part, i) => renderPart(part, i, fill, line))
      ) : (
        <text x="50" y="58" text-anchor="middle" font-size="24" font-weight="700" fill={`hsl(${hue} 40% 35%)`}>
          {initials(product)}
        </text>
      )}
    </svg>
  );
}
