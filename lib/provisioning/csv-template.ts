// The template offered on the Import page: the header row the importer reads (lib/provisioning/
// csv.ts) and example rows that show one person per line, a person in two groups, and a group's
// description given once. Checked by tests to import cleanly.
export const IMPORT_TEMPLATE_FILENAME = "import-template.csv";

export const IMPORT_TEMPLATE_CSV = [
  "group,description,email,name",
  "Engineering,Developers and testers,ada@example.com,Ada Lovelace",
  "Engineering,,alan@example.com,Alan Turing",
  "Marketing,Campaigns and events,ada@example.com,Ada Lovelace",
  "",
].join("\r\n");
