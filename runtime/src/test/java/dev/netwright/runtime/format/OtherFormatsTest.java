package dev.netwright.runtime.format;

import dev.netwright.runtime.design.DesignFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A model file opened as a design is refused with what it is (issue 15, defect 12: a Keras JSON said "unknown field
 * 'class_name'", an .h5 file "not a text file (invalid UTF-8)").
 */
class OtherFormatsTest {
    @TempDir
    Path dir;

    private final DesignJson json = new DesignJson();

    @Test
    void aKerasModelJsonIsNamedAsOne() throws Exception {
        Path file = Files.writeString(dir.resolve("model.json"), """
                {"class_name": "Sequential", "config": {"name": "sequential", "layers": []},
                 "keras_version": "2.13.1", "backend": "tensorflow"}""");

        assertThatThrownBy(() -> json.read(file)).isInstanceOf(DesignFormatException.class)
                .hasMessageContaining("model.json: this is a Keras model (Sequential), not a Netwright design")
                .hasMessageNotContaining("unknown field");
    }

    @Test
    void anHdf5FileIsNamedAsOne() throws Exception {
        byte[] bytes = new byte[64];
        System.arraycopy(new byte[]{(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'}, 0, bytes, 0, 8);
        bytes[20] = (byte) 0xff; // not UTF-8, as a real .h5 file is not
        Path file = Files.write(dir.resolve("weights.h5"), bytes);

        assertThatThrownBy(() -> json.read(file)).hasMessageContaining("this is an HDF5 file (a Keras .h5 model?)");
    }

    @Test
    void aKeras3FileAndAModelZipAreNamed() throws Exception {
        Path keras = zip(dir.resolve("model.keras"));
        Path model = zip(dir.resolve("model.zip"));

        assertThatThrownBy(() -> json.read(keras)).hasMessageContaining("this is a Keras 3 model (.keras)");
        assertThatThrownBy(() -> json.read(model)).hasMessageContaining("a trained model.zip?");
    }

    @Test
    void anOnnxFileIsNamedByItsExtension() throws Exception {
        Path file = Files.write(dir.resolve("net.onnx"), new byte[]{0x08, 0x07, 0x12, (byte) 0xc3, (byte) 0xff});

        assertThatThrownBy(() -> json.read(file)).hasMessageContaining("this is an ONNX model");
    }

    @Test
    void otherBrokenFilesKeepTheirOwnMessages() throws Exception {
        Path binary = Files.write(dir.resolve("noise.json"), new byte[]{(byte) 0xff, (byte) 0xfe, 0x00});
        Path unknownField = Files.writeString(dir.resolve("odd.json"), "{\"formatVersion\": 1, \"class_name\": \"x\"}");

        assertThatThrownBy(() -> json.read(binary)).hasMessageContaining("not a text file (invalid UTF-8)");
        assertThatThrownBy(() -> json.read(unknownField)).hasMessageContaining("unknown field 'class_name'");
    }

    private static Path zip(Path file) throws Exception {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            out.putNextEntry(new ZipEntry("config.json"));
            out.write(new byte[]{(byte) 0xff, (byte) 0x80, 1, 2}); // compressed bytes are not UTF-8 either
            out.closeEntry();
        }
        return file;
    }
}
