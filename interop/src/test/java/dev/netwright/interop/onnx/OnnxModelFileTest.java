package dev.netwright.interop.onnx;

import dev.netwright.interop.ModelImportException;
import onnx.Onnx;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Files that are no ONNX model, are cut short, are too large or need a newer opset are refused naming the file. */
class OnnxModelFileTest {
    @TempDir
    static Path dir;
    private static boolean written;

    @BeforeAll
    static void writeFixtures() throws Exception {
        written = OnnxFixtures.writeInto(dir);
    }

    @Test
    void aFileOfOtherBytesIsNoOnnxModel() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.onnx"), "these are my notes, not a model\n");

        assertThatThrownBy(() -> OnnxImport.read(file)).isInstanceOf(ModelImportException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("is not an ONNX model");
    }

    @Test
    void anEmptyFileIsNoOnnxModel() throws Exception {
        Path file = Files.write(dir.resolve("empty.onnx"), new byte[0]);

        assertThatThrownBy(() -> OnnxImport.read(file)).isInstanceOf(ModelImportException.class)
                .hasMessageContaining(file + " is not an ONNX model");
    }

    @Test
    void aFileCutShortIsRefusedNamingIt() throws Exception {
        byte[] whole = Files.readAllBytes(OnnxFixtures.file(dir, written, "cnn.onnx"));
        Path cut = Files.write(dir.resolve("cut.onnx"), Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> OnnxImport.read(cut)).isInstanceOf(ModelImportException.class)
                .hasMessageContaining(cut.toString());
    }

    @Test
    void anInputOfIntegersIsRefusedNamingItsType() throws Exception {
        Onnx.TypeProto.Tensor.Builder type = Onnx.TypeProto.Tensor.newBuilder()
                .setElemType(Onnx.TensorProto.DataType.INT32_VALUE);
        type.getShapeBuilder().addDimBuilder().setDimParam("N");
        type.getShapeBuilder().addDimBuilder().setDimValue(4);
        Onnx.GraphProto graph = Onnx.GraphProto.newBuilder().setName("ints")
                .addInput(Onnx.ValueInfoProto.newBuilder().setName("x").setType(Onnx.TypeProto.newBuilder().setTensorType(type)))
                .addNode(Onnx.NodeProto.newBuilder().setOpType("Relu").addInput("x").addOutput("y"))
                .addOutput(Onnx.ValueInfoProto.newBuilder().setName("y")).build();
        Onnx.ModelProto model = Onnx.ModelProto.newBuilder().setIrVersion(8).setGraph(graph)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setVersion(13)).build();
        Path file = Files.write(dir.resolve("ints.onnx"), model.toByteArray());

        assertThatThrownBy(() -> OnnxImport.read(file)).isInstanceOf(ModelImportException.class)
                .hasMessageContaining("input 'x' holds INT32 values; Netwright's models read float32 tensors");
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
        Path file = Files.write(dir.resolve("big.onnx"), new byte[4096]);

        assertThatThrownBy(() -> OnnxModelFile.read(file, file.toString(), 1024)).isInstanceOf(ModelImportException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("more than the");
    }

    @Test
    void aNewerOpsetIsRefusedNamingIt() throws Exception {
        Onnx.ModelProto cnn = Onnx.ModelProto.parseFrom(Files.readAllBytes(OnnxFixtures.file(dir, written, "cnn.onnx")));
        Onnx.ModelProto newer = cnn.toBuilder().setOpsetImport(0, cnn.getOpsetImport(0).toBuilder().setVersion(21)).build();
        Path file = Files.write(dir.resolve("opset21.onnx"), newer.toByteArray());

        assertThatThrownBy(() -> OnnxImport.read(file)).isInstanceOf(ModelImportException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("opset 21")
                .hasMessageContaining("up to 17");
    }

    @Test
    void anOpsetOlderThanSevenIsRefusedNamingIt() throws Exception {
        Onnx.ModelProto cnn = Onnx.ModelProto.parseFrom(Files.readAllBytes(OnnxFixtures.file(dir, written, "cnn.onnx")));
        Onnx.ModelProto older = cnn.toBuilder().setOpsetImport(0, cnn.getOpsetImport(0).toBuilder().setVersion(5)).build();
        Path file = Files.write(dir.resolve("opset5.onnx"), older.toByteArray());

        assertThatThrownBy(() -> OnnxImport.read(file)).isInstanceOf(ModelImportException.class)
                .hasMessageContaining(file + " uses ONNX opset 5").hasMessageContaining("opsets 7 to 17");
    }

    @Test
    void aWeightWhoseDataDoesNotFillItsShapeIsRefusedAsDamaged() throws Exception {
        Onnx.ModelProto cnn = Onnx.ModelProto.parseFrom(Files.readAllBytes(OnnxFixtures.file(dir, written, "cnn.onnx")));
        Onnx.TensorProto first = cnn.getGraph().getInitializer(0);
        Onnx.TensorProto damaged = first.toBuilder().setRawData(first.getRawData().substring(0, 8)).build();
        Onnx.ModelProto model = cnn.toBuilder().setGraph(cnn.getGraph().toBuilder().setInitializer(0, damaged)).build();
        Path file = Files.write(dir.resolve("damaged.onnx"), model.toByteArray());

        assertThatThrownBy(() -> OnnxImport.read(file)).isInstanceOf(ModelImportException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(first.getName())
                .hasMessageContaining("damaged");
    }

    @Test
    void aWeightClaimingAHugeShapeIsRefusedBeforeItIsAllocated() throws Exception {
        Onnx.ModelProto cnn = Onnx.ModelProto.parseFrom(Files.readAllBytes(OnnxFixtures.file(dir, written, "cnn.onnx")));
        Onnx.TensorProto first = cnn.getGraph().getInitializer(0);
        Onnx.TensorProto huge = first.toBuilder().clearDims().addDims(1L << 30).addDims(1).build(); // 4 GiB of floats
        Onnx.ModelProto model = cnn.toBuilder().setGraph(cnn.getGraph().toBuilder().setInitializer(0, huge)).build();
        Path file = Files.write(dir.resolve("huge.onnx"), model.toByteArray());

        assertThatThrownBy(() -> OnnxImport.read(file)).isInstanceOf(ModelImportException.class)
                .hasMessageContaining(first.getName()).hasMessageContaining("damaged");
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("absent.onnx");

        assertThatThrownBy(() -> OnnxImport.read(file)).hasMessageContaining(file + " does not exist");
        assertThat(file).doesNotExist();
    }
}
