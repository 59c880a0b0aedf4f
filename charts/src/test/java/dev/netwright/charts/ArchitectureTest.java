package dev.netwright.charts;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Charts are fed by training events only: they never reach into the designer or the app. */
class ArchitectureTest {
    @Test
    void chartsDoNotImportTheDesignerOrTheApp() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.netwright.designer..", "dev.netwright.app..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.netwright.charts"));
    }
}
