// ferry's version, read from the package.json above this file (works from src/, dist/src/ and the bundle in dist/).
import { findPackageRoot } from './package-root.js';

export const VERSION = findPackageRoot(import.meta.url)?.version ?? '0.0.0';
