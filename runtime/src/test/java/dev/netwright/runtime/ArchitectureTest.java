package dev.netwright.runtime;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The runtime stays free of UI toolkits, logs only through SLF4J, and reads models only through ModelZip. */
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

    @Test
    void modelsAreReadOnlyThroughModelZip() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.netwright.runtime.train.ModelZip")
                .should().callMethodWhere(target(owner(type(ModelSerializer.class))))
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectInputStream")
                .because("DL4J's ModelSerializer deserialises Java objects and reads entries whole (issue 13)")
                .check(RUNTIME);
    }
}
