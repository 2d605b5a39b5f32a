package io.pgsignal.schema.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerSecretTest {

  private final BearerSecret secret = BearerSecret.of(Optional.of("s3cret-token"));

  @Test
  void acceptsOnlyTheConfiguredSecretAsABearerToken() {
    assertThat(secret.accepts("Bearer s3cret-token")).isTrue();
    assertThat(secret.accepts("Bearer s3cret-token ")).isTrue();
    assertThat(secret.accepts("Bearer s3cret-tokem")).isFalse();
    assertThat(secret.accepts("Bearer s3cret")).isFalse();
    assertThat(secret.accepts("Basic s3cret-token")).isFalse();
    assertThat(secret.accepts("s3cret-token")).isFalse();
    assertThat(secret.accepts(null)).isFalse();
  }

  @Test
  void anUnsetOrBlankSecretAcceptsNothing() {
    for (BearerSecret closed :
        new BearerSecret[] {
          BearerSecret.of(Optional.empty()), BearerSecret.of(Optional.of("  "))
        }) {
      assertThat(closed.isConfigured()).isFalse();
      assertThat(closed.accepts("Bearer ")).isFalse();
      assertThat(closed.accepts("Bearer   ")).isFalse();
    }
  }
}
