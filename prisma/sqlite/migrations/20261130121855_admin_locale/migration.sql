-- AlterTable
ALTER TABLE "Admin" ADD COLUMN "locale" TEXT;
