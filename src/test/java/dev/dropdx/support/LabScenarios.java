package dev.dropdx.support;

import dev.dropdx.lab.LabScenario;
import dev.dropdx.lab.LabScenarioCatalog;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** The shipped lab scenarios (knowledge-base/lab), for tests that build one without the Spring context. */
public final class LabScenarios {
  private static final Path DIR = Path.of("knowledge-base/lab");

  private LabScenarios() {}

  /** Every scenario, by name. */
  public static List<LabScenario> all() {
    return LabScenarioCatalog.scenarios(DIR, JsonMapper.builder().build());
  }

  /** One scenario by name. */
  public static LabScenario named(String name) {
    return all().stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no lab scenario " + name + " in " + DIR));
  }
}
