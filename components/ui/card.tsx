import { useId, type ReactNode } from 'react';

export interface CardProps {
  title?: string;
  /** Heading level for the title; pick the one that fits the page outline. */
  headingLevel?: 2 | 3;
  description?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
  className?: string;
}

export function Card({ title, headingLevel = 2, description, actions, children, className = '' }: CardProps) {
  const headingId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const Wrapper = title ? 'section' : 'div';
  return (
    <Wrapper
      aria-labelledby={title ? headingId : undefined}
      className={`rounded-lg border border-slate-200 bg-white p-5 shadow-sm ${className}`}
    >
      {title || actions ? (
        <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
          <div>
            {title ? (
              <Heading id={headingId} className="text-lg font-semibold">
                {title}
              </Heading>
            ) : null}
            {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
          </div>
          {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
        </div>
      ) : null}
      {children}
    </Wrapper>
  );
}
