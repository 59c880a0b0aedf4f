package dev.netwright.runtime.codegen;

import dev.netwright.runtime.codegen.KerasArgs.Arg;
import dev.netwright.runtime.codegen.PythonSyntax.Place;
import dev.netwright.runtime.design.Node;
import dev.netwright.runtime.design.TrainingPlan;
import dev.netwright.runtime.layers.kinds.OutputKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What Keras's compile(...) and fit(...) say, as Netwright's training settings and its Output layer's task. */
final class KerasTraining {
    private final String fileName;
    private TrainingPlan plan = CodeExports.DEFAULT_PLAN;
    private String loss;
    private Place lossPlace;

    KerasTraining(String fileName) {
        this.fileName = fileName;
    }

    TrainingPlan plan() {
        return plan;
    }

    void seed(KerasArgs args) throws CodeImportException {
        Arg seed = args.find(0, "seed");
        if (seed != null) {
            plan = plan.withSeed(args.integerOf(seed, "seed"));
        }
        args.rejectUnread();
    }

    void compile(KerasArgs args) throws CodeImportException {
        Arg optimizer = args.find(0, "optimizer");
        Arg lossArg = args.find(1, "loss");
        args.find(2, "metrics");
        args.find(-1, "run_eagerly");
        args.find(-1, "jit_compile");
        args.find(-1, "steps_per_execution");
        args.rejectUnread();
        if (optimizer != null) {
            optimizer(optimizer);
        }
        if (lossArg != null) {
            loss(lossArg);
        }
    }

    void fit(KerasArgs args) throws CodeImportException {
        args.find(0, "x");
        args.find(1, "y");
        int batch = args.integer(2, "batch_size", 32);
        int epochs = args.integer(3, "epochs", 1);
        for (String ignored : List.of("verbose", "callbacks", "validation_split", "validation_data", "shuffle",
                "steps_per_epoch", "validation_steps", "validation_freq", "initial_epoch")) {
            args.find(-1, ignored);
        }
        args.rejectUnread();
        if (batch < 1 || batch > TrainingPlan.MAX_BATCH_SIZE || epochs < 1 || epochs > TrainingPlan.MAX_EPOCHS) {
            throw error(args.place(), "found batch_size=" + batch + " and epochs=" + epochs + ", expected a batch size "
                    + "from 1 to " + TrainingPlan.MAX_BATCH_SIZE + " and 1 to " + TrainingPlan.MAX_EPOCHS + " epochs");
        }
        plan = plan.withBatchSize(batch).withEpochs(epochs);
    }

    private void optimizer(Arg arg) throws CodeImportException {
        if (arg.value() instanceof KerasValue.Literal l && l.value() instanceof String name) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "adam" -> plan = plan.withOptimizer("ADAM").withLearningRate(1e-3);
                case "sgd" -> plan = plan.withOptimizer("SGD").withLearningRate(0.01);
                case "rmsprop" -> plan = plan.withOptimizer("RMSPROP").withLearningRate(1e-3);
                default -> throw error(arg.place(), "found optimizer '" + name + "', expected 'adam', 'sgd' or 'rmsprop'");
            }
            return;
        }
        if (!(arg.value() instanceof KerasValue.Invoked call)) {
            throw error(arg.place(), "found " + KerasValue.describe(arg.value()) + " as optimizer, expected 'adam' or "
                    + "an optimizer such as keras.optimizers.Adam(learning_rate=0.001)");
        }
        KerasArgs a = call.args();
        switch (call.last()) {
            case "Adam" -> {
                double lr = a.decimal(0, "learning_rate", 1e-3, "lr");
                a.rejectUnread();
                plan = plan.withOptimizer("ADAM").withLearningRate(lr);
            }
            case "SGD" -> {
                double lr = a.decimal(0, "learning_rate", 0.01, "lr");
                double momentum = a.decimal(1, "momentum", 0);
                boolean nesterov = a.flag(2, "nesterov", false);
                a.rejectUnread();
                if (momentum == 0 && !nesterov) {
                    plan = plan.withOptimizer("SGD").withLearningRate(lr);
                } else if (Math.abs(momentum - 0.9) < 1e-12 && nesterov) {
                    plan = plan.withOptimizer("NESTEROV").withLearningRate(lr);
                } else {
                    throw error(call.place(), "found SGD with momentum " + momentum + (nesterov ? " (Nesterov)" : "")
                            + ", expected no momentum, or momentum=0.9 with nesterov=True (Netwright's Nesterov)");
                }
            }
            case "RMSprop" -> {
                double lr = a.decimal(0, "learning_rate", 1e-3, "lr");
                a.accept("rho", 0.95, "Netwright's RMSProp decays by 0.95");
                a.accept("epsilon", 1e-8, "Netwright's RMSProp uses epsilon 1e-8");
                a.rejectUnread();
                plan = plan.withOptimizer("RMSPROP").withLearningRate(lr);
            }
            default -> throw error(call.place(), "found the optimizer '" + call.last() + "', expected Adam, SGD or RMSprop");
        }
    }

    private void loss(Arg arg) throws CodeImportException {
        lossPlace = arg.place();
        String name;
        if (arg.value() instanceof KerasValue.Literal l && l.value() instanceof String s) {
            name = s;
        } else if (arg.value() instanceof KerasValue.Invoked call) {
            // logits or probabilities: Netwright's Output takes either (its softmax or sigmoid is inside the loss)
            call.args().flag(-1, "from_logits", false);
            call.args().rejectUnread();
            name = KerasGraph.snakeCase(call.last());
        } else if (arg.value() instanceof KerasValue.Ref ref) {
            name = ref.last();
        } else {
            throw error(arg.place(), "found " + KerasValue.describe(arg.value()) + " as loss, expected a Keras loss");
        }
        loss = switch (name) {
            case "sparse_categorical_crossentropy", "categorical_crossentropy" -> OutputKind.SOFTMAX;
            case "binary_crossentropy" -> OutputKind.SIGMOID;
            case "mse", "mean_squared_error" -> OutputKind.MSE;
            default -> throw error(arg.place(), "found the loss '" + name + "', expected sparse_categorical_crossentropy, "
                    + "categorical_crossentropy, binary_crossentropy or mean_squared_error");
        };
    }

    /** Turns the model's last Dense (with a softmax or sigmoid Activation after it) into Netwright's Output node. */
    String finishOutput(KerasGraph graph, String outputId) throws CodeImportException {
        String id = outputId;
        Node node = graph.node(id);
        String activation = null;
        if (node.kind().equals("Activation") && graph.inputsOf(id).size() == 1) {
            Node before = graph.node(graph.inputsOf(id).get(0));
            if (before.kind().equals("Dense") && "identity".equals(before.params().get("activation"))
                    && graph.consumersOf(before.id()).size() == 1) {
                activation = (String) node.params().get("activation");
                graph.remove(id);
                id = before.id();
                node = before;
            }
        }
        Place place = graph.place(id);
        if (!node.kind().equals("Dense")) {
            throw error(place, "found " + graph.kerasClass(id) + " as the model's last layer, expected a Dense layer, "
                    + "which becomes Netwright's Output");
        }
        if (activation == null) {
            activation = (String) node.params().get("activation");
        }
        if (!Boolean.TRUE.equals(node.params().get("useBias"))) {
            throw error(place, "found use_bias=False on the model's last Dense, expected a bias (Netwright's Output has one)");
        }
        String task = loss;
        if (task == null) {
            task = "sigmoid".equals(activation) ? OutputKind.SIGMOID : OutputKind.SOFTMAX;
        }
        List<String> fitting = switch (task) {
            case OutputKind.SIGMOID -> List.of("sigmoid", "identity");
            case OutputKind.MSE -> List.of("identity");
            default -> List.of("softmax", "identity");
        };
        if (!fitting.contains(activation)) {
            throw error(lossPlace != null ? lossPlace : place, "found activation '" + activation + "' on the model's "
                    + "last Dense with this loss, expected " + String.join(" or ", fitting.stream()
                    .map(a -> a.equals("identity") ? "none (logits)" : a).toList()));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("units", node.params().get("units"));
        params.put("loss", task);
        graph.replace(new Node(id, OutputKind.ID, id, params, node.position()));
        return id;
    }

    private CodeImportException error(Place at, String problem) {
        return new CodeImportException(fileName, at.line(), at.column(), problem);
    }
}
