package dev.netwright.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The app's own layering: the command line and the file logic work without a display, and ND4J (its native
 * backend) is only ever loaded in worker processes, never in the window's JVM.
 */
class ArchitectureTest {
    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.netwright.app");

    @Test
    void theCommandLineAndTheFileLogicDoNotUseJavaFx() {
        noClasses().that().resideInAnyPackage("dev.netwright.app.cli..", "dev.netwright.app.files..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.jfree..")
                .check(APP);
    }

    @Test
    void theWindowNeverTouchesNd4jOrDl4jDirectly() {
        noClasses().that().resideOutsideOfPackage("dev.netwright.app.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j.linalg.factory..", "org.nd4j.linalg.cpu..",
                        "org.deeplearning4j..", "org.bytedeco..")
                .check(APP);
    }
}
