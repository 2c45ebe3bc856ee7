'use server';

// The only public write in the app: whoever holds a one-time link sets that
// person's password. It cannot go through defineAction (there is no session), so
// it repeats the wrapper's steps itself: zod, one transaction, an audit event,
// the same ActionResult shape. The link itself is the authorization.
import { toActionError } from '@/lib/actions/errors';
import { ActionError, type ActionResult } from '@/lib/actions/result';
import { formDataToObject } from '@/lib/actions/action';
import { hashPassword } from '@/lib/auth/password';
import { revokeUserSessions } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { INVALID_LINK_MESSAGE, setPasswordSchema } from './schemas';
import { hashPasswordToken } from './tokens';

export async function setPasswordAction(
  _previous: unknown,
  raw: FormData | { token: string; password: string; confirmPassword: string },
): Promise<ActionResult<{ email: string }>> {
  try {
    const parsed = setPasswordSchema.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
    if (!parsed.success) {
      if (parsed.error.issues.some((issue) => issue.path[0] === 'token'))
        return { ok: false, message: INVALID_LINK_MESSAGE };
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues)
        (fieldErrors[String(issue.path[0] ?? 'form')] ??= []).push(issue.message);
      return { ok: false, message: 'Some fields need attention.', fieldErrors };
    }
    const { token, password } = parsed.data;
    const tokenHash = hashPasswordToken(token);
    // Check the link before the slow hash; the transaction checks it again, atomically.
    if (!(await findUsableToken(tokenHash, new Date()))) return { ok: false, message: INVALID_LINK_MESSAGE };
    const passwordHash = await hashPassword(password);

    const email = await db.$transaction(
      async (tx) => {
        const now = new Date();
        const link = await findUsableToken(tokenHash, now, tx);
        if (!link) throw new ActionError(INVALID_LINK_MESSAGE);
        // Only one request can claim the link: a second one finds usedAt already set.
        const claimed = await tx.passwordToken.updateMany({
          where: { id: link.id, usedAt: null, expiresAt: { gt: now } },
          data: { usedAt: now },
        });
        if (claimed.count !== 1) throw new ActionError(INVALID_LINK_MESSAGE);
        const hadPassword = (await tx.user.count({ where: { id: link.userId, passwordHash: { not: null } } })) > 0;
        await tx.user.update({ where: { id: link.userId }, data: { passwordHash }, select: { id: true } });
        const sessionsEnded = await revokeUserSessions(tx, link.userId);
        // Any other outstanding link for this person stops working too.
        await tx.passwordToken.updateMany({
          where: { userId: link.userId, usedAt: null, expiresAt: { gt: now } },
          data: { expiresAt: now },
        });
        await tx.auditEvent.create({
          data: {
            actorId: link.userId,
            action: 'users.setPassword',
            entityType: 'user',
            entityId: link.userId,
            before: { passwordSet: hadPassword },
            after: { passwordSet: true, via: link.purpose, sessionsEnded },
          },
        });
        return link.user.email;
      },
      { timeout: 20_000 },
    );
    return { ok: true, data: { email }, message: 'Your password is set. You can sign in now.' };
  } catch (error) {
    return toActionError(error);
  }
}

type Reader = Pick<typeof db, 'passwordToken'>;

async function findUsableToken(tokenHash: string, now: Date, reader: Reader = db) {
  const link = await reader.passwordToken.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      userId: true,
      purpose: true,
      usedAt: true,
      expiresAt: true,
      user: { select: { email: true, active: true } },
    },
  });
  if (!link || link.usedAt || link.expiresAt <= now || !link.user.active) return null;
  return link;
}
