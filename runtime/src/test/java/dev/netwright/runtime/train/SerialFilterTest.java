package dev.netwright.runtime.train;

import dev.netwright.runtime.train.worker.WorkerClient;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The process-wide deserialisation filter (issue 13, item 1): no class is ever deserialised in a JVM that loads models. */
class SerialFilterTest {

    @Test
    void theFilterRejectsEveryClass() throws Exception {
        byte[] set = serialised(new HashSet<>(Set.of("a", "b")));

        assertThatThrownBy(() -> read(set, ObjectInputFilter.Config.createFilter(SerialFilter.REJECT_ALL)))
                .isInstanceOf(InvalidClassException.class).hasMessageContaining("REJECTED");
    }

    @Test
    void plainStringsStillPassForJavaFxDragAndDrop() throws Exception {
        assertThat(read(serialised("Conv2D"), ObjectInputFilter.Config.createFilter(SerialFilter.REJECT_ALL)))
                .isEqualTo("Conv2D");
    }

    @Test
    void theSparkDriversFilterReadsTheJdksClassesButNoOtherLibrarys() throws Exception {
        ObjectInputFilter spark = ObjectInputFilter.Config.createFilter(SerialFilter.SPARK_DRIVER);
        assertThat(read(serialised(new HashSet<>(Set.of("a", "b"))), spark)).isEqualTo(Set.of("a", "b"));
        assertThat(read(serialised(new byte[] {1, 2}), spark)).isEqualTo(new byte[] {1, 2});
        // a class of any other library (here Netwright's runtime, as a stand-in for DL4J's) is still refused
        assertThatThrownBy(() -> read(serialised(new Outside()), spark))
                .isInstanceOf(InvalidClassException.class).hasMessageContaining("REJECTED");
    }

    /** Serialisable, and outside the packages the Spark driver's filter lets through. */
    static final class Outside implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void workersStartWithTheFilterInForce() throws Exception {
        List<String> command = javaCommand(WorkerClient.DEFAULT_JVM_OPTIONS);
        command.add("no-install");

        assertThat(run(command)).isEqualTo("rejected");
    }

    @Test
    void installTurnsItOnInAJvmStartedWithout() throws Exception {
        List<String> command = javaCommand(List.of());
        command.add("install");

        assertThat(run(command)).isEqualTo("rejected");
        List<String> without = javaCommand(List.of());
        without.add("no-install");
        assertThat(run(without)).isEqualTo("read"); // the probe itself can tell the difference
    }

    /** A child JVM's main: tries to deserialise a set and prints whether it was rejected. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            if (args[0].equals("install")) {
                SerialFilter.install();
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialised(new HashSet<>(Set.of(1)))))) {
                in.readObject();
                System.out.print("read");
            } catch (InvalidClassException e) {
                System.out.print("rejected");
            }
        }
    }

    private static List<String> javaCommand(List<String> options) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Probe.class.getName());
        return command;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out.strip();
    }

    private static byte[] serialised(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    private static Object read(byte[] bytes, ObjectInputFilter filter) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        }
    }
}
