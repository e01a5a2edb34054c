import { html, nothing, type TemplateResult } from 'lit';
import { ACTION_STATUS, HEALTH, label, t, type Lang } from './i18n.ts';
import { toPercent } from './format.ts';

const STATUS_BADGES: Record<string, string> = {
  done: 'fr-badge--success',
  in_progress: 'fr-badge--info',
  planned: 'fr-badge--new',
  paused: 'fr-badge--warning',
  late: 'fr-badge--warning',
  blocked: 'fr-badge--error',
  abandoned: '',
};

const HEALTH_BADGES: Record<string, string> = {
  on_track: 'fr-badge--success',
  behind: 'fr-badge--warning',
  at_risk: 'fr-badge--error',
};

/**
 * A DSFR badge for an action status (`Réalisée`, `En cours`…); nothing when the status is unknown.
 *
 * ### Examples
 * ```ts
 * html`${statusBadge('IN_PROGRESS', 'fr')}`; // <p class="fr-badge fr-badge--sm fr-badge--info">En cours</p>
 * ```
 */
export function statusBadge(status: string | null, lang: Lang): TemplateResult | typeof nothing {
  if (!status) return nothing;
  const key = status.toLowerCase();
  return html`<span class="fr-badge fr-badge--sm ${STATUS_BADGES[key] ?? ''}"
    ><span class="fr-sr-only">${t('status', lang)} : </span>${label(ACTION_STATUS, key, lang)}</span
  >`;
}

/** A DSFR badge for an action's health (`Dans les temps`, `En décalage`, `À risque`). */
export function healthBadge(health: string | null, lang: Lang): TemplateResult | typeof nothing {
  if (!health) return nothing;
  const key = health.toLowerCase();
  return html`<span class="fr-badge fr-badge--sm ${HEALTH_BADGES[key] ?? ''}"
    ><span class="fr-sr-only">${t('health', lang)} : </span>${label(HEALTH, key, lang)}</span
  >`;
}

/** The « donnée illustrative » label, shown next to any figure that does not come from the scheme text. */
export function illustrativeBadge(illustrative: boolean, lang: Lang): TemplateResult | typeof nothing {
  if (!illustrative) return nothing;
  return html`<span class="fr-badge fr-badge--sm sosms-illustrative">${t('illustrative', lang)}</span>`;
}

/**
 * A progress bar with its value as text; `name` says what progresses (read by screen readers).
 *
 * ### Examples
 * ```ts
 * html`${progressBar(40, 'Action 1.1', 'fr')}`;
 * ```
 */
export function progressBar(value: number | null, name: string, lang: Lang, illustrative = false): TemplateResult {
  const percent = toPercent(value);
  const shown = percent === null ? t('notSet', lang) : `${percent}\u00a0%`;
  // A figure computed from illustrative values says so, to sight and to screen readers.
  const text = illustrative && percent !== null ? `${shown} (${t('illustrativeFigure', lang)})` : shown;
  return html`<div class="sosms-progress">
    <div
      class="sosms-progress__track"
      role="progressbar"
      aria-label=${`${t('progressOf', lang)} ${name}`}
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow=${percent ?? nothing}
      aria-valuetext=${text}
    >
      <div class="sosms-progress__bar sosms-w-${percent ?? 0}"></div>
    </div>
    <span class="sosms-progress__value" aria-hidden="true">${shown}</span>
    ${illustrative && percent !== null ? html`<span class="fr-badge fr-badge--sm sosms-illustrative" aria-hidden="true">${t('illustrative', lang)}</span>` : nothing}
  </div>`;
}

/** A paragraph of text, or its easy-read version (labelled FALC) when asked and present. */
export function readable(
  text: string | null,
  easyRead: string | null,
  wantEasyRead: boolean,
  lang: Lang,
  french = lang === 'en',
): TemplateResult | typeof nothing {
  // Scheme texts are French: marked as such when the widget speaks English.
  const contentLang = french ? 'fr' : nothing;
  if (wantEasyRead && easyRead) {
    return html`<div class="sosms-easy-read">
      <p class="fr-text--mention">${t('easyRead', lang)}</p>
      <p lang=${contentLang}>${easyRead}</p>
    </div>`;
  }
  return text ? html`<p lang=${contentLang}>${text}</p>` : nothing;
}

/**
 * A table that scrolls sideways inside its own region when narrower than its content: the region is
 * focusable (keyboard scrolling) and named by the table's caption (`captionId`).
 *
 * ### Examples
 * ```ts
 * tableRegion('values-caption', html`<table><caption id="values-caption">Valeurs</caption>…</table>`);
 * ```
 */
export function tableRegion(captionId: string, table: TemplateResult, part = 'table'): TemplateResult {
  return html`<div class="fr-table sosms-scroll" part=${part} role="region" tabindex="0" aria-labelledby=${captionId}>${table}</div>`;
}
