-- CreateTable
CREATE TABLE "staff_candidate" (
    "id" UUID NOT NULL,
    "sourceId" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "email" TEXT,
    "siteId" UUID,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "importedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_candidate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "staff_candidate_sourceId_key" ON "staff_candidate"("sourceId");

-- CreateIndex
CREATE INDEX "staff_candidate_email_idx" ON "staff_candidate"("email");

-- CreateIndex
CREATE INDEX "staff_candidate_siteId_idx" ON "staff_candidate"("siteId");

-- AddForeignKey
ALTER TABLE "staff_candidate" ADD CONSTRAINT "staff_candidate_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Emails are kept lower-cased, as app_user.email is, so matching is one comparison.
ALTER TABLE "staff_candidate"
  ADD CONSTRAINT "staff_candidate_email_lowercase" CHECK ("email" IS NULL OR "email" = lower("email")),
  ADD CONSTRAINT "staff_candidate_names_not_blank" CHECK (btrim("firstName") <> '' OR btrim("lastName") <> '');
