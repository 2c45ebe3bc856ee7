import { useId, type ReactNode, type TdHTMLAttributes, type ThHTMLAttributes } from 'react';
import { ScrollCue } from './scroll-cue';

export interface TableProps {
  caption: string;
  /** Hide the caption visually when a heading above already names the table. */
  captionHidden?: boolean;
  children: ReactNode;
}

/**
 * The scroll wrapper is a named, focusable region so keyboard users can scroll a
 * wide table on a narrow screen; a table wider than its box says so above it, and its
 * row headers (the first column) stay in view while the figures scroll.
 */
export function Table({ caption, captionHidden = false, children }: TableProps) {
  const captionId = useId();
  return (
    <div
      role="region"
      aria-labelledby={captionId}
      tabIndex={0}
      className="print-full-width relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm"
    >
      <ScrollCue />
      <table className="w-full border-collapse text-left text-sm">
        <caption
          id={captionId}
          className={captionHidden ? 'sr-only' : 'px-4 pt-3 pb-2 text-left text-base font-semibold text-slate-900'}
        >
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

export function TableHead({ children }: { children: ReactNode }) {
  return <thead className="border-y border-slate-200 bg-slate-100">{children}</thead>;
}

export function TableBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-200">{children}</tbody>;
}

export function TableRow({ children }: { children: ReactNode }) {
  return <tr className="group even:bg-slate-50">{children}</tr>;
}

export type HeaderCellProps = ThHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean };

export function HeaderCell({ scope = 'col', numeric = false, className = '', ...rest }: HeaderCellProps) {
  const alignment = scope === 'row' ? 'align-top' : 'align-bottom';
  // A row's header stays in view while a wide table scrolls (opaque, in its row's colour).
  const sticky = scope === 'row' ? 'sticky left-0 z-10 bg-white group-even:bg-slate-50' : '';
  return (
    <th
      scope={scope}
      className={`px-4 py-3 font-semibold whitespace-nowrap text-slate-800 ${alignment} ${sticky} ${numeric ? 'text-right' : ''} ${className}`}
      {...rest}
    />
  );
}

export type CellProps = TdHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean };

export function Cell({ numeric = false, className = '', ...rest }: CellProps) {
  return (
    <td
      className={`px-4 py-3 align-top text-slate-800 ${numeric ? 'text-right tabular-nums' : ''} ${className}`}
      {...rest}
    />
  );
}
