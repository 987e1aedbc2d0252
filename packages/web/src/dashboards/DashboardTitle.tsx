import { useState } from 'react';
import { useI18n } from '../i18n/use-i18n.ts';
import { focusOnMount } from '../lib/focus-on-mount.ts';

/** The dashboard's name, renamed in place. */
export function DashboardTitle({ name, onRename }: { name: string; onRename(name: string): void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(name);
  if (!editing) {
    return (
      <div className="dashboard-title">
        <h1 data-testid="dashboard-name">{name}</h1>
        <button
          type="button"
          className="link-button"
          data-testid="dashboard-rename"
          onClick={() => {
            setValue(name);
            setEditing(true);
          }}
        >
          {t('dashboards.rename')}
        </button>
      </div>
    );
  }
  return (
    <form
      className="dashboard-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) onRename(value.trim());
        setEditing(false);
      }}
    >
      <input
        data-testid="dashboard-name-input"
        value={value}
        maxLength={120}
        onChange={(e) => setValue(e.target.value)}
        aria-label={t('dashboards.namePlaceholder')}
        ref={focusOnMount}
      />
      <button type="submit" className="primary">
        {t('controls.apply')}
      </button>
    </form>
  );
}
