class DomainError extends Error {
  constructor(message, statusCode) {
    super(message);
    this.name = new.target.name;
    this.statusCode = statusCode;
  }
}

class NotFoundError extends DomainError {
  constructor(what) {
    super(`${what} not found`, 404);
  }
}

class ConflictError extends DomainError {
  constructor(message) {
    super(message, 409);
  }
}

class SoldOutError extends DomainError {
  constructor(ticketTypeId) {
    super(`ticket type ${ticketTypeId} is sold out`, 409);
  }
}

class InsufficientFundsError extends DomainError {
  constructor() {
    super('insufficient balance', 422);
  }
}

module.exports = { DomainError, NotFoundError, ConflictError, SoldOutError, InsufficientFundsError };
