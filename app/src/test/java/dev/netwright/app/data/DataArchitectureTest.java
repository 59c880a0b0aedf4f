package dev.netwright.app.data;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The data panel's view model and what it reads with know no controls, so they test without a toolkit. */
class DataArchitectureTest {
    private static final JavaClasses DATA = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.netwright.app.data");

    @Test
    void theViewModelAndItsHelpersUseNoScenesOrStages() {
        noClasses().that().doNotHaveSimpleName("DataPanel")
                .and().doNotHaveSimpleName("SampleGrid")
                .and().doNotHaveSimpleName("ClassCountTable")
                .and().doNotHaveSimpleName("CsvRowsTable")
                .and().doNotHaveSimpleName("PathChooser")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(DATA);
    }
}
