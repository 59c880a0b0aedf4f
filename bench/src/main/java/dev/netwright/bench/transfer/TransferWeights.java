package dev.netwright.bench.transfer;

import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.layers.kinds.OutputKind;
import dev.netwright.runtime.train.ModelFileException;
import dev.netwright.runtime.train.ModelZip;
import dev.netwright.runtime.train.RunFolder;
import dev.netwright.runtime.train.RunRequestJson;
import dev.netwright.runtime.weights.DesignWeights;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the weights sidecars of the pretrained and transfer samples from a run of bench/transfer-pretrain.sh:
 * {@code cnn-pretrained.weights.npz} (every node) and {@code transfer.weights.npz} (every node but the Output, which
 * the transfer sample trains from random weights for its own classes).
 * Usage: {@code TransferWeights RUN_DIR OUT_FOLDER}.
 */
public final class TransferWeights {
    private TransferWeights() {
    }

    public static void main(String[] args) throws IOException, ModelFileException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: TransferWeights RUN_DIR OUT_FOLDER");
        }
        Path run = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Design design = new RunRequestJson().read(run).design();
        DesignWeights all = DesignWeights.extract(ModelZip.read(new RunFolder(run).model(), false), design);
        Map<String, Map<String, INDArray>> body = new LinkedHashMap<>();
        for (String id : all.nodeIds()) {
            if (!OutputKind.ID.equals(design.requireNode(id).kind())) {
                body.put(id, all.node(id));
            }
        }
        Files.createDirectories(out);
        all.write(out.resolve("cnn-pretrained" + DesignWeights.SUFFIX));
        DesignWeights.of(body).write(out.resolve("transfer" + DesignWeights.SUFFIX));
        System.out.printf("cnn-pretrained%s: %,d parameters of %s; transfer%s: %,d (no Output)%n", DesignWeights.SUFFIX,
                all.parameterCount(), String.join(", ", all.nodeIds()), DesignWeights.SUFFIX,
                DesignWeights.of(body).parameterCount());
    }
}
