// Every server action goes through defineAction:
//   session → permission (the table) → zod → scope (the data) → transaction → audit → typed result.
import 'server-only';
import { z } from 'zod';
import { authorize, requireUser, type ScopeTarget } from '@/lib/auth/guards';
import { ForbiddenError } from '@/lib/auth/errors';
import { can, type Permission } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { toActionError } from './errors';
import type { ActionResult, FieldErrors } from './result';

export interface AuditEntry {
  entityType: string;
  entityId: string;
  siteId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface ActionContext<I> {
  user: SessionUser;
  input: I;
  tx: Prisma.TransactionClient;
  /** Records who changed which record, from what to what, in the same transaction. */
  audit(entry: AuditEntry): Promise<void>;
}

export interface ActionDefinition<S extends z.ZodType, T> {
  /** Unique, used in the audit log and the access matrix. */
  name: string;
  permission: Permission;
  input: S;
  /** The site, group or session the input names, for the scope check. */
  scope?: (input: z.output<S>) => ScopeTarget;
  run(context: ActionContext<z.output<S>>): Promise<T>;
}

export type ServerAction<S extends z.ZodType, T> = ((
  previous: unknown,
  input: FormData | z.input<S>,
) => Promise<ActionResult<T>>) & { actionName: string; permission: Permission };

const MAX_FIELD_LENGTH = 100_000;

/** FormData to a plain object; repeated keys become arrays. Files are refused. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith('$ACTION')) continue; // Next's own bookkeeping fields
    if (typeof value !== 'string') throw new ForbiddenError('Files are not accepted here.');
    if (value.length > MAX_FIELD_LENGTH) throw new ForbiddenError(`The field "${key.slice(0, 40)}" is too long.`);
    const existing = object[key];
    object[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return object;
}

/**
 * The first field (as a path) holding a NUL character, which PostgreSQL cannot store
 * in text: refused as that field's error, before it reaches the database.
 */
export function fieldWithNul(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || 'form' : null;
  if (depth > 8 || value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const found = fieldWithNul(item, [...path, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || 'form';
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

function json(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
}

export const registeredActions = new Map<string, Permission>();
/** Each action's input schema, by name: what tests/integration/action-matrix.test.ts fuzzes. */
export const registeredSchemas = new Map<string, z.ZodType>();

export function defineAction<S extends z.ZodType, T>(definition: ActionDefinition<S, T>): ServerAction<S, T> {
  if (registeredActions.has(definition.name)) throw new Error(`Two actions are named ${definition.name}`);
  registeredActions.set(definition.name, definition.permission);
  registeredSchemas.set(definition.name, definition.input);

  const action = async (_previous: unknown, raw: FormData | z.input<S>): Promise<ActionResult<T>> => {
    try {
      const user = await requireUser();
      if (!can(user.role, definition.permission)) throw new ForbiddenError('Your role does not allow that.');
      const object = raw instanceof FormData ? formDataToObject(raw) : raw;
      const nul = fieldWithNul(object);
      if (nul !== null) {
        const reason = 'Remove the invisible control character (NUL) from this field: it cannot be saved.';
        return { ok: false, message: 'Some fields need attention.', fieldErrors: { [nul]: [reason] } };
      }
      const parsed = definition.input.safeParse(object);
      if (!parsed.success) {
        return { ok: false, message: 'Some fields need attention.', fieldErrors: fieldErrorsOf(parsed.error) };
      }
      await authorize(definition.permission, definition.scope?.(parsed.data));
      const data = await db.$transaction(
        async (tx) => {
          const audit = async (entry: AuditEntry) => {
            await tx.auditEvent.create({
              data: {
                actorId: user.id,
                action: definition.name,
                entityType: entry.entityType,
                entityId: entry.entityId,
                siteId: entry.siteId ?? null,
                before: json(entry.before),
                after: json(entry.after),
              },
            });
          };
          return definition.run({ user, input: parsed.data, tx, audit });
        },
        { timeout: 20_000 },
      );
      return { ok: true, data };
    } catch (error) {
      return toActionError(error);
    }
  };
  return Object.assign(action, { actionName: definition.name, permission: definition.permission });
}
