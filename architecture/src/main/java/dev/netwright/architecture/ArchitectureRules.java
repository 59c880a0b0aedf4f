package dev.netwright.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.DynamicTest;

import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Netwright's architecture, as rules that every module's {@code ArchitectureTest} checks on its own classes and
 * those of the modules below it: one place for them instead of a copy per module (docs/architecture.md explains
 * them). Each rule allows an empty selection, since not every module holds every package.
 */
public final class ArchitectureRules {
    private ArchitectureRules() {
    }

    /** Packages depend on each other in one direction only: no two packages of Netwright need each other. */
    public static final ArchRule NO_PACKAGE_CYCLES = slices().matching("dev.netwright.(**)").should().beFreeOfCycles()
            .allowEmptyShould(true);

    /** The runtime and the engine run in workers and on the command line, without a display. */
    public static final ArchRule RUNTIME_HAS_NO_UI = noClasses().that().resideInAPackage("dev.netwright.runtime..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.jfree..",
                    "dev.netwright.designer..", "dev.netwright.charts..", "dev.netwright.app..", "dev.netwright.samples..")
            .allowEmptyShould(true);

    /** Interop (Keras import, later ONNX) reads and writes model files headless, on the command line and in workers. */
    public static final ArchRule INTEROP_HAS_NO_UI = noClasses().that().resideInAPackage("dev.netwright.interop..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.jfree..",
                    "dev.netwright.designer..", "dev.netwright.charts..", "dev.netwright.app..", "dev.netwright.samples..")
            .allowEmptyShould(true);

    /** Inside the runtime the design model is at the bottom: design → layers (kinds) → check → compile → train. */
    public static final ArchRule THE_DESIGN_MODEL_IS_AT_THE_BOTTOM = noClasses()
            .that().resideInAPackage("dev.netwright.runtime.design..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.netwright.runtime.layers..",
                    "dev.netwright.runtime.check..", "dev.netwright.runtime.compile..", "dev.netwright.runtime.train..",
                    "dev.netwright.runtime.data..", "dev.netwright.runtime.format..")
            .allowEmptyShould(true);

    /** The layer framework (LayerKind, ParamSpec, Shape…) knows no particular kind; kinds build on it. */
    public static final ArchRule THE_LAYER_FRAMEWORK_KNOWS_NO_KIND = noClasses()
            .that().resideInAPackage("dev.netwright.runtime.layers")
            .should().dependOnClassesThat().resideInAPackage("dev.netwright.runtime.layers.kinds..")
            .allowEmptyShould(true);

    /** The layer kinds and the checker know nothing of compiling, training or data. */
    public static final ArchRule CATALOG_AND_CHECKER_BELOW_TRAINING = noClasses()
            .that().resideInAnyPackage("dev.netwright.runtime.layers..", "dev.netwright.runtime.check..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.netwright.runtime.compile..",
                    "dev.netwright.runtime.train..", "dev.netwright.runtime.data..", "dev.netwright.runtime.format..")
            .allowEmptyShould(true);

    /** The engine (Netwright's own DL4J layers) knows nothing of designs. */
    public static final ArchRule ENGINE_KNOWS_NO_DESIGNS = noClasses()
            .that().resideInAPackage("dev.netwright.runtime.layers.dl4j..")
            .should().dependOnClassesThat(resideInAPackage("dev.netwright..")
                    .and(DescribedPredicate.not(resideInAPackage("dev.netwright.runtime.layers.dl4j.."))))
            .allowEmptyShould(true);

    /** Only ModelZip reads models: DL4J's ModelSerializer deserialises Java objects and reads entries whole. */
    public static final ArchRule MODELS_READ_ONLY_THROUGH_MODEL_ZIP = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.netwright.runtime.train.ModelZip")
            .should().callMethodWhere(target(owner(nameMatching("org\\.deeplearning4j\\.util\\.ModelSerializer"))))
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectInputStream")
            .allowEmptyShould(true);

    /** AWT is for decoding images in the data sources only (headless). */
    public static final ArchRule AWT_ONLY_TO_DECODE_IMAGES = noClasses()
            .that().resideInAPackage("dev.netwright.runtime..").and().resideOutsideOfPackage("dev.netwright.runtime.data..")
            .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..")
            .allowEmptyShould(true);

    /** Charts draw training events: they know the runtime, never the designer or the app. */
    public static final ArchRule CHARTS_KNOW_ONLY_THE_RUNTIME = noClasses().that().resideInAPackage("dev.netwright.charts..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.netwright.designer..", "dev.netwright.app..")
            .allowEmptyShould(true);

    /** The designer edits designs; the window composes it with the rest. */
    public static final ArchRule DESIGNER_KNOWS_NOT_THE_APP = noClasses().that().resideInAPackage("dev.netwright.designer..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.netwright.app..", "dev.netwright.charts..")
            .allowEmptyShould(true);

    /** The command line and the file logic run without a display. */
    public static final ArchRule CLI_AND_FILES_HAVE_NO_UI = noClasses()
            .that().resideInAnyPackage("dev.netwright.app.cli..", "dev.netwright.app.files..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.jfree..")
            .allowEmptyShould(true);

    /** ND4J is never loaded in the window's JVM: only the command line (and its workers) touch it. */
    public static final ArchRule THE_WINDOW_NEVER_TOUCHES_ND4J = noClasses()
            .that().resideInAnyPackage("dev.netwright.app..", "dev.netwright.designer..", "dev.netwright.charts..")
            .and().resideOutsideOfPackage("dev.netwright.app.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("org.nd4j.linalg.factory..", "org.nd4j.linalg.cpu..",
                    "org.deeplearning4j..", "org.bytedeco..")
            .allowEmptyShould(true);

    /** The data panel's view model and its helpers use no scenes or stages: only its views do. */
    public static final ArchRule DATA_VIEW_MODEL_HAS_NO_SCENES = noClasses()
            .that().resideInAPackage("dev.netwright.app.data..")
            .and().doNotHaveSimpleName("DataPanel").and().doNotHaveSimpleName("SampleGrid")
            .and().doNotHaveSimpleName("ClassCountTable").and().doNotHaveSimpleName("CsvRowsTable")
            .and().doNotHaveSimpleName("PathChooser")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
            .allowEmptyShould(true);

    /**
     * The window's view models (TrainingModel, StatusBarModel, EvaluationModel, DataPanelModel, RunFlow) hold properties
     * and know no controls, stages or animations (timers come in as {@code Timers}): their tests run without a toolkit.
     */
    public static final ArchRule VIEW_MODELS_KNOW_NO_CONTROLS = noClasses()
            .that().resideInAPackage("dev.netwright.app..").and().haveSimpleNameEndingWith("Model")
            .or().haveFullyQualifiedName("dev.netwright.app.training.RunFlow")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.animation..")
            .allowEmptyShould(true);

    /** The palette is a drag source; it does not know the canvas it is dropped on. */
    public static final ArchRule PALETTE_DOES_NOT_KNOW_THE_CANVAS = noClasses()
            .that().resideInAPackage("dev.netwright.designer.palette..")
            .should().dependOnClassesThat().resideInAPackage("dev.netwright.designer.canvas..")
            .allowEmptyShould(true);

    /** Logging goes through SLF4J; standard output belongs to the worker protocol and the command line's output. */
    public static final ArchRule NOTHING_PRINTS_TO_STANDARD_STREAMS = noClasses()
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .because("log through SLF4J; stdout is the worker protocol's and the command line's")
            .allowEmptyShould(true);

    /**
     * Apache Spark (and the Scala it runs on) is only in the cluster module, which the app and the installer do not
     * carry (docs/decisions/0018): the command line reaches it through runtime's ClusterTrials service.
     */
    public static final ArchRule SPARK_ONLY_IN_THE_CLUSTER_MODULE = noClasses()
            .that().resideOutsideOfPackage("dev.netwright.cluster..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
            .allowEmptyShould(true);

    /** Every rule, in the order above. */
    public static List<ArchRule> all() {
        return List.of(NO_PACKAGE_CYCLES, RUNTIME_HAS_NO_UI, INTEROP_HAS_NO_UI, THE_DESIGN_MODEL_IS_AT_THE_BOTTOM,
                THE_LAYER_FRAMEWORK_KNOWS_NO_KIND, CATALOG_AND_CHECKER_BELOW_TRAINING, ENGINE_KNOWS_NO_DESIGNS,
                MODELS_READ_ONLY_THROUGH_MODEL_ZIP, AWT_ONLY_TO_DECODE_IMAGES, CHARTS_KNOW_ONLY_THE_RUNTIME,
                DESIGNER_KNOWS_NOT_THE_APP, CLI_AND_FILES_HAVE_NO_UI, THE_WINDOW_NEVER_TOUCHES_ND4J,
                DATA_VIEW_MODEL_HAS_NO_SCENES, VIEW_MODELS_KNOW_NO_CONTROLS, PALETTE_DOES_NOT_KNOW_THE_CANVAS, NOTHING_PRINTS_TO_STANDARD_STREAMS,
                SPARK_ONLY_IN_THE_CLUSTER_MODULE);
    }

    /** Netwright's main classes visible to a module's tests: its own and those of the modules it depends on. */
    public static JavaClasses netwrightClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.netwright");
    }

    /** One dynamic test per rule, for a module's {@code @TestFactory}. */
    public static Stream<DynamicTest> checkAll() {
        JavaClasses classes = netwrightClasses();
        return all().stream().map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes)));
    }
}
