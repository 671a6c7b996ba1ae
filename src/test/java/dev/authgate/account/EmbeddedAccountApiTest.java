package dev.authgate.account;

class EmbeddedAccountApiTest extends AccountApiContract {
  @Override
  StoreKind store() {
    return StoreKind.EMBEDDED;
  }
}
