-- CreateTable
CREATE TABLE "sync_receipt" (
    "clientId" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "response" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_receipt_pkey" PRIMARY KEY ("clientId")
);

-- CreateIndex
CREATE INDEX "sync_receipt_userId_createdAt_idx" ON "sync_receipt"("userId", "createdAt");

-- AddForeignKey
ALTER TABLE "sync_receipt" ADD CONSTRAINT "sync_receipt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "sync_receipt"
  ADD CONSTRAINT "sync_receipt_client_id_length" CHECK (length("clientId") BETWEEN 8 AND 100);
