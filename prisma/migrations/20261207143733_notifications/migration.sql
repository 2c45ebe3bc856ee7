-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('DIGEST', 'REMINDER', 'WEEKLY_REVIEW');

-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "notifyDigest" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "notifyReminder" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "notifyWeeklyReview" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "notification_sent" (
    "kind" "NotificationKind" NOT NULL,
    "userId" UUID NOT NULL,
    "forDate" DATE NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_sent_pkey" PRIMARY KEY ("kind","userId","forDate")
);

-- AddForeignKey
ALTER TABLE "notification_sent" ADD CONSTRAINT "notification_sent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
