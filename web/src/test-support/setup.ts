// Component tests: each test's DOM is cleaned up after it.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());
