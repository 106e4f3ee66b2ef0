-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "adoptedAt" TIMESTAMP(3),
ADD COLUMN     "adoptedByLabel" TEXT;
