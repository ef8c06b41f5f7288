// Filled by the dues module.
export {};
