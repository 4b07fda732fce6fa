import { powerMonitor } from 'electron';

/**
 * The OS screen lock or sleep locks TA Desk too: PHI stays hidden when the TA walks away, and a
 * laptop that wakes up shows the lock screen, not the last patient.
 */
export function lockWithOs(lock: () => void): void {
  powerMonitor.on('lock-screen', lock);
  powerMonitor.on('suspend', lock);
}
