-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN "adoptedAt" DATETIME;
ALTER TABLE "Invitation" ADD COLUMN "adoptedByLabel" TEXT;
