import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that the third-party list names every jar that ships: each {@code *.jar} in the folders given, other than
 * Netwright's own, must be one of the list's artifacts. Exit code 0 when all are named, 1 (naming the jars) when not,
 * 2 for wrong arguments or an unreadable list.
 * Run with Java's single-file launcher: {@code java CheckNotices.java THIRD-PARTY.txt JAR_DIR...}.
 *
 * <p>The list is license-maven-plugin's {@code add-third-party} output, one artifact a line:
 * {@code (licence) ... name (groupId:artifactId:version - url)}. A jar file is {@code artifactId-version.jar} or,
 * with a classifier (the natives, JavaFX's platform jars), {@code artifactId-version-classifier.jar}.
 */
public final class CheckNotices {
    private static final Pattern ARTIFACT = Pattern.compile("\\(([^\\s():]+):([^\\s():]+):([^\\s()]+) - ");
    private static final String OWN_JARS = "netwright-";

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: java CheckNotices.java THIRD-PARTY.txt JAR_DIR...");
            System.exit(2);
        }
        Path list = Path.of(args[0]);
        Set<String> named;
        try {
            named = namedJarPrefixes(Files.readAllLines(list));
        } catch (IOException e) {
            System.err.println("CheckNotices: cannot read the third-party list " + list + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        if (named.isEmpty()) {
            System.err.println("CheckNotices: " + list + " names no artifact (is it license-maven-plugin's THIRD-PARTY.txt?)");
            System.exit(2);
        }
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (int i = 1; i < args.length; i++) {
            for (String jar : jars(Path.of(args[i]))) {
                checked++;
                if (!isNamed(jar, named)) {
                    missing.add(Path.of(args[i]).resolve(jar).toString());
                }
            }
        }
        if (!missing.isEmpty()) {
            System.err.println("CheckNotices: " + list + " names no licence for " + missing.size() + " shipped jar(s): "
                    + String.join(", ", missing) + ". Is the jar's artifact excluded from license-maven-plugin's "
                    + "add-third-party, or does it come from outside the installer module's dependencies?");
            System.exit(1);
        }
        System.out.println("CheckNotices: all " + checked + " third-party jars are named in " + list.getFileName());
    }

    /** "artifactId-version" of each artifact on the list. */
    private static Set<String> namedJarPrefixes(List<String> lines) {
        Set<String> prefixes = new TreeSet<>();
        for (String line : lines) {
            Matcher m = ARTIFACT.matcher(line);
            if (m.find()) {
                prefixes.add(m.group(2) + "-" + m.group(3));
            }
        }
        return prefixes;
    }

    private static boolean isNamed(String jar, Set<String> prefixes) {
        String stem = jar.substring(0, jar.length() - ".jar".length());
        for (String prefix : prefixes) {
            if (stem.equals(prefix) || stem.startsWith(prefix + "-")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            System.err.println("CheckNotices: " + dir + " is not a folder");
            System.exit(2);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar"))
                    .filter(n -> !n.startsWith(OWN_JARS)).sorted().toList();
        } catch (IOException e) {
            System.err.println("CheckNotices: cannot list " + dir + ": " + e.getMessage());
            System.exit(2);
            return List.of();
        }
    }
}
