import { SignInForm } from '@/components/auth/sign-in-form';
import { Card } from '@/components/ui/card';
import { ssoButtons } from '@/lib/auth/sso';

const ERRORS: Record<string, string> = {
  NoAccount: 'That account is not set up for Tutoring Ops. Ask your district administrator to add you.',
  SessionRequired: 'Sign in to continue.',
  OAuthSignin: 'Single sign-on could not start. Try again, or use your email and password.',
  OAuthCallback: 'Single sign-on did not complete. Try again.',
  Callback: 'Single sign-on did not complete. Try again.',
  AccessDenied: 'That account is not set up for Tutoring Ops. Ask your district administrator to add you.',
};

const demoAccounts = [
  { email: 'admin@district.example', role: 'District admin' },
  { email: 'leader@district.example', role: 'District leader' },
  { email: 'coordinator@district.example', role: 'Site coordinator' },
  { email: 'tutor@district.example', role: 'Tutor' },
];

export function SignInPage({ callbackUrl, error }: { callbackUrl?: string; error?: string }) {
  const message = error ? (ERRORS[error] ?? 'Sign-in did not complete. Try again.') : null;
  return (
    <main id="main" tabIndex={-1} className="flex min-h-screen items-center px-4 py-12 focus:outline-none sm:px-6">
      <div className="mx-auto grid w-full max-w-5xl items-center gap-10 lg:grid-cols-[1fr_26rem]">
        <div>
          <p className="text-sm font-semibold tracking-wide text-primary-700 uppercase">High-impact tutoring</p>
          <h1 className="mt-2 text-4xl font-semibold tracking-tight sm:text-5xl">Tutoring Ops</h1>
          <p className="mt-4 max-w-xl text-lg text-slate-700">
            Run your district&apos;s high-impact tutoring program: placement by need, sessions and attendance, dose and
            growth.
          </p>
        </div>
        <div className="flex flex-col gap-4">
          <Card>
            <SignInForm callbackUrl={callbackUrl ?? '/'} ssoProviders={ssoButtons()} initialError={message} />
          </Card>
          {process.env.SHOW_DEMO_ACCOUNTS !== 'false' && (
            <details className="rounded-lg border border-slate-200 bg-white px-5 text-sm shadow-sm">
              <summary className="min-h-11 py-3 font-semibold text-slate-900">Demo accounts</summary>
              <ul className="flex flex-col gap-1 pb-2 text-slate-700">
                {demoAccounts.map(({ email, role }) => (
                  <li key={email}>
                    <span className="font-mono text-slate-900">{email}</span>{' '}
                    <span className="text-slate-600">({role})</span>
                  </li>
                ))}
              </ul>
              <p className="pb-4 text-slate-700">
                Each uses the password <span className="font-mono text-slate-900">demo1234</span>.
              </p>
            </details>
          )}
        </div>
      </div>
    </main>
  );
}
