// Filled by the org-life module.
export {};
