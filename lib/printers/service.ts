// Printers of one organization, their group assignments and drivers: read from ezeep, changed
// through ezeep, every change audited. One module per use case; this file names them all.
export * from "@/lib/printers/views";
export * from "@/lib/printers/lists";
export * from "@/lib/printers/detail";
export * from "@/lib/printers/assignments";
export * from "@/lib/printers/driver";
