/** A reference support can match to server logs; never the message or the stack. */
function errorReference(error: unknown): string | undefined {
  if (error instanceof Error && 'digest' in error && typeof error.digest === 'string') return error.digest;
  return undefined;
}

export function ErrorDetails({ error }: { error: unknown }) {
  const reference = errorReference(error);
  return (
    <>
      <p>This page could not be shown. Try again; if it keeps happening, contact the district office.</p>
      {reference ? (
        <p className="text-sm text-slate-600">
          Reference: <span className="font-mono">{reference}</span>
        </p>
      ) : null}
    </>
  );
}
