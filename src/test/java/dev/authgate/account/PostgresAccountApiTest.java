package dev.authgate.account;

class PostgresAccountApiTest extends AccountApiContract {
  @Override
  StoreKind store() {
    return StoreKind.POSTGRES;
  }
}
