package io.pgsignal.exposure.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.schema.test.ConfigTable;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadmeConfigTableTest {

  @Test
  void theReadmeDocumentsEveryKnobWithItsDefaultAndNoOther() throws IOException {
    assertThat(ConfigTable.mismatches(ExposureConfig.class, Path.of("README.md"))).isEmpty();
  }
}
