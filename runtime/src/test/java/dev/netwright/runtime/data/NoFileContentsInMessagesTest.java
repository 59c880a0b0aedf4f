package dev.netwright.runtime.data;

import dev.netwright.runtime.layers.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A design from elsewhere can name any local file as its data, so a message about a broken file says what is wrong
 * by position and never quotes what the file holds.
 */
class NoFileContentsInMessagesTest {
    private static final String SECRET = "hunter2-5f1c";

    @TempDir
    Path dir;

    private String messageFor(String ref) {
        DataException e = catchThrowableOfType(() -> DataSources.open(ref, new Shape.Vector(2), 1, 0.5),
                DataException.class);
        assertThat(e).as("reading %s should fail", ref).isNotNull();
        return e.getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "x,y,label\n1,2,a\n3,S,b\n",              // a cell that is not a number
        "x,S,label\n1,2,a\n3,4,b\n5,6\n",         // a short row under a header that holds the secret
        "x,S,label\n1,2,a\n3,4,b\n5,x,a\n",       // a bad value in the secret's column
        "1,2,S\n3,4,S\n5,6,S\n",                  // every row has the same label
        "S,1,2\n",                                // a header and no rows
        "x,y,label\n1,2,a\n3,4,S,5\n",            // a long row
        "x,y,label\n1,2,a\n,4,S\n",               // a missing value
        "x,S,label\n1,2,a\n3,1e999,b\n",          // a number too large for a float in the secret's column
    })
    void aBrokenCsvIsDescribedWithoutItsContents(String template) throws Exception {
        Path csv = Files.writeString(dir.resolve("data.csv"), template.replace("S", SECRET));

        assertThat(messageFor("csv:" + csv)).doesNotContain(SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"#label=class", "#label=7"})
    void theFirstRowIsNotListedWhenALabelColumnIsNotFound(String option) throws Exception {
        Path csv = Files.writeString(dir.resolve("data.csv"), "x," + SECRET + ",label\n1,2,a\n3,4,b\n");

        assertThat(messageFor("csv:" + csv + option)).doesNotContain(SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "\r\n"})
    void aLineTooLongOrNotUtf8IsNotQuoted(String lineBreak) throws Exception {
        Path csv = Files.writeString(dir.resolve("data.csv"), SECRET + lineBreak + "x".repeat(CsvLines.MAX_LINE_BYTES + 1));
        Path latin1 = Files.write(dir.resolve("latin1.csv"),
                (SECRET + ",\u00e9\n1,2\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(messageFor("csv:" + csv)).doesNotContain(SECRET);
        assertThat(messageFor("csv:" + latin1)).doesNotContain(SECRET);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aTextFileReadAsIdxIsNotQuoted(boolean gzipped) throws Exception {
        byte[] text = (SECRET + "\n").repeat(4).getBytes(StandardCharsets.US_ASCII);
        Path file = IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), gzipped ? IdxFiles.gzip(text) : text);
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(4, 2));

        String message = catchThrowableOfType(() -> IdxReader.readImages(file), DataException.class).getMessage();

        String firstBytes = HexFormat.of().formatHex(SECRET.getBytes(StandardCharsets.US_ASCII), 0, 4);
        assertThat(message).doesNotContain(SECRET.substring(0, 4)).doesNotContainIgnoringCase(firstBytes);
    }

    @Test
    void aLabelColumnOfIdsIsNotQuoted() throws Exception {
        String text = IntStream.range(0, 150).mapToObj(i -> i + "," + (i * 2) + "," + SECRET + i)
                .collect(Collectors.joining("\n"));
        Path csv = Files.writeString(dir.resolve("ids.csv"), text);

        assertThat(messageFor("csv:" + csv)).doesNotContain(SECRET);
    }
}
