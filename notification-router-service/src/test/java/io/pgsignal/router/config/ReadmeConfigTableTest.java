package io.pgsignal.router.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.schema.test.ConfigTable;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadmeConfigTableTest {

  @Test
  void theReadmeDocumentsEveryKnobWithItsDefaultAndNoOther() throws IOException {
    assertThat(ConfigTable.mismatches(RouterConfig.class, Path.of("README.md"))).isEmpty();
  }
}
