/** A history store that cannot be used: one clear message, exit 2, nothing recorded half-way. */
export class HistoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HistoryError';
  }
}
