import { useI18n } from '../i18n/use-i18n.ts';
import type { ChannelDraft } from './channel-drafts.ts';

/** The rule's channels: each email or webhook with its target; one at least. */
export function ChannelFields({ drafts, onChange }: { drafts: ChannelDraft[]; onChange(next: ChannelDraft[]): void }) {
  const { t } = useI18n();
  const set = (i: number, patch: Partial<ChannelDraft>) => onChange(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <fieldset className="field channel-rows" data-testid="alert-channels">
      <legend className="field-label">{t('alerts.channels')}</legend>
      {drafts.map((draft, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place in the list
        <div className="channel-row" key={i} data-testid="alert-channel-row">
          <label className="field">
            <span className="field-label">{t('alerts.channel')}</span>
            <select
              data-testid="alert-channel"
              value={draft.type}
              onChange={(e) => set(i, { type: e.target.value as ChannelDraft['type'] })}
            >
              <option value="webhook">{t('alerts.webhook')}</option>
              <option value="email">{t('alerts.email')}</option>
            </select>
          </label>
          <label className="field">
            <span className="field-label">{draft.type === 'email' ? t('alerts.emailToDefault') : t('alerts.webhookUrl')}</span>
            <input
              data-testid="alert-target"
              type={draft.type === 'email' ? 'text' : 'url'}
              required={draft.type === 'webhook'}
              value={draft.target}
              onChange={(e) => set(i, { target: e.target.value })}
            />
          </label>
          {drafts.length > 1 && (
            <button
              type="button"
              className="link-button danger"
              data-testid="alert-channel-remove"
              onClick={() => onChange(drafts.filter((_, j) => j !== i))}
            >
              {t('alerts.removeChannel')}
            </button>
          )}
        </div>
      ))}
      <div className="editor-actions">
        <button
          type="button"
          data-testid="alert-add-email"
          onClick={() => onChange([...drafts, { type: 'email', target: '' }])}
          disabled={drafts.length >= 10}
        >
          + {t('alerts.addEmail')}
        </button>
        <button
          type="button"
          data-testid="alert-add-webhook"
          onClick={() => onChange([...drafts, { type: 'webhook', target: '' }])}
          disabled={drafts.length >= 10}
        >
          + {t('alerts.addWebhook')}
        </button>
      </div>
    </fieldset>
  );
}
