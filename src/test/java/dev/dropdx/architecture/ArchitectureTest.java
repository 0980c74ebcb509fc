package dev.dropdx.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.PrintStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of dropdx's code, checked on the compiled classes: imports run down the layers only,
 * feature packages form no cycle, and only the command line writes to the terminal.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.dropdx");
  }

  /**
   * From the top: the command line (and the application's main); the runs it starts (a diagnosis,
   * a collect, a lab run, a batch); the parts a run uses (rules, knowledge, history, evidence,
   * probes); the base every layer may use (facts, the database, paths). A layer may use any layer
   * below it and its own.
   */
  static ArchRule layers() {
    return layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("cli").definedBy("dev.dropdx", "dev.dropdx.cli..")
        .layer("runs").definedBy("dev.dropdx.diagnosis..", "dev.dropdx.collect..", "dev.dropdx.lab..", "dev.dropdx.batch..")
        .layer("parts").definedBy("dev.dropdx.rules..", "dev.dropdx.knowledge..", "dev.dropdx.history..", "dev.dropdx.evidence..",
            "dev.dropdx.probe..")
        .layer("base").definedBy("dev.dropdx.fact..", "dev.dropdx.db..", "dev.dropdx.config..", "dev.dropdx.trust..")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("runs").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("parts").mayOnlyBeAccessedByLayers("cli", "runs")
        .whereLayer("base").mayOnlyBeAccessedByLayers("cli", "runs", "parts");
  }

  @Test
  void importsRunDownTheLayersOnly() {
    layers().check(classes);
  }

  @Test
  void featurePackagesFormNoCycle() {
    slices().matching("dev.dropdx.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void probeBackendsFormNoCycle() {
    slices().matching("dev.dropdx.probe.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void onlyTheCommandLinePrints() {
    noClasses().that().resideOutsideOfPackage("dev.dropdx.cli..").and().doNotHaveFullyQualifiedName("dev.dropdx.DropdxApplication")
        .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
        .orShould().callMethod(Throwable.class, "printStackTrace")
        .orShould().callConstructor(PrintStream.class, java.io.OutputStream.class)
        .because("only cli writes to the terminal; other code returns text or reports progress through a callback")
        .check(classes);
  }

  /** config/NoConstraintsValidator (the lean start's validator) finds no violation: true only while no dropdx class declares a constraint. */
  @Test
  void noBeanValidationConstraints() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta.validation.constraints..", "org.hibernate.validator..")
        .because("commands check their values in OptionValues; the lean start's validator knows no constraints")
        .check(classes);
  }
}
