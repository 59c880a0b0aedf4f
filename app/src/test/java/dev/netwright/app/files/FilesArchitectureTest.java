package dev.netwright.app.files;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The file logic stays plain Java, usable and testable without a UI toolkit. */
class FilesArchitectureTest {
    private static final JavaClasses FILES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.netwright.app.files");

    @Test
    void filesDoNotUseJavaFxOrControlsFx() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(FILES);
    }

    @Test
    void filesLogThroughSlf4jNotStandardStreams() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(FILES);
    }
}
