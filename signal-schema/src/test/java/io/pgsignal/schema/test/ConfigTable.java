package io.pgsignal.schema.test;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service README's configuration table against its {@code @ConfigMapping} interface: every
 * property has a row, every row names a property that exists, and a row's default column shows the
 * {@code @WithDefault} value. Keeps "every knob documented in the README" true as knobs change.
 */
public final class ConfigTable {

  private ConfigTable() {}

  /** What disagrees between the mapping and the README's table; empty when they match. */
  public static List<String> mismatches(Class<?> mapping, Path readme) throws IOException {
    String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
    Map<String, Optional<String>> properties = new LinkedHashMap<>();
    collect(mapping, prefix, properties);
    Map<String, String> rows = defaultColumnByProperty(Files.readString(readme), prefix);
    List<String> out = new ArrayList<>();
    properties.forEach(
        (name, fallback) -> {
          String cell = rows.get(name);
          if (cell == null) {
            out.add(name + ": no row in " + readme.getFileName());
          } else if (fallback.isPresent() && !cell.contains("`" + fallback.get() + "`")) {
            out.add(name + ": default `" + fallback.get() + "` but the README says " + cell);
          }
        });
    rows.keySet().stream()
        .filter(name -> !properties.containsKey(name))
        .forEach(name -> out.add(name + ": documented but not in " + mapping.getSimpleName()));
    return out;
  }

  private static void collect(Class<?> type, String prefix, Map<String, Optional<String>> out) {
    Arrays.stream(type.getMethods())
        .filter(m -> m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()))
        .filter(m -> !m.isDefault())
        .sorted(Comparator.comparing(Method::getName))
        .forEach(
            m -> {
              String name = prefix + "." + name(m);
              if (isGroup(m.getReturnType())) {
                collect(m.getReturnType(), name, out);
              } else {
                out.put(
                    name,
                    Optional.ofNullable(m.getAnnotation(WithDefault.class))
                        .map(WithDefault::value));
              }
            });
  }

  /** A nested interface of our own is a group of properties; anything else is one value. */
  private static boolean isGroup(Class<?> type) {
    return type.isInterface() && !type.getName().startsWith("java.");
  }

  private static String name(Method m) {
    WithName explicit = m.getAnnotation(WithName.class);
    return explicit != null
        ? explicit.value()
        : m.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }

  /** Rows {@code | `property` | `ENV` | default | meaning |} of the "## Configuration" section. */
  private static Map<String, String> defaultColumnByProperty(String readme, String prefix) {
    int start = readme.indexOf("## Configuration");
    if (start < 0) {
      return Map.of();
    }
    int end = readme.indexOf("\n## ", start + 1);
    Map<String, String> rows = new LinkedHashMap<>();
    readme
        .substring(start, end < 0 ? readme.length() : end)
        .lines()
        .filter(l -> l.startsWith("| `" + prefix + "."))
        .forEach(
            l -> {
              String[] cells = l.split("\\|");
              rows.put(cells[1].trim().replace("`", ""), cells.length > 3 ? cells[3].trim() : "");
            });
    return rows;
  }
}
