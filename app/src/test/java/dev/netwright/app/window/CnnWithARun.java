package dev.netwright.app.window;

import dev.netwright.app.files.ProjectFiles;
import dev.netwright.app.training.RunFixtures;
import dev.netwright.runtime.compile.DesignCompiler;
import dev.netwright.runtime.compile.TrainingSettings;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.train.ModelZip;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.samples.Samples;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The seed CNN saved without weights under {@code home}/designs, with one finished run beside it whose model.zip is a
 * real network ({@code trained}, seed 7): for the tests of what a run's weights do in the window.
 */
record CnnWithARun(Path design, Path run, ComputationGraph trained) {
    static CnnWithARun create(Path home, String runName) throws Exception {
        Design cnn = Samples.load("cnn");
        Path file = Files.createDirectories(home.resolve("designs")).resolve("cnn.json");
        new DesignJson().write(cnn, file);
        Path run = RunFixtures.finished(ProjectFiles.runsDir(file), runName, 0.9);
        new RunRequestJson().write(RunRequest.of(cnn, "sample"), run);
        ComputationGraph trained = new DesignCompiler().compile(cnn, TrainingSettings.defaults().withSeed(7))
                .newNetwork();
        ModelZip.write(trained, new RunFolder(run).model());
        return new CnnWithARun(file, run, trained);
    }
}
