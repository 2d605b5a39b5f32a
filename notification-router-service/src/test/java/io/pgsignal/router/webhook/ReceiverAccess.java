package io.pgsignal.router.webhook;

import java.io.IOException;

/** The test receiver for tests outside this package, answering one settable status. */
public final class ReceiverAccess implements AutoCloseable {

  private final Receiver receiver;
  private volatile int status;

  public ReceiverAccess(String secret, int status) throws IOException {
    this.status = status;
    this.receiver = new Receiver(secret, n -> this.status);
  }

  public String url() {
    return receiver.url();
  }

  public void answer(int newStatus) {
    status = newStatus;
  }

  @Override
  public void close() {
    receiver.close();
  }
}
