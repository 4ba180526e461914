/**
 * The IP data cannot be used: a missing, unreadable or corrupt file. The CLI prints the message on
 * one line and exits 2; a check must never silently run without the data it was told to use.
 */
export class IpDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IpDataError';
  }
}
