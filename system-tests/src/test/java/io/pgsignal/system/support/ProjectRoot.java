package io.pgsignal.system.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository root: from -Dpgsignal.root (set by the build), else the nearest folder with mvnw.
 */
public final class ProjectRoot {

  private ProjectRoot() {}

  public static Path get() {
    String configured = System.getProperty("pgsignal.root");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "Cannot find the repository root (no mvnw above the working dir)");
    }
    return dir;
  }
}
