package io.pgsignal.system.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgsignal.system.support.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The root README lists every knob of every service: its tables mirror the service READMEs. */
class ReadmeConfigTest {

  private static final List<String> SERVICES =
      List.of(
          "event-capture-service",
          "notification-router-service",
          "exposure-api-service",
          "scan-service");

  @Test
  void rootReadmeListsEveryConfigurationRowOfEveryService() throws IOException {
    String root = Files.readString(ProjectRoot.get().resolve("README.md"));
    for (String service : SERVICES) {
      List<String> rows = configRows(service);
      assertThat(rows).as("%s/README.md has a configuration table", service).isNotEmpty();
      assertThat(root)
          .as("root README is in sync with %s/README.md (run scripts/sync-readme-config)", service)
          .contains(rows);
    }
  }

  private static List<String> configRows(String service) throws IOException {
    String readme = Files.readString(ProjectRoot.get().resolve(service).resolve("README.md"));
    int start = readme.indexOf("## Configuration");
    int end = readme.indexOf("\n## ", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    return section.lines().filter(l -> l.startsWith("| `")).toList();
  }
}
