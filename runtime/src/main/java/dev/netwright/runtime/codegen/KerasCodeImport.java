package dev.netwright.runtime.codegen;

import dev.netwright.runtime.codegen.KerasArgs.Arg;
import dev.netwright.runtime.codegen.PythonSyntax.Expr;
import dev.netwright.runtime.codegen.PythonSyntax.Place;
import dev.netwright.runtime.codegen.PythonSyntax.Statement;
import dev.netwright.runtime.design.DataRef;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.layers.LayerCatalog;
import dev.netwright.runtime.layers.kinds.OutputKind;
import dev.netwright.runtime.layers.kinds.StandardKinds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Python people write for Keras models (Sequential, model.add, the functional API, compile and fit) as a
 * Netwright design with its training settings. Not a Python interpreter: statements that do not touch the model
 * (imports, data loading, print) are passed over; anything about the model it does not understand is a
 * {@link CodeImportException} with its line, column and what was expected.
 */
public final class KerasCodeImport {
    private final String fileName;
    private final KerasGraph graph;
    private final KerasLayerReader layers;
    private final KerasTraining training;
    private final Map<String, KerasValue> variables = new HashMap<>();
    private KerasModel model;
    private KerasModel trainedModel;
    private boolean fashionMnist;

    private KerasCodeImport(LayerCatalog catalog, String fileName) {
        this.fileName = fileName;
        this.graph = new KerasGraph(catalog, fileName);
        this.layers = new KerasLayerReader(graph);
        this.training = new KerasTraining(fileName);
    }

    /** The design the code builds, named after the file, with the training settings its compile and fit give. */
    public static Design parse(String source, String fileName) throws CodeImportException {
        return new KerasCodeImport(StandardKinds.catalog(), fileName).read(source);
    }

    private Design read(String source) throws CodeImportException {
        for (Statement statement : PythonParser.parse(fileName, source)) {
            run(statement);
        }
        KerasModel chosen = trainedModel != null ? trainedModel : model;
        if (chosen == null || chosen.output == null) {
            throw new CodeImportException(fileName, 1, 1, "found no Keras model, expected Sequential([...]), model.add(...) "
                    + "or Model(inputs, outputs)");
        }
        String output = training.finishOutput(graph, chosen.output);
        String name = fileName.replaceAll("^.*[/\\\\]", "").replaceAll("\\.py$", "");
        Design design = graph.design(name.isBlank() ? "Keras model" : name, output)
                .withTraining(training.plan());
        return fashionMnist ? design.withData(new DataRef("fashion-mnist-sample")) : design;
    }

    private void run(Statement statement) throws CodeImportException {
        if (statement instanceof PythonSyntax.Import i) {
            for (int k = 0; k < i.names().size(); k++) {
                variables.put(i.names().get(k), new KerasValue.Ref(i.paths().get(k)));
            }
        } else if (statement instanceof PythonSyntax.ExprStatement e) {
            eval(e.expr());
        } else if (statement instanceof PythonSyntax.Assign a) {
            KerasValue value = eval(a.value());
            if (!a.operator().equals("=")) {
                value = new KerasValue.Opaque("the result of '" + a.operator() + "'");
            }
            for (Expr target : a.targets()) {
                bind(target, value);
            }
        } else if (statement instanceof PythonSyntax.Block b) {
            block(b);
        }
    }

    private void block(PythonSyntax.Block b) throws CodeImportException {
        if (b.keyword().equals("with")) {
            for (Statement inner : b.body()) {
                run(inner);
            }
            return;
        }
        if (b.name() != null) {
            variables.put(b.name(), new KerasValue.Ref(b.name()));
            return;
        }
        for (PythonSyntax.Name name : b.mentioned()) {
            KerasValue value = variables.get(name.id());
            if (value instanceof KerasValue.Model || value instanceof KerasValue.Tensor || value instanceof KerasValue.Layer) {
                throw error(name.place(), "found '" + name.id() + "' inside '" + b.keyword() + "', expected the model "
                        + "to be built by plain statements (Netwright does not run loops or conditions)");
            }
        }
    }

    private void bind(Expr target, KerasValue value) throws CodeImportException {
        if (target instanceof PythonSyntax.Name n) {
            variables.put(n.id(), value);
        } else if (target instanceof PythonSyntax.Sequence s) {
            List<KerasValue> items = value instanceof KerasValue.Items i && i.items().size() == s.items().size()
                    ? i.items() : null;
            for (int k = 0; k < s.items().size(); k++) {
                bind(s.items().get(k), items != null ? items.get(k) : new KerasValue.Opaque("data"));
            }
        } else if (target instanceof PythonSyntax.Attribute a && eval(a.target()) instanceof KerasValue.Model) {
            throw error(a.place(), "found a change to the model's '" + a.name() + "', expected none");
        }
    }

    private KerasValue eval(Expr expr) throws CodeImportException {
        if (expr instanceof PythonSyntax.Number n) {
            return new KerasValue.Literal(n.value());
        }
        if (expr instanceof PythonSyntax.Text t) {
            return new KerasValue.Literal(t.value());
        }
        if (expr instanceof PythonSyntax.Constant c) {
            return switch (c.name()) {
                case "True" -> new KerasValue.Literal(Boolean.TRUE);
                case "False" -> new KerasValue.Literal(Boolean.FALSE);
                case "None" -> new KerasValue.Literal(null);
                default -> new KerasValue.Opaque("'...'");
            };
        }
        if (expr instanceof PythonSyntax.Name n) {
            return variables.getOrDefault(n.id(), new KerasValue.Ref(n.id()));
        }
        if (expr instanceof PythonSyntax.Attribute a) {
            KerasValue target = eval(a.target());
            if (target instanceof KerasValue.Ref r) {
                if (r.path().contains("fashion_mnist") || a.name().equals("fashion_mnist")) {
                    fashionMnist = true;
                }
                return new KerasValue.Ref(r.path() + "." + a.name());
            }
            if (target instanceof KerasValue.Model m) {
                return new KerasValue.Method(m.model(), a.name(), a.place());
            }
            return new KerasValue.Opaque("'" + a.name() + "' of " + KerasValue.describe(target));
        }
        if (expr instanceof PythonSyntax.Sequence s) {
            List<KerasValue> items = new ArrayList<>();
            for (Expr item : s.items()) {
                items.add(eval(item));
            }
            return new KerasValue.Items(items, s.tuple());
        }
        if (expr instanceof PythonSyntax.Operation o) {
            for (Expr operand : o.operands()) {
                if (eval(operand) instanceof KerasValue.Tensor) {
                    throw error(o.place(), "found '" + o.operator() + "' on a tensor, expected a Keras layer such as "
                            + "layers.Add()([a, b])");
                }
            }
            return new KerasValue.Opaque("the result of '" + o.operator() + "'");
        }
        if (expr instanceof PythonSyntax.Call c) {
            return call(c);
        }
        return new KerasValue.Opaque("an expression Netwright does not read");
    }

    private KerasValue call(PythonSyntax.Call c) throws CodeImportException {
        KerasValue function = eval(c.function());
        List<Arg> positional = new ArrayList<>();
        for (Expr arg : c.args()) {
            positional.add(new Arg(eval(arg), arg.place()));
        }
        Map<String, Arg> keywords = new LinkedHashMap<>();
        for (PythonSyntax.Keyword k : c.keywords()) {
            keywords.put(k.name(), new Arg(eval(k.value()), k.place()));
        }
        String callee = function instanceof KerasValue.Ref r ? r.last() : function instanceof KerasValue.Layer l
                ? l.className() : function instanceof KerasValue.Method m ? m.name() : KerasValue.describe(function);
        KerasArgs args = new KerasArgs(fileName, callee, positional, keywords, c.place());
        if (function instanceof KerasValue.Layer layer) {
            return new KerasValue.Tensor(layers.apply(layer, tensors(layer, args)));
        }
        if (function instanceof KerasValue.Method m) {
            return method(m, args);
        }
        if (function instanceof KerasValue.Ref r) {
            return byName(r, args, c.place());
        }
        if (function instanceof KerasValue.Tensor || function instanceof KerasValue.Model) {
            throw error(c.place(), "found a call of " + KerasValue.describe(function) + ", expected a call of a layer");
        }
        return new KerasValue.Opaque("the result of calling " + KerasValue.describe(function));
    }

    private List<String> tensors(KerasValue.Layer layer, KerasArgs args) throws CodeImportException {
        List<String> ids = new ArrayList<>();
        if (args.positional().isEmpty()) {
            throw error(args.place(), "found " + layer.className() + " called without a tensor, expected its input");
        }
        Arg first = args.positional().get(0);
        List<KerasValue> values = first.value() instanceof KerasValue.Items items ? items.items() : List.of(first.value());
        for (KerasValue value : values) {
            if (!(value instanceof KerasValue.Tensor t)) {
                throw error(first.place(), "found " + KerasValue.describe(value) + " as the input of " + layer.className()
                        + ", expected a tensor (the output of keras.Input or of another layer)");
            }
            ids.add(t.nodeId());
        }
        if (layer.className().equals("MultiHeadAttention")) {
            for (Arg other : args.positional().subList(1, args.positional().size())) {
                if (!(other.value() instanceof KerasValue.Tensor t && t.nodeId().equals(ids.get(0)))) {
                    throw error(other.place(), "found attention over another tensor, expected self-attention: the "
                            + "same tensor as query and value");
                }
            }
        } else if (args.positional().size() > 1 || !args.keywords().isEmpty()) {
            throw error(args.place(), "found more than the input in the call of " + layer.className()
                    + ", expected only its input");
        }
        return ids;
    }

    private KerasValue byName(KerasValue.Ref ref, KerasArgs args, Place place) throws CodeImportException {
        String name = ref.last();
        boolean kerasLayer = ref.path().equals(name) || ref.path().contains("layers.");
        switch (name) {
            case "Input" -> {
                Arg shape = args.find(0, "shape");
                if (shape == null) {
                    throw error(place, "found Input without 'shape', expected shape=(...)");
                }
                String id = args.text(-1, "name", null);
                args.rejectUnread();
                return new KerasValue.Tensor(graph.add("Input", KerasLayerReader.inputParams(args.integers(shape, "shape"),
                        args, place), id == null ? "input" : id, "Input", place, List.of()));
            }
            case "Sequential" -> {
                KerasModel sequential = new KerasModel(true, place);
                Arg list = args.find(0, "layers");
                args.find(-1, "name");
                args.rejectUnread();
                if (list != null) {
                    if (!(list.value() instanceof KerasValue.Items items)) {
                        throw error(list.place(), "found " + KerasValue.describe(list.value()) + ", expected a list of layers");
                    }
                    for (KerasValue item : items.items()) {
                        add(sequential, item, list.place());
                    }
                }
                model = sequential;
                return new KerasValue.Model(sequential);
            }
            case "Model" -> {
                Arg inputs = args.find(0, "inputs");
                Arg outputs = args.find(1, "outputs");
                args.find(-1, "name");
                args.rejectUnread();
                if (inputs == null || outputs == null) {
                    throw error(place, "found Model without inputs and outputs, expected Model(inputs, outputs)");
                }
                KerasModel functional = new KerasModel(false, place);
                functional.input = single(inputs, "input");
                functional.output = single(outputs, "output");
                model = functional;
                return new KerasValue.Model(functional);
            }
            case "TransformerModel" -> {
                model = KerasTransformer.build(graph, args, place);
                return new KerasValue.Model(model);
            }
            case "transformer_encoder_block" -> {
                Arg x = args.find(0, "x");
                if (x == null || !(x.value() instanceof KerasValue.Tensor t)) {
                    throw error(place, "found transformer_encoder_block without a tensor, expected its input first");
                }
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("heads", args.integer(1, "heads", 4));
                p.put("feedForward", args.integer(2, "feed_forward", 128));
                p.put("dropout", args.decimal(3, "dropout", 0.1));
                p.put("epsilon", args.decimal(4, "epsilon", 1e-5));
                String id = args.text(5, "name", null);
                args.rejectUnread();
                return new KerasValue.Tensor(graph.add("TransformerEncoderBlock", p, id, "TransformerEncoderBlock", place,
                        List.of(t.nodeId())));
            }
            case "set_random_seed", "set_seed" -> {
                training.seed(args);
                return new KerasValue.Opaque("None");
            }
            default -> {
            }
        }
        if (KerasLayerReader.LAYERS.contains(name) && kerasLayer) {
            return new KerasValue.Layer(name, args, place);
        }
        if (ref.path().contains("layers.") && Character.isUpperCase(name.charAt(0))) {
            throw error(place, "found the Keras layer '" + name + "', which has no Netwright kind; expected one of "
                    + String.join(", ", KerasLayerReader.LAYERS.stream().sorted().toList()));
        }
        return new KerasValue.Invoked(ref.path(), args, place);
    }

    private String single(Arg arg, String what) throws CodeImportException {
        KerasValue value = arg.value() instanceof KerasValue.Items items && items.items().size() == 1
                ? items.items().get(0) : arg.value();
        if (!(value instanceof KerasValue.Tensor t)) {
            throw error(arg.place(), "found " + KerasValue.describe(value) + " as the model's " + what
                    + ", expected one tensor (Netwright designs have one input and one output)");
        }
        return t.nodeId();
    }

    private void add(KerasModel target, KerasValue value, Place place) throws CodeImportException {
        if (value instanceof KerasValue.Tensor t && target.output == null) {
            target.input = t.nodeId();
            target.output = t.nodeId();
            return;
        }
        if (!(value instanceof KerasValue.Layer layer)) {
            throw error(place, "found " + KerasValue.describe(value) + " in the Sequential model, expected a layer");
        }
        if (target.output == null) {
            List<Integer> shape = KerasLayerReader.inputShape(layer);
            if (shape == null) {
                throw error(layer.place(), "found " + layer.className() + " first without input_shape, expected "
                        + "input_shape=(...) on it or layers.Input(shape=...) before it");
            }
            target.input = graph.add("Input", KerasLayerReader.inputParams(shape, layer.args(), layer.place()), "input",
                    "Input", layer.place(), List.of());
            target.output = target.input;
            if (layer.className().equals("InputLayer")) {
                layer.args().find(-1, "name");
                layer.args().rejectUnread();
                return;
            }
        }
        target.output = layers.apply(layer, List.of(target.output));
    }

    private KerasValue method(KerasValue.Method m, KerasArgs args) throws CodeImportException {
        switch (m.name()) {
            case "add" -> {
                Arg layer = args.find(0, "layer");
                args.rejectUnread();
                if (layer == null) {
                    throw error(args.place(), "found add() without a layer, expected model.add(layer)");
                }
                add(m.model(), layer.value(), layer.place());
            }
            case "compile" -> {
                training.compile(args);
                trainedModel = m.model();
            }
            case "fit" -> {
                training.fit(args);
                trainedModel = m.model();
            }
            case "summary", "evaluate", "predict", "save", "save_weights", "count_params", "to_json" -> {
            }
            default -> throw error(m.place(), "found model." + m.name() + "(...), expected add, compile, fit, summary, "
                    + "evaluate, predict or save");
        }
        return new KerasValue.Opaque("the result of model." + m.name() + "(...)");
    }

    private CodeImportException error(Place at, String problem) {
        return new CodeImportException(fileName, at.line(), at.column(), problem);
    }
}
