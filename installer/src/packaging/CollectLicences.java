import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Puts the licence texts the app image owes its users into one folder (the image's {@code lib/licences/}):
 * <ol>
 *   <li>the text of every licence the third-party list names, from {@code TEXTS_DIR}, whose {@code index.txt} says which
 *       files go with each name ({@code NAME = FILE[, FILE...]});</li>
 *   <li>the licence and notice files each shipped jar carries inside it ({@code LICENSE*}, {@code NOTICE*},
 *       {@code COPYING*}, {@code about.html}, {@code ThirdPartyNotices.txt}, at its top or in {@code META-INF/}), under
 *       {@code jars/<jar name without .jar>/}: the components' own copyright lines and Apache NOTICE files.</li>
 * </ol>
 * A licence named on the list that the index does not know fails with exit code 1, naming it and its artifacts, so a
 * new dependency under a new licence cannot ship without its text; wrong arguments, an unreadable list or index, or a
 * text the index names but that is missing: exit code 2. Netwright's own jars are under its {@code LICENSE} and skipped.
 * Run with Java's single-file launcher:
 * {@code java CollectLicences.java THIRD-PARTY.txt TEXTS_DIR OUT_DIR JAR_DIR...}.
 */
public final class CollectLicences {
    private static final Pattern ARTIFACT = Pattern.compile("\\(([^\\s():]+):([^\\s():]+):([^\\s()]+) - ");
    private static final Pattern NOTICE_FILE = Pattern.compile(
            "(?i)(META-INF/)?([^/]*-)?(licen[cs]e|notice|copying)[^/]*|(META-INF/)?about\\.html|(META-INF/)?ThirdPartyNotices\\.txt");
    private static final String INDEX = "index.txt";
    private static final String OWN_JARS = "netwright-";

    public static void main(String[] args) {
        if (args.length < 4) {
            fail(2, "usage: java CollectLicences.java THIRD-PARTY.txt TEXTS_DIR OUT_DIR JAR_DIR...");
        }
        Path list = Path.of(args[0]);
        Path texts = Path.of(args[1]);
        Path out = Path.of(args[2]);
        Map<String, Set<String>> artifactsByLicence = licencesOf(list);
        Map<String, List<String>> index = index(texts.resolve(INDEX));

        Map<String, Set<String>> unknown = new TreeMap<>(artifactsByLicence);
        unknown.keySet().removeAll(index.keySet());
        if (!unknown.isEmpty()) {
            StringBuilder names = new StringBuilder();
            unknown.forEach((name, artifacts) -> names.append("\n  ").append(name).append(" (")
                    .append(String.join(", ", artifacts)).append(')'));
            fail(1, "the third-party list " + list + " names " + unknown.size() + " licence(s) that "
                    + texts.resolve(INDEX) + " has no text for:" + names
                    + "\nAdd each name with its licence's text to " + texts + ".");
        }

        Set<String> files = new TreeSet<>();
        artifactsByLicence.keySet().forEach(name -> files.addAll(index.get(name)));
        try {
            Files.createDirectories(out);
            for (String file : files) {
                Path text = texts.resolve(file);
                if (!Files.isRegularFile(text) || Files.size(text) == 0) {
                    fail(2, texts.resolve(INDEX) + " names " + file + ", which is missing or empty in " + texts);
                }
                Files.copy(text, out.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            int jars = 0;
            int notices = 0;
            for (int i = 3; i < args.length; i++) {
                for (Path jar : jars(Path.of(args[i]))) {
                    int copied = copyNotices(jar, out.resolve("jars"));
                    notices += copied;
                    jars += copied > 0 ? 1 : 0;
                }
            }
            System.out.println("CollectLicences: " + files.size() + " licence texts for the " + artifactsByLicence.size()
                    + " licence names on " + list.getFileName() + ", and " + notices + " licence or notice files from "
                    + jars + " jars, in " + out);
        } catch (IOException | UncheckedIOException e) {
            fail(2, "cannot collect the licences into " + out + ": " + e.getMessage());
        }
    }

    /** Each licence name on the list with the artifacts ("groupId:artifactId:version") under it. */
    static Map<String, Set<String>> licencesOf(Path list) {
        List<String> lines = linesOf(list, "the third-party list");
        Map<String, Set<String>> licences = new TreeMap<>();
        for (String line : lines) {
            Matcher artifact = ARTIFACT.matcher(line);
            if (!artifact.find()) {
                continue;
            }
            String coordinates = artifact.group(1) + ":" + artifact.group(2) + ":" + artifact.group(3);
            for (String name : leadingGroups(line.strip())) {
                licences.computeIfAbsent(name, n -> new TreeSet<>()).add(coordinates);
            }
        }
        if (licences.isEmpty()) {
            fail(2, list + " names no artifact with a licence (is it license-maven-plugin's THIRD-PARTY.txt?)");
        }
        return licences;
    }

    /** The parenthesised groups a list line starts with ("(Apache License, Version 2.0) (LGPL, version 2.1) JNA ..."). */
    private static List<String> leadingGroups(String line) {
        List<String> groups = new ArrayList<>();
        int at = 0;
        while (at < line.length() && line.charAt(at) == '(') {
            int depth = 0;
            int end = at;
            do {
                char c = line.charAt(end);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                end++;
            } while (depth > 0 && end < line.length());
            if (depth > 0) {
                break; // unbalanced: not a licence group
            }
            groups.add(line.substring(at + 1, end - 1).strip());
            at = end;
            while (at < line.length() && line.charAt(at) == ' ') {
                at++;
            }
        }
        return groups;
    }

    /** The index: each licence name with its text files. */
    private static Map<String, List<String>> index(Path file) {
        List<String> lines = linesOf(file, "the licence index");
        Map<String, List<String>> index = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.lastIndexOf(" = ");
            if (equals < 1) {
                fail(2, file + ", line " + (i + 1) + ": not NAME = FILE[, FILE...]: " + line);
            }
            List<String> files = Stream.of(line.substring(equals + 3).split(",")).map(String::strip)
                    .filter(f -> !f.isEmpty()).toList();
            if (files.isEmpty() || files.stream().anyMatch(f -> f.contains("/") || f.contains("\\"))) {
                fail(2, file + ", line " + (i + 1) + ": the texts are file names in " + file.getParent() + ": " + line);
            }
            index.put(line.substring(0, equals).strip(), files);
        }
        return index;
    }

    /** The file's lines; exit code 2, naming {@code what} and the file, when it cannot be read. */
    private static List<String> linesOf(Path file, String what) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            fail(2, "cannot read " + what + " " + file + ": " + e.getMessage());
            return List.of();
        }
    }

    private static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            fail(2, dir + " is not a folder");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .filter(p -> !p.getFileName().toString().startsWith(OWN_JARS)).sorted().toList();
        } catch (IOException e) {
            fail(2, "cannot list " + dir + ": " + e.getMessage());
            return List.of();
        }
    }

    /** Copies the jar's licence and notice files into {@code jarsDir/<jar stem>/}; how many. */
    private static int copyNotices(Path jar, Path jarsDir) throws IOException {
        String stem = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        int copied = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory() || entry.getName().endsWith(".class")
                        || !NOTICE_FILE.matcher(entry.getName()).matches()) {
                    continue;
                }
                Path target = jarsDir.resolve(stem).resolve(entry.getName().replace('/', '_'));
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                copied++;
            }
        } catch (IOException e) {
            throw new IOException("cannot read the jar " + jar + ": " + e.getMessage(), e);
        }
        return copied;
    }

    private static void fail(int code, String message) {
        System.err.println("CollectLicences: " + message);
        System.exit(code);
    }
}
