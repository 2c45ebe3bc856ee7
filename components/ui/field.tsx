import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

interface FieldParts {
  label: string;
  hint?: ReactNode;
  /** One message or the list a zod `fieldErrors` entry gives. */
  error?: string | readonly string[];
}

export type TextFieldProps = InputHTMLAttributes<HTMLInputElement> & FieldParts;
export type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & FieldParts & { children: ReactNode };
export type TextareaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & FieldParts;

const controlBase =
  'block w-full min-h-11 rounded-md border bg-white px-3 py-2 text-base text-slate-900 ' +
  'disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-600';

function errorText(error: FieldParts['error']): string | undefined {
  if (error === undefined) return undefined;
  const text = typeof error === 'string' ? error : error.join(' ');
  return text.trim() === '' ? undefined : text;
}

/** Ids and aria attributes shared by every kind of field. */
function useFieldWiring(ownId: string | undefined, parts: FieldParts, describedBy: string | undefined) {
  const generatedId = useId();
  const controlId = ownId ?? generatedId;
  const hintId = parts.hint ? `${controlId}-hint` : undefined;
  const message = errorText(parts.error);
  const errorId = message ? `${controlId}-error` : undefined;
  const describedByIds = [describedBy, hintId, errorId].filter(Boolean).join(' ');
  return {
    controlId,
    frame: { controlId, hintId, errorId, message, label: parts.label, hint: parts.hint },
    aria: {
      'aria-describedby': describedByIds === '' ? undefined : describedByIds,
      'aria-invalid': message ? true : undefined,
    },
    className: `${controlBase} ${message ? 'border-danger-700 border-2' : 'border-slate-500'}`,
  };
}

interface FrameProps {
  controlId: string;
  label: string;
  hint?: ReactNode;
  hintId?: string;
  errorId?: string;
  message?: string;
  children: ReactNode;
}

function FieldFrame({ controlId, label, hint, hintId, errorId, message, children }: FrameProps) {
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={controlId} className="font-medium text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {message ? (
        <p id={errorId} className="text-sm font-medium text-danger-700">
          <span className="sr-only">Error: </span>
          {message}
        </p>
      ) : null}
      {children}
    </div>
  );
}

export function TextField({
  label,
  hint,
  error,
  id,
  className = '',
  'aria-describedby': describedBy,
  ...rest
}: TextFieldProps) {
  const field = useFieldWiring(id, { label, hint, error }, describedBy);
  return (
    <FieldFrame {...field.frame}>
      <input id={field.controlId} className={`${field.className} ${className}`} {...field.aria} {...rest} />
    </FieldFrame>
  );
}

export function SelectField({
  label,
  hint,
  error,
  id,
  className = '',
  children,
  'aria-describedby': describedBy,
  ...rest
}: SelectFieldProps) {
  const field = useFieldWiring(id, { label, hint, error }, describedBy);
  return (
    <FieldFrame {...field.frame}>
      <select id={field.controlId} className={`${field.className} ${className}`} {...field.aria} {...rest}>
        {children}
      </select>
    </FieldFrame>
  );
}

export function TextareaField({
  label,
  hint,
  error,
  id,
  className = '',
  rows = 4,
  'aria-describedby': describedBy,
  ...rest
}: TextareaFieldProps) {
  const field = useFieldWiring(id, { label, hint, error }, describedBy);
  return (
    <FieldFrame {...field.frame}>
      <textarea
        id={field.controlId}
        rows={rows}
        className={`${field.className} ${className}`}
        {...field.aria}
        {...rest}
      />
    </FieldFrame>
  );
}
