package dev.netwright.app.cli;

import dev.netwright.runtime.train.BackendChooser;
import dev.netwright.runtime.train.worker.WorkerClient;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;

/** Makes {@code train} start {@code /bin/true} instead of a worker: for tests of what it refuses or writes first. */
final class NoTraining implements CommandLine.IFactory {
    private final WorkerClient workers = new WorkerClient(Path.of("/bin/true"), "", List.of(),
            new BackendChooser(List::of, false));

    @Override
    public <K> K create(Class<K> type) throws Exception {
        return type == TrainCommand.class ? type.cast(new TrainCommand(workers))
                : CommandLine.defaultFactory().create(type);
    }
}
