package dev.netwright.samples.data;

import dev.netwright.runtime.layers.Shape;
import dev.netwright.runtime.data.DataSources;
import dev.netwright.runtime.data.FashionMnist;
import dev.netwright.runtime.data.TrainValidation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FashionMnistSampleTest {
    private static final String FOLDER = "/dev/netwright/samples/data/fashion-mnist-sample/";
    private static final List<String> DATA_FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    private static TrainValidation sample;

    @BeforeAll
    static void open() throws Exception {
        sample = DataSources.open(DataSources.SAMPLE, new Shape.Image(28, 28, 1), 1, 0.1);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = FashionMnistSampleTest.class.getResourceAsStream(FOLDER + name)) {
            assertThat(in).as(FOLDER + name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void holds5000TrainingImagesOfWhichAreHeldOutForValidationAnd1000TestImages() {
        assertThat(sample.train().size()).isEqualTo(4_500);
        assertThat(sample.validation().size()).isEqualTo(500);
        assertThat(sample.test()).hasValueSatisfying(test -> assertThat(test.size()).isEqualTo(1_000));
        assertThat(sample.description()).isEqualTo("Fashion-MNIST sample: 4,500 training, 500 validation images "
                + "(10 % held out for validation with seed 1), 1,000 test images kept for the final evaluation");
    }

    @Test
    void everyClassIsEquallyRepresented() {
        assertThat(sample.train().classCounts()).hasSize(10).containsOnly(450);
        assertThat(sample.validation().classCounts()).hasSize(10).containsOnly(50);
        assertThat(sample.test().orElseThrow().classCounts()).hasSize(10).containsOnly(100);
    }

    @Test
    void imagesAre28By28GrayWithFashionMnistsClasses() {
        assertThat(sample.train().height()).isEqualTo(28);
        assertThat(sample.train().width()).isEqualTo(28);
        assertThat(sample.train().channels()).isEqualTo(1);
        assertThat(sample.train().classNames()).isEqualTo(FashionMnist.CLASS_NAMES);
        float max = 0;
        for (float v : sample.train().features()) {
            max = Math.max(max, v);
        }
        assertThat(max).isEqualTo(255f);
    }

    @Test
    void staysWithinThreeMegabytesAndCarriesItsLicence() throws IOException {
        long total = 0;
        for (String name : DATA_FILES) {
            total += resource(name).length;
        }
        String licence = new String(resource("LICENSE.txt"));
        String readme = new String(resource("README.md"));
        total += licence.length() + readme.length();

        assertThat(total).isLessThanOrEqualTo(3L * 1024 * 1024);
        assertThat(licence).contains("Copyright (c) 2017 Zalando SE").contains("The MIT License");
        assertThat(readme).contains("FashionMnistSampleGenerator");
    }

    /** Runs only where Debian's dataset-fashion-mnist is installed: the generator must reproduce the shipped files. */
    @Test
    void theGeneratorReproducesTheShippedFiles(@TempDir Path out) throws IOException {
        assumeTrue(Files.isDirectory(FashionMnist.DEBIAN_DIR), "dataset-fashion-mnist is not installed");

        FashionMnistSampleGenerator.generate(FashionMnist.DEBIAN_DIR, out);

        for (String name : DATA_FILES) {
            assertThat(Files.readAllBytes(out.resolve(name))).as(name).isEqualTo(resource(name));
        }
    }
}
