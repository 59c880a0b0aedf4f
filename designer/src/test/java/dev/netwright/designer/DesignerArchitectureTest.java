package dev.netwright.designer;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The palette knows nothing of the canvas (it only drags kind ids), and the designer logs only through SLF4J. */
class DesignerArchitectureTest {
    private static final JavaClasses DESIGNER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.netwright.designer");

    @Test
    void thePaletteDoesNotDependOnTheCanvas() {
        noClasses().that().resideInAPackage("dev.netwright.designer.palette..")
                .should().dependOnClassesThat().resideInAPackage("dev.netwright.designer.canvas..")
                .check(DESIGNER);
    }

    @Test
    void nothingPrintsToStandardStreams() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because("log through SLF4J").check(DESIGNER);
    }
}
