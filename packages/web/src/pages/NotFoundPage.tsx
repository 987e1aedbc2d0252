import { Link } from 'react-router';
import { useI18n } from '../i18n/use-i18n.ts';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="page" data-page="not-found">
      <p className="banner">{t('page.notFound')}</p>
      <Link to="/">{t('page.backHome')}</Link>
    </div>
  );
}
