// Size limits of the configuration contract. A real tenant setup is far below each of them; they
// exist so a hostile or broken file (an import, a policy pushed by mistake) cannot fill storage,
// stall the worker or the pages, or be rendered as a wall of text. Changing one is a contract change
// for IT: keep README.md (Configuration contract) and public/managed_schema.json in step.
export const CONFIG_LIMITS = {
  /** An imported file, in UTF-16 code units of its text (what JSON.parse sees). */
  fileChars: 512 * 1024,
  /** Containers (objects and arrays) from the root; the schema itself needs 4. */
  depth: 8,
  /** Values of any kind in one layer: bounds the work a policy object can cost before validation. */
  nodes: 50_000,
  connections: 200,
  allowedTenants: 500,
  cloudAccessRoles: 500,
  justificationTemplates: 50,
  /** Any text the schema does not bound more tightly (URLs, issuer, role). */
  text: 2048,
} as const;
