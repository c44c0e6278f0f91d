/** torchcraft's own version; a test holds it equal to package.json's. */
export const TORCHCRAFT_VERSION = '1.0.0';
