package dev.netwright.designer.command;

import dev.netwright.runtime.layers.kinds.StandardKinds;
import dev.netwright.designer.document.DesignDocument;
import dev.netwright.runtime.check.Diagnostic;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.design.Edge;
import dev.netwright.runtime.design.Position;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.samples.Samples;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of edit, undone and redone, gives byte-identical JSON; fixes and pastes do what they say. */
class EditsTest {
    private final DesignJson json = new DesignJson();
    private final LayerCatalog catalog = StandardKinds.catalog();

    @Test
    void everyCommandKindUndoesAndRedoesToByteIdenticalJson() {
        Design cnn = Samples.load("cnn");
        List<Function<Design, Command>> commands = List.of(
                d -> Edits.addNode(catalog.require("Dense"), d.freshId("dense"), new Position(1, 2)),
                d -> Edits.addNodeAfter(catalog.require("Dropout"), d.freshId("drop"), new Position(3, 4), "dense1"),
                d -> Edits.deleteNodes(List.of("pool2", "conv3"), "Delete"),
                d -> Edits.moveNodes(Map.of("conv1", new Position(7, 8), "pool1", new Position(9, 10))),
                d -> Edits.connect(new Edge("conv1", "out", "flatten", "in")),
                d -> Edits.disconnect(Edge.of("conv3", "flatten")),
                d -> Edits.setParam("conv1", catalog.require("Conv2D").param("kernelHeight"), 5),
                d -> Edits.rename("dense1", "Hidden"),
                d -> Edits.replaceHead("output", 5),
                d -> Edits.insertAfter("dense1", catalog.require("Dropout"), d.freshId("dropout")),
                d -> Edits.changeTraining("learning rate", "0.01", dev.netwright.runtime.train.TrainingPlans.defaults()
                        .withLearningRate(0.01)),
                d -> Edits.addFragment(Fragment.copy(d, List.of("conv2", "pool2", "conv3")).placedInto(d, 40, 40), "Paste"),
                d -> Edits.layout(Map.of("input", new Position(0, 0), "output", new Position(999, 0))));
        for (Function<Design, Command> make : commands) {
            DesignDocument doc = new DesignDocument(cnn);
            String before = json.write(doc.design());
            Command command = make.apply(doc.design());
            assertThat(doc.execute(command)).as(command.description()).isTrue();
            String after = json.write(doc.design());
            assertThat(after).as(command.description()).isNotEqualTo(before);
            doc.commands().undo();
            assertThat(json.write(doc.design())).as("undo " + command.description()).isEqualTo(before);
            doc.commands().redo();
            assertThat(json.write(doc.design())).as("redo " + command.description()).isEqualTo(after);
        }
    }

    @Test
    void insertingAfterANodeFeedsTheNewLayerFromItAndEverythingItFedFromTheNewLayer() {
        Design resnet = Samples.load("resnet");
        DesignDocument doc = new DesignDocument(resnet);

        assertThat(doc.execute(Edits.insertAfter("relu1", catalog.require("Dropout"), "dropout1"))).isTrue();

        Design after = doc.design();
        assertThat(after.edgesInto("dropout1")).containsExactly(Edge.of("relu1", "dropout1"));
        assertThat(after.edgesFrom("relu1")).containsExactly(Edge.of("relu1", "dropout1"));
        assertThat(after.edgesFrom("dropout1")).containsExactlyInAnyOrder(Edge.of("dropout1", "conv2"),
                Edge.of("dropout1", "add1"));
        assertThat(doc.check().errorCount()).as("still a working design").isZero();
        assertThat(doc.commands().undoDescriptionProperty().get()).isEqualTo("Insert Dropout after relu1");
        doc.commands().undo();
        assertThat(doc.design()).isEqualTo(resnet);
    }

    @Test
    void aTrainingChangeMadeInOneClickIsAStepOfItsOwnWhereTypedChangesMerge() {
        DesignDocument doc = new DesignDocument(Samples.load("cnn"));
        var defaults = dev.netwright.runtime.train.TrainingPlans.defaults();
        doc.execute(Edits.setTraining("learning rate", "1", defaults.withLearningRate(1)));
        doc.execute(Edits.setTraining("learning rate", "10", defaults.withLearningRate(10)));
        doc.execute(Edits.changeTraining("learning rate", "0.01", defaults.withLearningRate(0.01)));

        doc.commands().undo();
        assertThat(doc.design().training().orElseThrow().learningRate()).isEqualTo(10);
        doc.commands().undo();
        assertThat(doc.design().training()).isEmpty();
    }

    @Test
    void replacingTheHeadGivesTheOutputTheDataClassesAndLeavesEveryOtherNodeAlone() {
        Design cnn = Samples.load("cnn");
        DesignDocument doc = new DesignDocument(cnn);

        doc.execute(Edits.replaceHead("output", 5));

        assertThat(doc.design().requireNode("output").params().get("units")).isEqualTo(5);
        assertThat(doc.design().nodes()).filteredOn(n -> !n.id().equals("output"))
                .containsExactlyElementsOf(cnn.nodes().stream().filter(n -> !n.id().equals("output")).toList());
        assertThat(doc.check().errorCount()).isZero();
        assertThat(doc.commands().undoDescriptionProperty().get()).contains("Replace the head output for 5 classes");
    }

    @Test
    void pastingAThreeNodeChainKeepsItsInternalWiresUnderNewIds() {
        Design cnn = Samples.load("cnn");
        Fragment copied = Fragment.copy(cnn, Set.of("conv2", "pool2", "conv3"));
        assertThat(copied.edges()).containsExactly(Edge.of("conv2", "pool2"), Edge.of("pool2", "conv3"));

        Fragment placed = copied.placedInto(cnn, 30, 30);
        assertThat(placed.nodes()).extracting(n -> n.id()).containsExactly("conv4", "pool3", "conv5");
        assertThat(placed.edges()).containsExactly(Edge.of("conv4", "pool3"), Edge.of("pool3", "conv5"));
        assertThat(placed.nodes().get(0).position())
                .isEqualTo(cnn.requireNode("conv2").position().translate(30, 30));
        assertThat(placed.nodes().get(0).params()).isEqualTo(cnn.requireNode("conv2").params());

        DesignDocument doc = new DesignDocument(cnn);
        doc.execute(Edits.addFragment(placed, "Paste"));
        assertThat(doc.design().nodes()).hasSize(cnn.nodes().size() + 3);
        assertThat(doc.design().edges()).hasSize(cnn.edges().size() + 2);
    }

    @Test
    void theFlattenFixClearsTheErrorAndUndoRestoresTheExactDesign() {
        Design broken = Design.of("t", "", null, List.of(
                catalog.require("Input").newNode("input", new Position(0, 0)),
                catalog.require("Conv2D").newNode("conv1", new Position(200, 0)),
                catalog.require("Dense").newNode("dense1", new Position(400, 0)),
                catalog.require("Output").newNode("output", new Position(600, 0))),
                List.of(Edge.of("input", "conv1"), Edge.of("conv1", "dense1"), Edge.of("dense1", "output")));
        DesignDocument doc = new DesignDocument(broken);
        Diagnostic error = doc.check().errors().get(0);
        assertThat(error.nodeId()).isEqualTo("dense1");
        String before = json.write(doc.design());

        doc.execute(Edits.applyFix(error.fix(), catalog));
        assertThat(doc.check().errors()).isEmpty();
        assertThat(doc.commands().undoDescriptionProperty().get()).isEqualTo("Insert Flatten between conv1 and dense1");
        doc.commands().undo();
        assertThat(json.write(doc.design())).isEqualTo(before);
    }

    @Test
    void documentTotalsFollowEdits() {
        DesignDocument doc = new DesignDocument(Samples.load("cnn"));
        assertThat(doc.totalParamsProperty().get()).isEqualTo(93_322);
        assertThat(doc.errorCountProperty().get()).isZero();
        doc.execute(Edits.deleteNodes(List.of("flatten"), "Delete"));
        assertThat(doc.errorCountProperty().get()).isPositive();
        doc.select("flatten");
        doc.commands().undo();
        assertThat(doc.errorCountProperty().get()).isZero();
        assertThat(Stream.of(doc.selection().toArray())).isNotNull();
    }
}
