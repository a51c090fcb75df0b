/** Thrown from a progress report when the user has cancelled: the work stops there and says so. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}
