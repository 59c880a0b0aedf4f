package dev.netwright.runtime.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PythonParserTest {
    private static final String CNN = """
            import tensorflow as tf
            from tensorflow.keras import datasets, layers, models

            (train_images, train_labels), (test_images, test_labels) = datasets.fashion_mnist.load_data()
            train_images, test_images = train_images / 255.0, test_images / 255.0  # scale

            model = models.Sequential()
            model.add(layers.Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1)))
            model.add(layers.MaxPooling2D((2, 2)))
            model.add(layers.Dense(10))
            model.compile(optimizer='adam',
                          loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                          metrics=['accuracy'])
            history = model.fit(train_images, train_labels, epochs=10,
                                validation_data=(test_images, test_labels))
            print(f"done {history}")
            """;

    @Test
    void theTutorialCnnParsesIntoItsStatements() throws CodeImportException {
        List<PythonSyntax.Statement> statements = PythonParser.parse("cnn.py", CNN);

        assertThat(statements).hasSize(11);
        assertThat(statements.get(1)).isInstanceOfSatisfying(PythonSyntax.Import.class,
                i -> assertThat(i.paths()).containsExactly("tensorflow.keras.datasets", "tensorflow.keras.layers",
                        "tensorflow.keras.models"));
        assertThat(statements.get(8).place()).isEqualTo(new PythonSyntax.Place(11, 1));
    }

    @Test
    void aDefinitionIsKeptAsABlockWithTheNamesItMentions() throws CodeImportException {
        List<PythonSyntax.Statement> statements = PythonParser.parse("f.py", """
                def block(x):
                    return layers.Dense(4)(x)
                y = 1
                """);

        assertThat(statements).hasSize(2);
        assertThat(statements.get(0)).isInstanceOfSatisfying(PythonSyntax.Block.class,
                b -> assertThat(b.name()).isEqualTo("block"));
    }

    @Test
    void aMissingArgumentBetweenCommasGivesItsLineAndColumn() {
        assertThatThrownBy(() -> PythonParser.parse("model.py", "import keras\nx = layers.Dense(64,, activation='relu')\n"))
                .isInstanceOfSatisfying(CodeImportException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(21);
                    assertThat(e.getMessage()).isEqualTo("model.py:2:21: found ',', expected an argument");
                });
    }

    @Test
    void aBracketNeverClosedIsReportedWhereItOpens() {
        assertThatThrownBy(() -> PythonParser.parse("model.py", "model = Sequential([\n    Dense(10)\n"))
                .isInstanceOfSatisfying(CodeImportException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.column()).isEqualTo(20);
                    assertThat(e.problem()).isEqualTo("found '[' that is never closed, expected ']' before the end of the code");
                });
    }

    @Test
    void aClosingBracketThatDoesNotMatchNamesTheOneOpen() {
        assertThatThrownBy(() -> PythonParser.parse("m.py", "x = Dense(10]\n"))
                .isInstanceOfSatisfying(CodeImportException.class, e -> {
                    assertThat(e.column()).isEqualTo(13);
                    assertThat(e.problem()).isEqualTo("found ']', expected ')' to close the '(' at line 1, column 10");
                });
    }
}
