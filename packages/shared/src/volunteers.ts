// Filled by the volunteers module.
export {};
