package dev.netwright.app.cli;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.FineTuning;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.train.TrainingPlans;
import dev.netwright.runtime.train.RunRequestJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code train --pretrained-lr-factor X --head-first EPOCHS --unfreeze-every N}: fine-tuning settings for a run that
 * starts from trained weights, checked before anything runs and recorded in run.json.
 */
class TrainFineTuningTest {
    private static final String[] TINY = {"--max-train", "32", "--max-validation", "32", "--batch", "16", "--backend",
            "cpu"};
    /** A design small enough to train in a moment: 784 inputs, 8 units, 10 classes. */
    private static final String DESIGN = """
            { "formatVersion" : 1, "name" : "tiny", "nodes" : [
              { "id" : "input", "kind" : "Input", "params" : { "form" : "image", "height" : 28, "width" : 28, "channels" : 1 } },
              { "id" : "flatten", "kind" : "Flatten", "params" : { } },
              { "id" : "dense1", "kind" : "Dense", "params" : { "units" : 8 } },
              { "id" : "output", "kind" : "Output", "params" : { "units" : 10 } } ],
              "edges" : [ { "from" : "input", "to" : "flatten" }, { "from" : "flatten", "to" : "dense1" },
                          { "from" : "dense1", "to" : "output" } ] }
            """;

    @TempDir
    Path dir;

    private int train(CapturedCli cli, String... args) {
        String[] all = new String[args.length + TINY.length + 1];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(TINY, 0, all, 1 + args.length, TINY.length);
        return cli.run(all);
    }

    private Path design() throws Exception {
        return Files.writeString(dir.resolve("tiny.json"), DESIGN);
    }

    @Test
    void helpListsTheFineTuningOptions() {
        CapturedCli cli = new CapturedCli();
        assertThat(cli.run("train", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("--pretrained-lr-factor=FACTOR").contains("--head-first=EPOCHS")
                .contains("--unfreeze-every=N");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"--pretrained-lr-factor, 0, --pretrained-lr-factor must be a number above 0",
            "--pretrained-lr-factor, -0.5, --pretrained-lr-factor must be a number above 0",
            "--pretrained-lr-factor, NaN, --pretrained-lr-factor must be a number above 0",
            "--head-first, 0, --head-first must be a whole number of epochs of 1 or more, not 0",
            "--head-first, -2, --head-first must be a whole number of epochs of 1 or more, not -2",
            "--unfreeze-every, 0, --unfreeze-every must be a whole number of epochs of 1 or more, not 0",
            "--unfreeze-every, -1, --unfreeze-every must be a whole number of epochs of 1 or more, not -1"})
    void aValueOfZeroOrLessIsRefusedNamingTheOption(String option, String value, String message) throws Exception {
        Path first = Files.createDirectories(dir.resolve("weights"));
        CapturedCli cli = new CapturedCli(new NoTraining());

        int code = train(cli, design().toString(), "--init-from", first.toString(), option + "=" + value, "--out",
                dir.resolve("run").toString());

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains(message);
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void theOptionsNeedStartingWeights() throws Exception {
        CapturedCli cli = new CapturedCli(new NoTraining());

        int code = train(cli, design().toString(), "--head-first", "2", "--out", dir.resolve("run").toString());

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--head-first needs starting weights: name them with --init-from");
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void aResumedRunKeepsItsOwnSettingsSoTheOptionsAreRefusedWithResume() throws Exception {
        CapturedCli cli = new CapturedCli(new NoTraining());

        int code = train(cli, design().toString(), "--resume", dir.resolve("run/checkpoints/epoch-001.zip").toString(),
                "--unfreeze-every", "1");

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--unfreeze-every cannot go with --resume");
    }

    @Test
    void aRunFromAnotherRunsWeightsTrainsTheHeadFirstAndRecordsTheSettings() throws Exception {
        CapturedCli cli = new CapturedCli();
        Path first = dir.resolve("first");
        assertThat(train(cli, design().toString(), "--epochs", "1", "--out", first.toString()))
                .as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        Path second = dir.resolve("second");

        int code = train(cli, design().toString(), "--init-from", first.toString(), "--epochs", "2",
                "--head-first", "1", "--pretrained-lr-factor", "0.1", "--out", second.toString());

        assertThat(code).as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("Epoch 1 trains only the nodes without pretrained weights; the "
                + "pretrained ones (dense1) are frozen, and they all join in epoch 2, at 0.1 times the learning rate.")
                .contains("Epoch 2: unfreezing dense1 (pretrained, at 0.1 times the learning rate); every node trains now.");
        assertThat(new RunRequestJson().read(second).fineTuning()).isEqualTo(new FineTuning(0.1, 1, 0));

        // resumed from its first epoch, the run goes on with the schedule that run.json records
        Path resumed = dir.resolve("resumed");
        cli.out.getBuffer().setLength(0);
        code = train(cli, design().toString(), "--resume", second.resolve("checkpoints/epoch-001.zip").toString(),
                "--epochs", "2", "--out", resumed.toString());

        assertThat(code).as(cli.err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("Epoch 2: unfreezing dense1 (pretrained, at 0.1 times the learning "
                + "rate); every node trains now.");
        assertThat(new RunRequestJson().read(resumed).fineTuning()).isEqualTo(new FineTuning(0.1, 1, 0));

        // a design that saves fine-tuning settings trains with them, except where an option names another value
        Path saving = dir.resolve("saving.json");
        Design tiny = new DesignJson().read(design());
        new DesignJson().write(tiny.withTraining(TrainingPlans.defaults().withFineTuning(new FineTuning(0.5, 0, 2))),
                saving);
        CapturedCli prepared = new CapturedCli(new NoTraining()); // the run folder is prepared, nothing trains
        train(prepared, saving.toString(), "--init-from", first.toString(), "--head-first", "3", "--out",
                dir.resolve("saved").toString());
        assertThat(new RunRequestJson().read(dir.resolve("saved")).fineTuning()).isEqualTo(new FineTuning(0.5, 3, 2));
    }
}
