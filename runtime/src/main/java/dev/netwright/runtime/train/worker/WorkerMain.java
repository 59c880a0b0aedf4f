package dev.netwright.runtime.train.worker;

import dev.netwright.runtime.compress.KeptMasks;
import dev.netwright.runtime.doctor.RunDoctor;
import dev.netwright.runtime.train.ParameterHook;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequest;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.train.SerialFilter;
import dev.netwright.runtime.train.TrainingEvent;
import dev.netwright.runtime.train.TrainingEvents;
import dev.netwright.runtime.train.TrainingSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The training worker process: {@code WorkerMain RUN_DIR}. Reads {@code run.json}, trains, writes events
 * as JSON lines on stdout (and to {@code events.jsonl}), takes {@code pause}, {@code resume}, {@code stop}
 * and {@code checkpoint} on stdin, and logs to stderr and {@code worker.log}. Exit code 0 when the run
 * finished or was stopped, 1 when it failed, 2 when it could not start.
 */
public final class WorkerMain {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_CANNOT_START = 2;
    /**
     * {@code -Dnetwright.doctor=off} trains without the training doctor (no signals, no findings): what its overhead is
     * measured against (bench/doctor.sh).
     */
    public static final String DOCTOR_PROPERTY = "netwright.doctor";
    public static final String DOCTOR_OFF = "off";
    private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

    private WorkerMain() {
    }

    public static void main(String[] args) {
        SerialFilter.install();
        // The protocol owns the real stdout; anything else that prints (SameDiff, native code via Java) goes to stderr.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        if (args.length != 1) {
            LOG.error("usage: WorkerMain RUN_DIR");
            System.exit(EXIT_CANNOT_START);
        }
        Path runDir = Path.of(args[0]);
        try (EventWriter events = new EventWriter(protocol, new RunFolder(runDir).events())) {
            RunRequest request;
            try {
                request = new RunRequestJson().read(runDir);
            } catch (IOException e) {
                events.write(TrainingEvent.Failed.because("Cannot read the run file: " + e.getMessage()));
                System.exit(EXIT_CANNOT_START);
                return;
            }
            ParameterHook masks;
            try {
                masks = KeptMasks.forRun(runDir); // a pruned model fine-tuning keeps its pruned weights at zero
            } catch (IOException e) {
                events.write(TrainingEvent.Failed.because("Cannot read the pruning masks: " + e.getMessage()));
                System.exit(EXIT_CANNOT_START);
                return;
            }
            TrainingSession session;
            if (DOCTOR_OFF.equals(System.getProperty(DOCTOR_PROPERTY))) {
                session = new TrainingSession(request, runDir, events::write, masks);
            } else {
                // the training doctor sits between the session and the event stream: it samples and adds its findings
                RunDoctor doctor = new RunDoctor(new RunFolder(runDir), events::write);
                session = new TrainingSession(request, runDir, doctor, ParameterHook.all(masks, doctor));
            }
            WorkerSignals.install(session.control());
            startCommandReader(session);
            TrainingEvent end = session.run();
            events.close();
            System.exit(end instanceof TrainingEvent.Failed ? EXIT_FAILED : EXIT_OK);
        } catch (IOException e) {
            LOG.error("cannot open the event log in {}: {}", runDir, e.getMessage());
            protocol.println(TrainingEvents.toJsonLine(
                    TrainingEvent.Failed.because("Cannot start the run in " + runDir + ": " + e.getMessage())));
            protocol.flush();
            System.exit(EXIT_CANNOT_START);
        }
    }

    /** Reads commands from stdin; end of input means the app is gone, so the run stops. */
    private static void startCommandReader(TrainingSession session) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    Optional<WorkerCommand> command = WorkerCommand.parse(line);
                    if (command.isPresent()) {
                        command.get().applyTo(session.control());
                    } else {
                        LOG.warn("unknown command on stdin: {}", line);
                    }
                }
            } catch (IOException e) {
                LOG.warn("command channel closed: {}", e.getMessage());
            }
            LOG.info("command channel closed; stopping the run");
            session.control().stop();
        }, "worker-commands");
        reader.setDaemon(true);
        reader.start();
    }
}
