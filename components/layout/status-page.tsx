import type { ReactNode } from 'react';

export interface StatusPageProps {
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
}

/** The plain centred page shared by not-found and error screens. */
export function StatusPage({ title, children, actions }: StatusPageProps) {
  return (
    <main
      id="main"
      tabIndex={-1}
      className="flex min-h-screen items-center justify-center px-4 py-12 focus:outline-none"
    >
      <div className="w-full max-w-lg rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-primary-700 uppercase">Tutoring Ops</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">{title}</h1>
        {children ? <div className="mt-3 flex flex-col gap-2 text-slate-700">{children}</div> : null}
        {actions ? <div className="mt-6 flex flex-wrap gap-3">{actions}</div> : null}
      </div>
    </main>
  );
}
