package dev.netwright.app.cli;

import dev.netwright.runtime.design.Distillation;
import dev.netwright.runtime.format.DesignJson;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code train STUDENT --distil-from RUN_DIR --alpha A --temperature T} (issue 19): the settings are checked before
 * anything runs, a teacher that is no finished run or predicts other classes is refused, and run.json records them.
 */
class TrainDistilTest {
    private static final String[] TINY = {"--max-train", "32", "--max-validation", "32", "--batch", "16", "--backend",
            "cpu"};

    @TempDir
    Path dir;

    private static String design(int classes) {
        return """
                { "formatVersion" : 1, "name" : "tiny", "nodes" : [
                  { "id" : "input", "kind" : "Input", "params" : { "form" : "image", "height" : 28, "width" : 28, "channels" : 1 } },
                  { "id" : "flatten", "kind" : "Flatten", "params" : { } },
                  { "id" : "output", "kind" : "Output", "params" : { "units" : %d } } ],
                  "edges" : [ { "from" : "input", "to" : "flatten" }, { "from" : "flatten", "to" : "output" } ] }
                """.formatted(classes);
    }

    private Path student(int classes) throws Exception {
        return Files.writeString(dir.resolve("student-" + classes + ".json"), design(classes));
    }

    /** A run folder as a finished run leaves it: run.json, model.zip and evaluation.json (their content unread here). */
    private Path finishedTeacher(int classes) throws Exception {
        Path run = Files.createDirectories(dir.resolve("teacher-" + classes));
        new RunRequestJson().write(RunRequest.of(new DesignJson().read(design(classes), "teacher.json"),
                "fashion-mnist-sample"), run);
        Files.writeString(run.resolve(RunFolder.MODEL), "zip");
        Files.writeString(run.resolve(RunFolder.EVALUATION), "{}");
        return run;
    }

    private int train(CapturedCli cli, String... args) {
        String[] all = new String[args.length + TINY.length + 1];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(TINY, 0, all, 1 + args.length, TINY.length);
        return cli.run(all);
    }

    @Test
    void helpListsTheDistillationOptions() {
        CapturedCli cli = new CapturedCli();
        assertThat(cli.run("train", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out.toString()).contains("--distil-from=RUN_DIR").contains("--alpha=A")
                .contains("--temperature=T");
    }

    @Test
    void runJsonRecordsTheTeacherAlphaAndT() throws Exception {
        Path teacher = finishedTeacher(10);
        Path run = dir.resolve("run");

        // the stand-in worker trains nothing: what counts is the run file written for it
        train(new CapturedCli(new NoTraining()), student(10).toString(), "--distil-from", teacher.toString(),
                "--alpha", "0.25", "--temperature", "3", "--out", run.toString());

        assertThat(new RunRequestJson().read(run).distillation())
                .isEqualTo(new Distillation(teacher.toAbsolutePath().toString(), 0.25, 3));
    }

    @Test
    void alphaAndTDefaultToHalfAndFour() throws Exception {
        Path teacher = finishedTeacher(10);
        Path run = dir.resolve("run");

        train(new CapturedCli(new NoTraining()), student(10).toString(), "--distil-from", teacher.toString(), "--out",
                run.toString());

        assertThat(new RunRequestJson().read(run).distillation())
                .isEqualTo(new Distillation(teacher.toAbsolutePath().toString(), 0.5, 4));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "--temperature | 0 | --temperature must be a number above 0 and at most 100, such as 4, not 0.0",
            "--temperature | -1 | --temperature must be a number above 0",
            "--temperature | NaN | --temperature must be a number above 0",
            "--alpha | 1.5 | --alpha must be a number from 0 to 1 (the labels' share of the loss), not 1.5",
            "--alpha | -0.1 | --alpha must be a number from 0 to 1"})
    void badSettingsAreRefusedNamingTheOption(String option, String value, String message) throws Exception {
        Path teacher = finishedTeacher(10);
        CapturedCli cli = new CapturedCli(new NoTraining());

        int code = train(cli, student(10).toString(), "--distil-from", teacher.toString(), option + "=" + value,
                "--out", dir.resolve("run").toString());

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains(message);
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void alphaWithoutATeacherIsRefused() throws Exception {
        CapturedCli cli = new CapturedCli(new NoTraining());

        int code = train(cli, student(10).toString(), "--alpha", "0.3", "--out", dir.resolve("run").toString());

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--alpha needs --distil-from RUN_DIR");
    }

    @Test
    void aFolderThatIsNoRunIsRefused() throws Exception {
        Path notARun = Files.createDirectories(dir.resolve("photos"));
        CapturedCli cli = new CapturedCli(new NoTraining());

        int code = train(cli, student(10).toString(), "--distil-from", notARun.toString(), "--out",
                dir.resolve("run").toString());

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("--distil-from: The teacher folder").contains("photos")
                .contains("is no run folder (it has no run.json)");
    }

    @Test
    void aRunThatDidNotFinishIsRefused() throws Exception {
        Path stopped = finishedTeacher(10);
        Files.delete(stopped.resolve(RunFolder.EVALUATION));
        CapturedCli cli = new CapturedCli(new NoTraining());

        int code = train(cli, student(10).toString(), "--distil-from", stopped.toString(), "--out",
                dir.resolve("run").toString());

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("has not finished (it has no evaluation.json)");
    }

    @Test
    void aStudentWithOtherClassesThanTheTeacherIsRefused() throws Exception {
        Path teacher = finishedTeacher(10);
        CapturedCli cli = new CapturedCli(new NoTraining());

        int code = train(cli, student(5).toString(), "--distil-from", teacher.toString(), "--out",
                dir.resolve("run").toString());

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err.toString()).contains("predicts 10 classes but the student's Output has 5");
    }
}
