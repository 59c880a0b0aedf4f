package dev.netwright.runtime;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The runtime stays free of UI toolkits, and logs only through SLF4J. */
class ArchitectureTest {
    private static final JavaClasses RUNTIME = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.netwright.runtime");

    @Test
    void runtimeDoesNotUseJavaFxOrControlsFx() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(RUNTIME);
    }

    @Test
    void awtIsUsedOnlyForImageDecodingInTheDataPackage() {
        noClasses().that().resideOutsideOfPackage("dev.netwright.runtime.data..")
                .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..")
                .check(RUNTIME);
    }

    @Test
    void nothingPrintsToStandardStreams() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because("the worker protocol owns stdout; log through SLF4J")
                .check(RUNTIME);
    }
}
