import type { MessageKey } from '../i18n/messages/en.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { inputKindsOf } from './data-sources.ts';

const COMMAND = '@@command@@';
const ENDPOINT = '@@endpoint@@';

/** Says which data a KPI needs and how to import it. */
export function EmptyState({ metric, name }: { metric: string; name: string }) {
  const { t } = useI18n();
  const kinds = inputKindsOf(metric);
  const first = kinds[0] ?? 'events';
  return (
    <div className="tile-empty" data-state="empty">
      <p>{t('tile.empty')}</p>
      <p className="muted">
        {t('tile.emptyNeeds', { metric: name, kinds: kinds.map((k) => t(`kind.${k}` as MessageKey)).join(t('list.and')) })}{' '}
        {renderWithCode(
          t('tile.emptyHow', { command: COMMAND, endpoint: ENDPOINT }),
          `northstar import ${first} FILE`,
          `/api/v1/import/${first}`,
        )}
      </p>
    </div>
  );
}

/** Replaces the placeholders by <code> elements so commands stay left-to-right in any language. */
function renderWithCode(text: string, command: string, endpoint: string) {
  const parts = text.split(/(@@command@@|@@endpoint@@)/);
  let offset = 0;
  return parts.map((part) => {
    // The parts of one sentence never move: where a part starts in the sentence is its identity.
    const key = `${offset}`;
    offset += part.length;
    if (part === COMMAND)
      return (
        <code key={key} dir="ltr">
          {command}
        </code>
      );
    if (part === ENDPOINT)
      return (
        <code key={key} dir="ltr">
          {endpoint}
        </code>
      );
    return <span key={key}>{part}</span>;
  });
}
