import { describe, expect, it } from 'vitest';
import { API_METHODS, eventChannel, requestChannel, requestValidators } from '@core/api/contract';

describe('request validators', () => {
  it('has one validator, and one channel, per method', () => {
    expect(API_METHODS.toSorted()).toEqual([
      'appInfo',
      'appendBackup',
      'cancelExport',
      'cancelImport',
      'cancelVerify',
      'chooseBackupDestination',
      'chooseBackupToRestore',
      'chooseEvidence',
      'chooseExportDestination',
      'chooseFiles',
      'chooseSigningFile',
      'createSigningIdentity',
      'exportPack',
      'finishBackup',
      'importSigningIdentity',
      'inspectSource',
      'keepInput',
      'listSigningIdentities',
      'missingInputs',
      'nextBatch',
      'readBackup',
      'sampleSources',
      'startImport',
      'verifyEvidence',
    ]);
    expect(new Set(API_METHODS.map(requestChannel)).size).toBe(API_METHODS.length);
    expect(eventChannel('progress')).not.toBe(requestChannel('appInfo'));
  });

  it('accepts well-formed requests', () => {
    expect(requestValidators.chooseFiles({ kind: 'target' })).toEqual({ ok: true, value: { kind: 'target' } });
    expect(requestValidators.startImport({ token: 'abc-123', kind: 'entra-users' }).ok).toBe(true);
    expect(requestValidators.nextBatch({ importId: 'f0e1d2c3-0000-4000-8000-000000000000' }).ok).toBe(true);
    expect(requestValidators.appInfo({}).ok).toBe(true);
    expect(requestValidators.chooseBackupDestination({ suggestedName: 'recondesk-2026-11-23.recondesk-backup' }).ok).toBe(true);
    expect(requestValidators.createSigningIdentity({ name: 'Ada', email: 'ada@contoso.com', organisation: 'Contoso' }).ok).toBe(true);
    expect(requestValidators.importSigningIdentity({ token: 'abc', passphrase: 'p' }).ok).toBe(true);
  });

  it.each([
    ['chooseFiles', null],
    ['chooseFiles', { kind: 'passwords' }],
    ['chooseFiles', { kind: 'target', extra: 1 }],
    ['startImport', { token: '../../etc/passwd', kind: 'target' }],
    ['startImport', { token: 'a'.repeat(65), kind: 'target' }],
    ['startImport', { token: 'abc', kind: 'target', path: '/etc/passwd' }],
    ['nextBatch', { importId: 42 }],
    ['cancelImport', []],
    ['appInfo', 'x'],
    ['chooseBackupDestination', { suggestedName: '../../home/user/.bashrc' }],
    ['chooseBackupDestination', { suggestedName: '/etc/cron.d/x' }],
    ['appendBackup', { token: 'abc', chunk: 42 }],
    ['finishBackup', { token: 'abc', abort: 'yes' }],
    ['readBackup', { token: '../x' }],
    ['sampleSources', { path: '/etc' }],
    ['createSigningIdentity', { name: 'Ada', email: 'not an address', organisation: 'Contoso' }],
    ['createSigningIdentity', { name: '', email: 'ada@contoso.com', organisation: 'Contoso' }],
    ['importSigningIdentity', { token: 'abc', passphrase: 7 }],
    ['importSigningIdentity', { token: 'abc', passphrase: 'p', path: '/etc/ssl/private/key.pem' }],
  ] as const)('rejects %s(%j)', (method, request) => {
    expect(requestValidators[method](request)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
