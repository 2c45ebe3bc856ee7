export type FormMessageTone = 'error' | 'success';

export interface FormMessageProps {
  tone: FormMessageTone;
  message?: string | null;
  id?: string;
  /** Applied to the message itself, so an empty region takes no space. */
  className?: string;
}

const tones: Record<FormMessageTone, string> = {
  error: 'border-danger-200 bg-danger-50 text-danger-800',
  success: 'border-success-200 bg-success-50 text-success-700',
};

/**
 * The wrapper stays in the page even when empty so screen readers already watch it
 * when a message arrives after a submit.
 */
export function FormMessage({ tone, message, id, className = '' }: FormMessageProps) {
  return (
    <div aria-live={tone === 'error' ? 'assertive' : 'polite'} aria-atomic="true" id={id}>
      {message ? (
        <p
          role={tone === 'error' ? 'alert' : 'status'}
          className={`rounded-md border px-4 py-3 text-sm font-medium ${tones[tone]} ${className}`}
        >
          {message}
        </p>
      ) : null}
    </div>
  );
}
