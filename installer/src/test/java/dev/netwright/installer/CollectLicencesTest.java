package dev.netwright.installer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installer's collection of licence texts (src/packaging/CollectLicences.java, run by package.sh into the image's
 * lib/licences/): the text of every licence the third-party list names, a new licence name refused until it has a
 * text, and the licence and notice files the jars carry.
 */
class CollectLicencesTest {
    private static final Path COMMITTED_TEXTS = Path.of("src", "packaging", "licences");
    /** Three lines in license-maven-plugin's add-third-party format, one dual-licensed, one with a name in brackets. */
    private static final String LIST = """

            Lists of 3 third-party dependencies.
                 (Apache License, Version 2.0) (LGPL, version 2.1) Java Native Access (net.java.dev.jna:jna:4.3.0 - https://github.com/java-native-access/jna)
                 (Apache License, Version 2.0) (GNU General Public License (GPL) version 2, or any later version) JavaCPP (org.bytedeco:javacpp:1.5.8 - http://bytedeco.org/javacpp/)
                 (MIT License) SLF4J API Module (org.slf4j:slf4j-api:2.0.16 - http://www.slf4j.org)
            """;
    private static final String INDEX = """
            # a comment
            Apache License, Version 2.0 = Apache-2.0.txt
            LGPL, version 2.1 = LGPL-2.1.txt
            GNU General Public License (GPL) version 2, or any later version = GPL-2.0.txt, GPL-note.txt
            MIT License = MIT.txt
            Eclipse Public License - v 2.0 = EPL-2.0.txt
            """;

    @TempDir
    static Path compiled;
    private static PackagingProgram collect;

    @TempDir
    Path dir;

    @BeforeAll
    static void compileTheProgram() {
        collect = PackagingProgram.compile("CollectLicences", compiled);
    }

    @Test
    void theTextOfEveryLicenceOnTheListIsCopiedAndNoOther() throws Exception {
        Path texts = texts(INDEX, "Apache-2.0.txt", "LGPL-2.1.txt", "GPL-2.0.txt", "GPL-note.txt", "MIT.txt", "EPL-2.0.txt");
        Path out = dir.resolve("out");

        PackagingProgram.Result result = collect.run(list(LIST), texts, out, emptyFolder("jars"));

        assertThat(result.code()).as(result.output()).isZero();
        assertThat(namesIn(out)).containsExactly("Apache-2.0.txt", "GPL-2.0.txt", "GPL-note.txt", "LGPL-2.1.txt", "MIT.txt");
        assertThat(out.resolve("MIT.txt")).hasContent("the text of MIT.txt");
        assertThat(result.output()).contains("5 licence texts for the 4 licence names on THIRD-PARTY.txt");
    }

    @Test
    void aLicenceTheIndexDoesNotKnowFailsNamingItAndItsArtifacts() throws Exception {
        Path texts = texts("Apache License, Version 2.0 = Apache-2.0.txt\nMIT License = MIT.txt\n", "Apache-2.0.txt", "MIT.txt");

        PackagingProgram.Result result = collect.run(list(LIST), texts, dir.resolve("out"), emptyFolder("jars"));

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.output()).contains("names 2 licence(s) that " + texts.resolve("index.txt") + " has no text for:")
                .contains("GNU General Public License (GPL) version 2, or any later version (org.bytedeco:javacpp:1.5.8)")
                .contains("LGPL, version 2.1 (net.java.dev.jna:jna:4.3.0)")
                .doesNotContain("MIT License (");
    }

    @Test
    void aTextTheIndexNamesButThatIsMissingIsAnError() throws Exception {
        Path texts = texts(INDEX, "Apache-2.0.txt", "LGPL-2.1.txt", "GPL-2.0.txt", "MIT.txt"); // no GPL-note.txt

        PackagingProgram.Result result = collect.run(list(LIST), texts, dir.resolve("out"), emptyFolder("jars"));

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.output()).contains("names GPL-note.txt, which is missing or empty in " + texts);
    }

    @Test
    void theLicenceAndNoticeFilesInsideEachJarAreCopiedUnderItsName() throws Exception {
        Path texts = texts(INDEX, "Apache-2.0.txt", "LGPL-2.1.txt", "GPL-2.0.txt", "GPL-note.txt", "MIT.txt");
        Path jars = emptyFolder("jars");
        jar(jars.resolve("jackson-core-2.17.2.jar"), "META-INF/LICENSE", "META-INF/NOTICE",
                "META-INF/FastDoubleParser-LICENSE", "META-INF/MANIFEST.MF", "com/fasterxml/License.class");
        jar(jars.resolve("org.eclipse.elk.core-0.9.1.jar"), "about.html", "plugin.properties");
        jar(jars.resolve("onnxruntime-1.23.2.jar"), "ThirdPartyNotices.txt", "ai/onnxruntime/OrtSession.class");
        jar(jars.resolve("fastutil-6.5.7.jar"), "it/unimi/dsi/fastutil/Hash.class");
        jar(jars.resolve("netwright-app-0.1.0-SNAPSHOT.jar"), "META-INF/LICENSE");
        Path out = dir.resolve("out");

        PackagingProgram.Result result = collect.run(list(LIST), texts, out, jars);

        assertThat(result.code()).as(result.output()).isZero();
        assertThat(namesIn(out.resolve("jars")))
                .as("a folder for each jar that carries notices; none for the others or Netwright's own")
                .containsExactly("jackson-core-2.17.2", "onnxruntime-1.23.2", "org.eclipse.elk.core-0.9.1");
        assertThat(namesIn(out.resolve("jars/jackson-core-2.17.2")))
                .containsExactly("META-INF_FastDoubleParser-LICENSE", "META-INF_LICENSE", "META-INF_NOTICE");
        assertThat(out.resolve("jars/jackson-core-2.17.2/META-INF_NOTICE")).hasContent("META-INF/NOTICE of the jar");
        assertThat(namesIn(out.resolve("jars/org.eclipse.elk.core-0.9.1"))).containsExactly("about.html");
        assertThat(result.output()).contains("and 5 licence or notice files from 3 jars");
    }

    @Test
    void aListWithoutArtifactsIsAnErrorNotAnEmptyFolder() throws Exception {
        Path texts = texts(INDEX, "Apache-2.0.txt");

        PackagingProgram.Result result = collect.run(list("no artifacts here\n"), texts, dir.resolve("out"),
                emptyFolder("jars"));

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.output()).contains("names no artifact with a licence");
    }

    /** The committed index: every name in it resolves to a text that is there (the real list's names, decision 21). */
    @Test
    void theCommittedIndexHasATextForEveryNameItMaps() throws Exception {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(COMMITTED_TEXTS.resolve("index.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.substring(0, line.lastIndexOf(" = ")));
            }
        }
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            list.append("     (").append(names.get(i)).append(") Component ").append(i)
                    .append(" (org.example:component").append(i).append(":1.0 - https://example.org)\n");
        }
        Path out = dir.resolve("out");

        PackagingProgram.Result result = collect.run(list(list.toString()), COMMITTED_TEXTS, out, emptyFolder("jars"));

        assertThat(result.code()).as(result.output()).isZero();
        assertThat(names).contains("Apache License, Version 2.0", "GPLv2+CE", "GNU Lesser General Public Licence",
                "Eclipse Public License - v 2.0", "The Eclipse Public License Version 1.0", "BSD-2-Clause");
        assertThat(namesIn(out)).containsExactly("Apache-2.0.txt", "BSD-2-Clause.txt", "BSD-3-Clause.txt",
                "Classpath-exception-2.0.txt", "EPL-1.0.txt", "EPL-2.0.txt", "GPL-2.0.txt", "LGPL-2.1.txt", "MIT.txt");
        assertThat(out.resolve("LGPL-2.1.txt")).content().contains("GNU LESSER GENERAL PUBLIC LICENSE", "Version 2.1");
        assertThat(out.resolve("EPL-2.0.txt")).content().contains("Eclipse Public License - v 2.0");
    }

    private Path list(String text) throws IOException {
        return Files.writeString(dir.resolve("THIRD-PARTY.txt"), text, StandardCharsets.UTF_8);
    }

    private Path texts(String index, String... files) throws IOException {
        Path texts = Files.createDirectories(dir.resolve("texts"));
        Files.writeString(texts.resolve("index.txt"), index);
        for (String file : files) {
            Files.writeString(texts.resolve(file), "the text of " + file);
        }
        return texts;
    }

    private Path emptyFolder(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    /** A jar whose entries each hold "NAME of the jar". */
    private static void jar(Path file, String... entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write((entry + " of the jar").getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }

    private static List<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
