import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ForgotPassword } from './forgot-password-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('forgot.metaTitle') };
}

export default function ForgotPasswordPage() {
  return <ForgotPassword />;
}
