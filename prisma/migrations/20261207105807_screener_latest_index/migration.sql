-- CreateIndex
CREATE INDEX "screener_result_studentId_subject_testedOn_percentile_idx" ON "screener_result"("studentId", "subject", "testedOn" DESC, "percentile");
