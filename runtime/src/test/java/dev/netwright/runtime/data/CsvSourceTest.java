package dev.netwright.runtime.data;

import dev.netwright.runtime.layers.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CsvSourceTest {
    private static final Shape FOUR = new Shape.Vector(4);

    @TempDir
    Path dir;

    /** 30 iris-like rows, 10 per species, header first. */
    private Path iris() throws IOException {
        String rows = IntStream.range(0, 30)
                .mapToObj(i -> (5 + i * 0.1) + "," + (3 + i % 4) + "," + (1.5 + i) + "," + (i % 3 * 0.5) + ","
                        + new String[] {"virginica", "setosa", "versicolor"}[i % 3])
                .collect(Collectors.joining("\n"));
        return write("iris.csv", "sepal_length,sepal_width,petal_length,petal_width,species\n" + rows + "\n");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void aHeaderRowIsDetectedAndTheLastColumnIsTheLabel() throws Exception {
        TrainValidation data = DataSources.open("csv:" + iris(), FOUR, 1, 0.2);

        Examples train = data.train();
        assertThat(train.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(train.size() + data.validation().size()).isEqualTo(30);
        assertThat(data.validation().classCounts()).containsExactly(2, 2, 2);
        assertThat(train.height()).isEqualTo(1);
        assertThat(train.width()).isEqualTo(4);
        assertThat(train.channels()).isEqualTo(1);
        assertThat(data.description()).startsWith("iris.csv: 24 training, 6 validation rows (4 features, label 'species', 3 classes");
    }

    @Test
    void featuresKeepTheirColumnOrder() throws Exception {
        Path csv = write("two.csv", "1,2,a\n3,4,b\n5,6,a\n7,8,b\n");

        TrainValidation data = DataSources.open("csv:" + csv, new Shape.Vector(2), 1, 0.5);

        // no header: the first row is data; each class gives one of its two rows to validation
        assertThat(data.train().size()).isEqualTo(2);
        float[] all = new float[8];
        System.arraycopy(data.train().features(), 0, all, 0, 4);
        System.arraycopy(data.validation().features(), 0, all, 4, 4);
        assertThat(all).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(data.train().features()[1] - data.train().features()[0]).isEqualTo(1f);
    }

    @Test
    void theLabelColumnCanBeNamed() throws Exception {
        Path csv = write("first.csv", "kind,x,y\ncat,1,2\ndog,3,4\ncat,5,6\ndog,7,8\n");

        Examples all = DataSources.open("csv:" + csv + "#label=kind", new Shape.Vector(2), 1, 0.5).train();

        assertThat(all.classNames()).containsExactly("cat", "dog");
        assertThat(all.width()).isEqualTo(2);
    }

    @Test
    void theLabelColumnCanBeGivenByIndexFromZero() throws Exception {
        Path csv = write("kaggle.csv", "label,p1,p2\n0,10,20\n1,30,40\n0,50,60\n1,70,80\n");

        Examples train = DataSources.open("csv:" + csv + "#label=0", new Shape.Vector(2), 3, 0.5).train();

        assertThat(train.classNames()).containsExactly("0", "1");
        assertThat(train.width()).isEqualTo(2);
        assertThat(train.features()).doesNotContain(0f, 1f); // the labels are not features
    }

    @Test
    void integerLabelsSortAsNumbers() throws Exception {
        Path csv = write("ints.csv", "x,y\n1,10\n2,9\n3,10\n4,9\n5,2\n6,2\n");

        Examples train = DataSources.open("csv:" + csv, new Shape.Vector(1), 1, 0.3).train();

        assertThat(train.classNames()).containsExactly("2", "9", "10");
    }

    @Test
    void aNonNumericValueIsReportedByRowAndColumn() throws Exception {
        String text = Files.readString(iris()).replaceFirst("\n(.*?),(.*?),(.*?),(.*?),(.*?)\n", "\n$1,$2,$3,abc,$5\n");
        Path csv = write("data.csv", text);

        assertThatThrownBy(() -> DataSources.open("csv:" + csv, FOUR, 1, 0.2))
                .isInstanceOf(DataException.class)
                .hasMessage("data.csv, row 2, column 3: not a number (features are plain decimal numbers such as "
                        + "-1.5 or 2e-3)");
    }

    @Test
    void aMissingValueIsReported() throws Exception {
        Path csv = write("gaps.csv", "1,2,a\n3,,b\n");

        assertThatThrownBy(() -> DataSources.open("csv:" + csv, new Shape.Vector(2), 1, 0.5))
                .hasMessage("gaps.csv, row 2, column 1: missing value");
    }

    @Test
    void aShortRowIsReportedAgainstTheHeader() throws Exception {
        Path csv = write("short.csv", "a,b,c,label\n1,2,3,x\n\n1,2,3,y\n1,2,x\n");

        assertThatThrownBy(() -> DataSources.open("csv:" + csv, new Shape.Vector(3), 1, 0.5))
                .hasMessage("short.csv, row 5 has 3 values, the header has 4");
    }

    @Test
    void notANumberSpelledOutIsRefused() throws Exception {
        Path csv = write("nan.csv", "1,2,a\n3,NaN,b\n");

        assertThatThrownBy(() -> DataSources.open("csv:" + csv, new Shape.Vector(2), 1, 0.5))
                .hasMessageStartingWith("nan.csv, row 2, column 1: not a number");
    }

    @Test
    void anUnknownLabelNameGivesTheColumnCountNotTheHeader() throws Exception {
        assertThatThrownBy(() -> DataSources.open("csv:" + iris() + "#label=class", FOUR, 1, 0.2))
                .hasMessageEndingWith(": no column named 'class' in the first row (of 5 columns); use #label=INDEX, "
                        + "from 0 to 4, to name the label column by position");
    }

    @Test
    void aLabelIndexOutOfRangeIsRefused() throws Exception {
        assertThatThrownBy(() -> DataSources.open("csv:" + iris() + "#label=5", FOUR, 1, 0.2))
                .hasMessageContaining("label column 5 does not exist (the file has 5 columns, 0 to 4)");
    }

    @Test
    void aSingleClassIsNotAClassifier() throws Exception {
        Path csv = write("one.csv", "1,a\n2,a\n3,a\n");

        assertThatThrownBy(() -> DataSources.open("csv:" + csv, new Shape.Vector(1), 1, 0.5))
                .hasMessageContaining("every row has the same label in column 1; a classifier needs at least 2 classes");
    }

    @Test
    void aLabelColumnOfIdsIsQuestioned() throws Exception {
        String rows = IntStream.range(0, 150).mapToObj(i -> (i % 7) + "," + (i % 5) + ",id" + i)
                .collect(Collectors.joining("\n"));
        Path csv = write("ids.csv", rows);

        assertThatThrownBy(() -> DataSources.open("csv:" + csv, new Shape.Vector(2), 1, 0.2))
                .hasMessage(csv + ": 150 distinct labels in 150 rows: is column 2 really the label? Each class needs "
                        + "at least 2 rows, to learn from and to validate with; name the label column with "
                        + "#label=NAME or #label=INDEX");
    }

    @Test
    void aLabelColumnOfMeasurementsIsQuestioned() throws Exception {
        String rows = IntStream.range(0, 150).mapToObj(i -> (i % 7) + "," + (i % 5) + "," + (1 + (i % 120) / 10.0))
                .collect(Collectors.joining("\n"));
        Path csv = write("iris-lengths.csv", rows);

        assertThatThrownBy(() -> DataSources.open("csv:" + csv, new Shape.Vector(2), 1, 0.2))
                .hasMessage(csv + ": 120 distinct labels in 150 rows, numbers with fractions: is column 2 really the "
                        + "label? It looks like a measurement, and a classifier learns classes; name the label "
                        + "column with #label=NAME or #label=INDEX");
    }

    @Test
    void aHeaderOfNumbersAndATextLabelIsAHeader() throws Exception {
        Path csv = write("numbered.csv", "1,2,3,label\n1,2,3,0\n4,5,6,1\n7,8,9,0\n1,1,1,1\n");

        TrainValidation data = DataSources.open("csv:" + csv, new Shape.Vector(3), 1, 0.5);

        assertThat(data.train().classNames()).containsExactly("0", "1");
        assertThat(data.train().size() + data.validation().size()).isEqualTo(4);
        assertThat(data.description()).contains("label 'label'");
    }

    @Test
    void aHeaderOfColumnNumbersIsAHeader() throws Exception {
        Path csv = write("pandas.csv", "0,1,2,3\n5,6,7,0\n4,5,6,1\n7,8,9,0\n1,1,1,1\n");

        TrainValidation data = DataSources.open("csv:" + csv, new Shape.Vector(3), 1, 0.5);

        assertThat(data.train().classNames()).containsExactly("0", "1");
        assertThat(data.train().size() + data.validation().size()).isEqualTo(4);
    }

    @Test
    void aHeaderOfColumnNumbersOverTextLabelsIsAHeader() throws Exception {
        Path csv = write("pandas.csv", "0,1,2,3\n5,6,7,cat\n4,5,6,dog\n7,8,9,cat\n1,1,1,dog\n");

        TrainValidation data = DataSources.open("csv:" + csv + "#label=3", new Shape.Vector(3), 1, 0.5);

        assertThat(data.train().classNames()).containsExactly("cat", "dog");
    }

    @Test
    void aFirstRowOfNumbersIsDataWhenItsLabelIsLikeTheOthers() throws Exception {
        Path csv = write("plain.csv", "1,2,3,1\n1,2,3,0\n4,5,6,1\n7,8,9,0\n");

        TrainValidation data = DataSources.open("csv:" + csv, new Shape.Vector(3), 1, 0.5);

        assertThat(data.train().size() + data.validation().size()).isEqualTo(4);
    }

    @Test
    void semicolonsAndQuotesAreRead() throws Exception {
        Path csv = write("excel.csv", "\uFEFF\"x\";\"y\";\"label\"\n1.5;2;\"a;b\"\n3;4e1;c\n5;6;\"a;b\"\n7;8;c\n");

        Examples train = DataSources.open("csv:" + csv, new Shape.Vector(2), 1, 0.5).train();

        assertThat(train.classNames()).containsExactly("a;b", "c");
    }

    @Test
    void rowsStayRowsWhateverTheInput() throws Exception {
        String rows = IntStream.range(0, 4).mapToObj(i -> IntStream.range(0, 6).mapToObj(Integer::toString)
                .collect(Collectors.joining(",")) + "," + (i % 2)).collect(Collectors.joining("\n"));
        Path csv = write("pixels.csv", rows);

        Examples train = DataSources.open("csv:" + csv, new Shape.Image(2, 3, 1), 1, 0.5).train();

        // the Input gives them its shape only when they are fed to it (DataFit, Views)
        assertThat(new int[] {train.height(), train.width(), train.channels()}).containsExactly(1, 6, 1);
        assertThat(DataFit.problem(new Shape.Image(2, 3, 1), "out", 2, train)).isEmpty();
    }

    @Test
    void theSameSeedGivesTheSameSplit() throws Exception {
        Path csv = iris();

        TrainValidation a = DataSources.open("csv:" + csv, FOUR, 5, 0.2);
        TrainValidation b = DataSources.open("csv:" + csv, FOUR, 5, 0.2);
        TrainValidation c = DataSources.open("csv:" + csv, FOUR, 6, 0.2);

        assertThat(a.validation().features()).isEqualTo(b.validation().features());
        assertThat(a.validation().features()).isNotEqualTo(c.validation().features());
    }

    @Test
    void aHeaderWithoutRowsIsNotData() throws Exception {
        Path csv = write("empty.csv", "\nx,y,label\n\n");

        assertThatThrownBy(() -> DataSources.open("csv:" + csv, FOUR, 1, 0.2))
                .hasMessage(csv + ": no data rows, only a header");
    }

    @Test
    void aFileThatIsNotThereIsNamed() {
        Path csv = dir.resolve("absent.csv");

        assertThatThrownBy(() -> DataSources.open("csv:" + csv, FOUR, 1, 0.2)).hasMessage(csv + ": file not found");
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedWithoutReadingItAll() throws Exception {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM does not count allocated bytes");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Path csv = Files.write(dir.resolve("blob.bin"), "1,2,a\n".concat("7".repeat(16 << 20)).getBytes(StandardCharsets.US_ASCII));
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);

        assertThatThrownBy(() -> DataSources.open("csv:" + csv, new Shape.Vector(2), 1, 0.5))
                .hasMessage("blob.bin, row 2 is longer than 1 MiB; is " + csv + " a CSV file?");
        assertThat(threads.getThreadAllocatedBytes(thread) - before).isLessThan(8L << 20);
    }

    @Test
    void lineBreaksOfEveryKindEndARow() throws Exception {
        Path csv = write("breaks.csv", "1,2,a\r\n3,4,b\r5,6,a\n7,8,b");

        TrainValidation data = DataSources.open("csv:" + csv, new Shape.Vector(2), 1, 0.5);

        assertThat(data.train().size() + data.validation().size()).isEqualTo(4);
    }

    @Test
    void aRowThatIsNotUtf8IsNamed() throws Exception {
        byte[] latin1 = "1,2,a\n3,4,b\n5,6,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Path csv = Files.write(dir.resolve("latin1.csv"), latin1);

        assertThatThrownBy(() -> DataSources.open("csv:" + csv, new Shape.Vector(2), 1, 0.5))
                .hasMessage("latin1.csv, row 3 is not UTF-8 text; is " + csv + " a CSV file?");
    }

    @Test
    void rowsThatNeedMoreMemoryThanTheProcessHasAreRefusedWithTheFigures() throws Exception {
        String rows = IntStream.range(0, 5000).mapToObj(i -> i + "," + (i * 2) + "," + (i % 2))
                .collect(Collectors.joining("\n"));
        Path csv = write("many.csv", rows);

        assertThatThrownBy(() -> CsvSource.open(csv, null, 1, 0.5, HeapRoom.of(16 << 10)))
                .hasMessage("many.csv, row 1,025: holding the rows read so far needs 24.0 KiB of memory as floats; "
                        + "this process can hold about 16.0 KiB");
    }

    @Test
    void numbersAreRecognisedInPlainDecimalNotationOnly() {
        assertThat(CsvLine.isNumber("-1.5")).isTrue();
        assertThat(CsvLine.isNumber(".5")).isTrue();
        assertThat(CsvLine.isNumber("2E-3")).isTrue();
        assertThat(CsvLine.isNumber("7.")).isTrue();
        assertThat(CsvLine.isNumber("1f")).isFalse();
        assertThat(CsvLine.isNumber("Infinity")).isFalse();
        assertThat(CsvLine.isNumber("1e")).isFalse();
        assertThat(CsvLine.isNumber("-")).isFalse();
        assertThat(CsvLine.isNumber("")).isFalse();
    }
}
