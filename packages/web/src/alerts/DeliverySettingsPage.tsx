import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type DeliverySettings, type DeliverySettingsInput, fetchDeliverySettings, saveDeliverySettings } from '../api/alerts.ts';
import { ApiError } from '../api/client.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/use-i18n.ts';

const KEY = ['alerts', 'delivery-settings'] as const;

/** Admins: the SMTP server (or the one the server's environment sets), the default recipients, private targets. */
export function DeliverySettingsPage() {
  const { t } = useI18n();
  const settings = useQuery({ queryKey: KEY, queryFn: ({ signal }) => fetchDeliverySettings(signal), retry: false });
  const forbidden = settings.error instanceof ApiError && settings.error.status === 403;
  return (
    <div className="page" data-page="delivery-settings">
      <PageHeader title={t('delivery.title')} />
      <p className="hint">{t('delivery.intro')}</p>
      {forbidden && <p className="banner">{t('delivery.adminOnly')}</p>}
      {settings.error && !forbidden && (
        <p role="alert" className="banner banner-error">
          {settings.error.message}
        </p>
      )}
      {settings.data && <DeliveryForm current={settings.data} />}
    </div>
  );
}

function DeliveryForm({ current }: { current: DeliverySettings }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const smtp = current.smtp;
  const [useEnvironment, setUseEnvironment] = useState(current.smtpSource === 'environment');
  const [host, setHost] = useState(smtp?.host ?? '');
  const [port, setPort] = useState(String(smtp?.port ?? 587));
  const [secure, setSecure] = useState(smtp?.secure ?? false);
  const [username, setUsername] = useState(smtp?.username ?? '');
  const [password, setPassword] = useState('');
  const [from, setFrom] = useState(smtp?.from ?? '');
  const [recipients, setRecipients] = useState(current.defaultRecipients.join(', '));
  const [allowPrivate, setAllowPrivate] = useState(current.allowPrivateTargets);
  const save = useMutation({
    mutationFn: () => {
      const input: DeliverySettingsInput = {
        smtp: useEnvironment
          ? null
          : {
              host: host.trim(),
              port: Number(port),
              secure,
              from: from.trim(),
              ...(username.trim() ? { username: username.trim() } : {}),
              ...(password ? { password } : {}),
            },
        defaultRecipients: recipients
          .split(/[,;\s]+/)
          .map((s) => s.trim())
          .filter((s) => s !== ''),
        allowPrivateTargets: allowPrivate,
      };
      return saveDeliverySettings(input);
    },
    onSuccess: (saved) => {
      setPassword('');
      client.setQueryData(KEY, saved);
    },
  });
  // The saved answer says where the server in force comes from now.
  const source = (save.data ?? current).smtpSource ?? 'none';
  const editable = !useEnvironment;
  return (
    <form
      className="tile delivery-form"
      data-testid="delivery-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <fieldset>
        <legend>{t('delivery.smtp')}</legend>
        <p className="hint" data-testid="delivery-source" data-source={source}>
          {t(`delivery.source.${source}`)}
        </p>
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="delivery-use-env"
            checked={useEnvironment}
            onChange={(e) => setUseEnvironment(e.target.checked)}
          />
          {t('delivery.useEnvironment')}
        </label>
        <label className="field">
          <span className="field-label">{t('delivery.host')}</span>
          <input
            data-testid="delivery-host"
            required={editable}
            disabled={!editable}
            value={host}
            onChange={(e) => setHost(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('delivery.port')}</span>
          <input
            type="number"
            min="1"
            max="65535"
            data-testid="delivery-port"
            disabled={!editable}
            value={port}
            onChange={(e) => setPort(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('delivery.from')}</span>
          <input
            type="email"
            data-testid="delivery-from"
            required={editable}
            disabled={!editable}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('delivery.username')}</span>
          <input
            autoComplete="off"
            data-testid="delivery-username"
            disabled={!editable}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('delivery.password')}</span>
          <input
            type="password"
            autoComplete="new-password"
            data-testid="delivery-password"
            disabled={!editable}
            placeholder={smtp?.passwordSet ? '••••••••' : ''}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {smtp?.passwordSet && editable && <p className="hint">{t('delivery.passwordKept')}</p>}
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="delivery-secure"
            disabled={!editable}
            checked={secure}
            onChange={(e) => setSecure(e.target.checked)}
          />
          {t('delivery.secure')}
        </label>
      </fieldset>
      <label className="field">
        <span className="field-label">{t('delivery.recipients')}</span>
        <input data-testid="delivery-recipients" value={recipients} onChange={(e) => setRecipients(e.target.value)} />
        <span className="hint">{t('delivery.recipientsHint')}</span>
      </label>
      <div>
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="delivery-allow-private"
            checked={allowPrivate}
            onChange={(e) => setAllowPrivate(e.target.checked)}
          />
          {t('delivery.allowPrivate')}
        </label>
        <p className="hint">{t('delivery.allowPrivateHint')}</p>
      </div>
      {save.error && (
        <p role="alert" className="banner banner-error" data-testid="delivery-error">
          {save.error.message}
        </p>
      )}
      {save.isSuccess && (
        <p className="banner" role="status" data-testid="delivery-saved">
          {t('delivery.saved')}
        </p>
      )}
      <div className="editor-actions">
        <button type="submit" className="primary" data-testid="delivery-submit" disabled={save.isPending}>
          {t('delivery.save')}
        </button>
      </div>
    </form>
  );
}
