// The pwa-node attach configuration: address, port and the source-map globs that reach the
// compiled TypeScript cache past the usual node_modules exclusion.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pwaNodeAttachConfig } from './attachConfig';

describe('pwaNodeAttachConfig', () => {
  const config = pwaNodeAttachConfig({
    instanceId: '0123456789abcdef0123456789abcdef',
    functionName: 'orders',
    inspectorUrl: 'ws://127.0.0.1:40123/6e5b2c1d-0000-4000-8000-000000000000',
    codeUri: '/ws/app/src',
    cwd: '/ws/app',
  });

  it('attaches to the instance inspector on loopback and lets js-debug release it', () => {
    assert.equal(config.type, 'pwa-node');
    assert.equal(config.request, 'attach');
    assert.equal(config.address, '127.0.0.1');
    assert.equal(config.port, 40123);
    assert.equal(
      config.websocketAddress,
      'ws://127.0.0.1:40123/6e5b2c1d-0000-4000-8000-000000000000',
    );
    assert.equal(config.continueOnAttach, true);
    assert.equal(config.attachExistingChildren, false);
    assert.deepEqual(config.skipFiles, ['<node_internals>/**']);
    assert.equal(config.name, 'Lambda orders (01234567)');
    assert.equal(config.__lambdaInstanceId, '0123456789abcdef0123456789abcdef');
  });

  it('re-includes the compiled TypeScript cache after excluding node_modules (micromatch order)', () => {
    assert.deepEqual(config.resolveSourceMapLocations, [
      '/ws/app/**',
      '/ws/app/src/**',
      '!**/node_modules/**',
      '/ws/app/src/node_modules/.cache/lambda-workbench/**',
    ]);
    assert.deepEqual(config.outFiles, [
      '/ws/app/**/*.(m|c|)js',
      '/ws/app/src/**/*.(m|c|)js',
      '!**/node_modules/**',
      '/ws/app/src/node_modules/.cache/lambda-workbench/**/*.(m|c|)js',
    ]);
  });
});
