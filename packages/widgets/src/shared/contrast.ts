/**
 * Development check of the colours a host chose: a console warning when a text/background pair of the
 * widget's theme falls below 4.5:1 (WCAG 1.4.3). Runs on development pages only (localhost, 127.0.0.1,
 * `*.localhost`) or when the widget carries the `check-contrast` attribute; a public page is left silent.
 */

/** The pairs checked: [text token, background token]. */
export const CONTRAST_PAIRS = [
  ['text', 'background'],
  ['text-mention', 'background'],
  ['primary', 'background'],
  ['on-primary', 'primary'],
  ['primary', 'info-background'],
  ['error-text', 'error-background'],
] as const;

/** True on a development page, or when the widget asks with `check-contrast`. */
export function isDevelopment(host: Element): boolean {
  if (host.hasAttribute('check-contrast')) return true;
  const name = location.hostname;
  return name === 'localhost' || name === '127.0.0.1' || name === '[::1]' || name.endsWith('.localhost');
}

/** WCAG relative luminance of an `rgb(r, g, b)` triple. */
function luminance([r, g, b]: number[]): number {
  const channel = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
}

/**
 * The contrast ratio of two colours given as computed `rgb()` strings (1 to 21).
 *
 * ### Examples
 * ```ts
 * contrastRatio('rgb(0, 0, 0)', 'rgb(255, 255, 255)'); // 21
 * ```
 */
export function contrastRatio(a: number[], b: number[]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

function rgb(value: string): number[] | null {
  const parts = /rgba?\(([^)]+)\)/.exec(value)?.[1]?.split(/[\s,/]+/).filter(Boolean).map(Number);
  if (!parts || parts.length < 3 || parts.slice(0, 3).some(Number.isNaN)) return null;
  // A translucent colour cannot be judged alone: skipped.
  if (parts.length > 3 && parts[3]! < 1) return null;
  return parts.slice(0, 3);
}

/** Warn in the console for each pair of the widget's resolved theme below 4.5:1. */
export function checkContrast(host: HTMLElement, root: HTMLElement): void {
  if (!isDevelopment(host)) return;
  const probe = document.createElement('span');
  root.append(probe);
  // Colours are resolved by the browser (names, hex, hsl…) through a probe element; CSSOM, not markup,
  // so a strict CSP allows it.
  const resolve = (token: string) => {
    probe.style.setProperty('color', `var(--_${token})`);
    return { value: getComputedStyle(root).getPropertyValue(`--_${token}`).trim(), rgb: rgb(getComputedStyle(probe).color) };
  };
  const prefix = root.classList.contains('dark') ? '--sosms-dark-' : '--sosms-';
  try {
    for (const [fg, bg] of CONTRAST_PAIRS) {
      const a = resolve(fg);
      const b = resolve(bg);
      if (!a.rgb || !b.rgb) continue;
      const ratio = contrastRatio(a.rgb, b.rgb);
      if (ratio < 4.5) {
        const text = ratio.toFixed(2);
        console.warn(
          `[sosms] <${host.localName}> : contraste insuffisant ${text.replace('.', ',')}:1 (< 4,5:1) entre ${prefix}${fg} (${a.value}) et ${prefix}${bg} (${b.value}). / Insufficient contrast ${text}:1 (< 4.5:1) between ${prefix}${fg} and ${prefix}${bg}.`,
        );
      }
    }
  } finally {
    probe.remove();
  }
}
