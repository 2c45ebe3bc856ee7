-- CreateTable
CREATE TABLE "sign_in_counter" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "windowSeconds" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL,

    CONSTRAINT "sign_in_counter_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "sign_in_counter_windowStart_idx" ON "sign_in_counter"("windowStart");
