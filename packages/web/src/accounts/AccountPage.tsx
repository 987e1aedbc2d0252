import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/use-i18n.ts';
import { PasswordForm } from './PasswordForm.tsx';

export function AccountPage() {
  const { t } = useI18n();
  return (
    <div className="page" data-page="account">
      <PageHeader title={t('auth.account')} />
      <PasswordForm onDone={() => undefined} />
    </div>
  );
}
