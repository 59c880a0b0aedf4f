package dev.netwright.runtime.codegen;

import dev.netwright.runtime.codegen.PythonSyntax.Place;
import java.util.List;
import java.util.Map;

/**
 * The tutorial's {@code TransformerModel(num_heads, num_layers, d_model, dff, rate)} as Netwright's sample Transformer
 * builds it: image rows as tokens (input_shape, default 28 × 28), a Dense projection to d_model, sinusoidal positional
 * encoding, num_layers encoder blocks, average pooling and a Dense of num_classes (default 10).
 */
final class KerasTransformer {
    private KerasTransformer() {
    }

    static KerasModel build(KerasGraph graph, KerasArgs args, Place place) throws CodeImportException {
        int heads = args.integer(-1, "num_heads", 8);
        int blocks = args.integer(-1, "num_layers", 6);
        int width = args.integer(-1, "d_model", 512);
        int feedForward = args.integer(-1, "dff", 2048);
        double dropout = args.decimal(-1, "rate", 0.1);
        int classes = args.integer(-1, "num_classes", 10);
        KerasArgs.Arg shapeArg = args.find(-1, "input_shape");
        List<Integer> shape = shapeArg == null ? List.of(28, 28) : args.integers(shapeArg, "input_shape");
        args.rejectUnread();
        if (shape.size() != 2) {
            throw args.error(shapeArg.place(), "found an input shape of " + shape.size() + " sizes, expected (steps, features)");
        }
        KerasModel model = new KerasModel(false, place);
        model.input = graph.add("Input", KerasLayerReader.inputParams(shape, args, place), "input", "Input", place, List.of());
        String x = graph.add("Dense", Map.of("units", width, "activation", "identity"), "embed", "Dense", place,
                List.of(model.input));
        x = graph.add("PositionalEncoding", Map.of(), "posenc", "PositionalEncoding", place, List.of(x));
        for (int i = 1; i <= blocks; i++) {
            x = graph.add("TransformerEncoderBlock", Map.of("heads", heads, "feedForward", feedForward, "dropout", dropout,
                    "epsilon", 1e-6), "encoder" + i, "TransformerEncoderBlock", place, List.of(x));
        }
        x = graph.add("GlobalPooling", Map.of("mode", "avg"), "pool", "GlobalAveragePooling1D", place, List.of(x));
        model.output = graph.add("Dense", Map.of("units", classes, "activation", "identity"), "output", "Dense", place,
                List.of(x));
        return model;
    }
}
