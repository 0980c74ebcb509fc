package dev.dropdx.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The lean context started from a component list (bin/dropdx's, written by a scan) has the same
 * beans, of the same classes, as one that scans; a list it cannot use means a scan.
 */
class LeanContextComponentsTest {
  @TempDir Path dir;

  @AfterEach
  void clearProperties() {
    System.clearProperty(LeanContext.COMPONENTS);
    System.clearProperty(LeanContext.COMPONENTS_WRITE);
  }

  @Test
  void aWrittenListGivesTheBeansOfTheScan() throws Exception {
    Path list = dir.resolve("components.txt");
    System.setProperty(LeanContext.COMPONENTS_WRITE, list.toString());
    Map<String, String> scanned = beans();
    System.clearProperty(LeanContext.COMPONENTS_WRITE);
    assertThat(Files.readAllLines(list)).hasSizeGreaterThan(40)
        .contains("dev.dropdx.cli.DiagnoseCommand", "dev.dropdx.diagnosis.DiagnosisEngine")
        .doesNotContain("dev.dropdx.DropdxApplication", NoConstraintsValidator.class.getName());

    System.setProperty(LeanContext.COMPONENTS, list.toString());
    assertThat(beans()).isEqualTo(scanned);
  }

  @Test
  void aListNamingAMissingClassMeansAScan() throws Exception {
    Map<String, String> scanned = beans();
    Path list = dir.resolve("components.txt");
    Files.writeString(list, "dev.dropdx.cli.DiagnoseCommand\ndev.dropdx.NoSuchComponent\n");
    System.setProperty(LeanContext.COMPONENTS, list.toString());
    assertThat(beans()).isEqualTo(scanned);
  }

  /** Every bean definition's name and class, of a started lean context. */
  private static Map<String, String> beans() {
    Map<String, String> beans = new TreeMap<>();
    try (AnnotationConfigApplicationContext context = LeanContext.start(Map.of(), new String[0])) {
      for (String name : context.getBeanDefinitionNames()) {
        beans.put(name, String.valueOf(context.getBeanDefinition(name).getBeanClassName()));
      }
    }
    return beans;
  }
}
