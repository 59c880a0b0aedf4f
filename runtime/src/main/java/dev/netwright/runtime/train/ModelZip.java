package dev.netwright.runtime.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.options.ArrayOptionsHelper;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads and writes DL4J model zips (a run's {@code model.zip}, its checkpoints) without trusting them. DL4J's own
 * {@code ModelSerializer.restoreComputationGraph} reads every entry whole into memory (a zip bomb ends in an
 * OutOfMemoryError) and deserialises a {@code preprocessor.bin} entry with {@code ObjectInputStream} (a file from
 * someone else can make it load classes, open connections or spin). Here:
 * <ul>
 *   <li>only the entries Netwright writes are accepted ({@value #CONFIGURATION}, {@value #COEFFICIENTS},
 *       {@value #UPDATER}); any other entry, or one twice, refuses the file, and nothing is ever deserialised;</li>
 *   <li>the configuration is read up to {@value #MAX_CONFIGURATION_BYTES} bytes, and every class it names must belong
 *       to DL4J, ND4J or Netwright before DL4J's JSON reader sees it;</li>
 *   <li>the parameters and the updater state are bounded by what the configuration says they hold, their ND4J headers
 *       are checked against it, and the whole is checked against the memory this process can hold, all before ND4J
 *       allocates anything.</li>
 * </ul>
 */
public final class ModelZip {
    static final String CONFIGURATION = ModelSerializer.CONFIGURATION_JSON;
    static final String COEFFICIENTS = ModelSerializer.COEFFICIENTS_BIN;
    static final String UPDATER = ModelSerializer.UPDATER_BIN;
    private static final Set<String> ENTRIES = Set.of(CONFIGURATION, COEFFICIENTS, UPDATER);

    /** A configuration of 5,000 layers is ~10 MB of JSON. */
    static final int MAX_CONFIGURATION_BYTES = 64 << 20;
    /** The packages whose classes a configuration may name. */
    private static final List<String> TRUSTED_PACKAGES = List.of("org.deeplearning4j.", "org.nd4j.", "dev.netwright.");
    /** Updater state per parameter: Adam and Nadam keep 2 values, AMSGrad 3. */
    private static final int MAX_UPDATER_VALUES_PER_PARAMETER = 3;
    /** ND4J's array header: allocation mode, shape information (a few longs) and type names. */
    private static final int HEADER_SLACK_BYTES = 4096;
    private static final int MAX_SHAPE_INFO_LONGS = 2 * 32 + 4;
    private static final Map<String, Integer> ELEMENT_BYTES = Map.of("FLOAT", 4, "DOUBLE", 8, "HALF", 2, "BFLOAT16", 2);
    private static final Set<String> ALLOCATION_MODES = Arrays.stream(DataBuffer.AllocationMode.values())
            .map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelZip() {
    }

    /** Saves a model with its updater state, written whole before it replaces an older file of that name. */
    public static void write(ComputationGraph graph, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            ModelSerializer.writeModel(graph, temp.toFile(), true);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Reads a model zip that Netwright wrote (or one shaped like it), with its updater state if {@code withUpdater}.
     * Every problem is a {@link ModelFileException} that names the file and what is wrong with it.
     */
    public static ComputationGraph read(Path zip, boolean withUpdater) throws ModelFileException {
        if (!Files.exists(zip)) {
            throw new ModelFileException(zip + ": no such file");
        }
        if (!Files.isRegularFile(zip)) {
            throw new ModelFileException(zip + ": not a regular file");
        }
        Contents contents;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            contents = contents(file, zip, withUpdater);
        } catch (ZipException e) {
            throw new ModelFileException(zip + ": not a model file (not a readable zip archive)");
        } catch (IOException e) {
            throw new ModelFileException(zip + ": cannot be read (" + e.getMessage() + ")");
        }
        try {
            ComputationGraph graph = new ComputationGraph(contents.configuration);
            graph.init(contents.params, false);
            if (contents.updaterState != null) {
                ComputationGraphUpdater updater = graph.getUpdater();
                INDArray fresh = updater.getStateViewArray();
                long expected = fresh == null ? 0 : fresh.length();
                if (contents.updaterState.length() != expected) {
                    throw new ModelFileException(zip + ": its updater state holds " + contents.updaterState.length()
                            + " values where its configuration needs " + expected);
                }
                if (expected > 0) {
                    updater.setStateViewArray(contents.updaterState);
                }
            }
            return graph;
        } catch (RuntimeException e) {
            throw new ModelFileException(zip + ": Deeplearning4j cannot build the model it describes ("
                    + e.getMessage() + ")");
        }
    }

    /** The checked, parsed parts of a zip; nothing in it has been handed to DL4J unchecked. */
    private record Contents(ComputationGraphConfiguration configuration, INDArray params, INDArray updaterState) {
    }

    private static Contents contents(ZipFile file, Path zip, boolean withUpdater) throws IOException, ModelFileException {
        Map<String, ZipEntry> entries = new HashMap<>();
        Enumeration<? extends ZipEntry> all = file.entries();
        while (all.hasMoreElements()) {
            ZipEntry entry = all.nextElement();
            String name = entry.getName();
            if (!ENTRIES.contains(name)) {
                throw new ModelFileException(zip + ": holds an entry '" + printable(name) + "' that Netwright never "
                        + "writes, so the file is not loaded (entries such as preprocessor.bin are Java objects that "
                        + "could run code on this computer). Netwright reads " + CONFIGURATION + ", " + COEFFICIENTS
                        + " and " + UPDATER + " only.");
            }
            if (entries.put(name, entry) != null) {
                throw new ModelFileException(zip + ": holds the entry '" + name + "' twice");
            }
        }
        ZipEntry configurationEntry = entries.get(CONFIGURATION);
        ZipEntry coefficientsEntry = entries.get(COEFFICIENTS);
        if (configurationEntry == null || coefficientsEntry == null) {
            throw new ModelFileException(zip + ": not a model file (it has no "
                    + (configurationEntry == null ? CONFIGURATION : COEFFICIENTS) + ")");
        }
        String json = new String(bounded(file, configurationEntry, MAX_CONFIGURATION_BYTES, zip), StandardCharsets.UTF_8);
        requireTrustedClasses(json, zip);
        ComputationGraphConfiguration configuration;
        try {
            configuration = ComputationGraphConfiguration.fromJson(json);
        } catch (RuntimeException e) {
            throw new ModelFileException(zip + ": its " + CONFIGURATION + " is not a network configuration this "
                    + "version of Netwright can read");
        }
        long parameters = parameterCount(configuration, zip);
        requireMemoryFor(parameters, withUpdater, zip);

        byte[] coefficients = bounded(file, coefficientsEntry, arrayBytesLimit(parameters), zip);
        requireArray(coefficients, parameters, parameters, COEFFICIENTS, zip);
        INDArray params = array(coefficients, COEFFICIENTS, zip);
        configuration.setDataType(params.dataType());

        INDArray updaterState = null;
        ZipEntry updaterEntry = entries.get(UPDATER);
        if (withUpdater && updaterEntry != null) {
            long most = parameters * MAX_UPDATER_VALUES_PER_PARAMETER;
            byte[] state = bounded(file, updaterEntry, arrayBytesLimit(most), zip);
            requireArray(state, 0, most, UPDATER, zip);
            updaterState = array(state, UPDATER, zip);
        }
        return new Contents(configuration, params, updaterState);
    }

    /** ND4J's reading of an array whose layout {@link #requireArray} checked; what it still refuses is damage. */
    private static INDArray array(byte[] bytes, String entry, Path zip) throws ModelFileException {
        try {
            return Nd4j.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (RuntimeException e) {
            throw new ModelFileException(zip + ": its " + entry + " is damaged (" + e.getMessage() + ")");
        }
    }

    /** Reads an entry, refusing it as soon as it holds more than {@code limit} bytes, whatever its header claims. */
    private static byte[] bounded(ZipFile file, ZipEntry entry, long limit, Path zip) throws IOException, ModelFileException {
        if (entry.getSize() > limit) {
            throw tooLarge(entry, entry.getSize(), limit, zip);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(entry.getSize(), 0), 1 << 20));
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (InputStream in = file.getInputStream(entry)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > limit) {
                    throw tooLarge(entry, total, limit, zip);
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static ModelFileException tooLarge(ZipEntry entry, long size, long limit, Path zip) {
        return new ModelFileException(String.format(Locale.ROOT, "%s: its entry %s holds more than %,d bytes (at least "
                + "%,d), more than the model it describes can need; the file is damaged or not a model",
                zip, entry.getName(), limit, size));
    }

    private static long arrayBytesLimit(long values) {
        return Math.addExact(Math.multiplyExact(values, 8L), HEADER_SLACK_BYTES);
    }

    /** Every {@code @class} in the configuration must name a class of DL4J, ND4J or Netwright. */
    private static void requireTrustedClasses(String json, Path zip) throws ModelFileException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(zip + ": its " + CONFIGURATION + " is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ModelFileException(zip + ": its " + CONFIGURATION + " is not a network configuration");
        }
        List<JsonNode> pending = new java.util.ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            JsonNode node = pending.remove(pending.size() - 1);
            if (node.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (field.getKey().startsWith("@")) {
                        String value = field.getValue().asText("");
                        if (TRUSTED_PACKAGES.stream().noneMatch(value::startsWith)) {
                            throw new ModelFileException(zip + ": its " + CONFIGURATION + " names the class '"
                                    + printable(value) + "', which is not part of Deeplearning4j or Netwright; the "
                                    + "file is not loaded");
                        }
                    }
                    pending.add(field.getValue());
                }
            } else if (node.isArray()) {
                node.forEach(pending::add);
            }
        }
    }

    private static long parameterCount(ComputationGraphConfiguration configuration, Path zip) throws ModelFileException {
        long total = 0;
        try {
            for (GraphVertex vertex : configuration.getVertices().values()) {
                total = Math.addExact(total, vertex.numParams(true));
            }
        } catch (ArithmeticException e) {
            throw new ModelFileException(zip + ": its configuration describes more parameters than can be counted");
        } catch (RuntimeException e) {
            throw new ModelFileException(zip + ": its configuration cannot be read as a network (" + e.getMessage() + ")");
        }
        return total;
    }

    private static void requireMemoryFor(long parameters, boolean withUpdater, Path zip) throws ModelFileException {
        long values = withUpdater ? parameters * (1 + MAX_UPDATER_VALUES_PER_PARAMETER) : parameters;
        long bytes = values > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : values * 4;
        long available = org.bytedeco.javacpp.Pointer.maxBytes();
        if (available > 0 && bytes > available) {
            throw new ModelFileException(String.format(Locale.ROOT, "%s: the model has %,d parameters, which need "
                    + "about %s of memory to load; this process can hold %s", zip, parameters, dev.netwright.runtime.check.Sizes.bytes(bytes),
                    dev.netwright.runtime.check.Sizes.bytes(available)));
        }
    }

    /**
     * Walks an ND4J array as {@code Nd4j.write} lays it out (a shape-information buffer, then a data buffer; each an
     * allocation mode, a length and a type name before its elements) and checks all of it before {@code Nd4j.read}
     * sees it: it holds between {@code least} and {@code most} values, its shape is a plain contiguous array of exactly
     * that many values (strides that point outside the data would make ND4J read or write memory that is not the
     * array's), its type flags match its data, and it ends where the entry ends.
     */
    private static void requireArray(byte[] bytes, long least, long most, String entry, Path zip) throws ModelFileException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            requireAllocationMode(in.readUTF(), entry, zip);
            long shapeLength = in.readLong();
            if (shapeLength < 4 || shapeLength > MAX_SHAPE_INFO_LONGS || !"LONG".equals(in.readUTF())) {
                throw damaged(entry, zip);
            }
            long[] shapeInfo = new long[(int) shapeLength];
            for (int i = 0; i < shapeInfo.length; i++) {
                shapeInfo[i] = in.readLong();
            }
            requireAllocationMode(in.readUTF(), entry, zip);
            long length = in.readLong();
            String type = in.readUTF();
            Integer elementBytes = ELEMENT_BYTES.get(type);
            if (elementBytes == null || length < least || length > most) {
                throw new ModelFileException(String.format(Locale.ROOT, "%s: its %s holds %,d values of an unexpected "
                        + "type or number where the configuration calls for %,d", zip, entry, length, most));
            }
            requirePlainShape(shapeInfo, length, DataType.valueOf(type), entry, zip);
            in.skipNBytes(length * elementBytes);
            if (in.read() != -1) {
                throw damaged(entry, zip);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw damaged(entry, zip);
        }
    }

    private static void requireAllocationMode(String mode, String entry, Path zip) throws ModelFileException {
        if (!ALLOCATION_MODES.contains(mode)) {
            throw damaged(entry, zip);
        }
    }

    /** {@code [rank, shape…, strides…, type flags, element-wise stride, order]}, contiguous in C or F order. */
    private static void requirePlainShape(long[] info, long length, DataType type, String entry, Path zip)
            throws ModelFileException {
        long rank = info[0];
        if (rank < 0 || info.length != 2 * rank + 4) {
            throw damaged(entry, zip);
        }
        int r = (int) rank;
        long values = 1;
        for (int d = 0; d < r; d++) {
            long dimension = info[1 + d];
            if (dimension < 0 || (dimension > 0 && values > Long.MAX_VALUE / dimension)) {
                throw damaged(entry, zip);
            }
            values *= dimension;
        }
        long order = info[info.length - 1];
        long elementWiseStride = info[info.length - 2];
        long flags = info[info.length - 3];
        if (values != length || (order != 'c' && order != 'f') || elementWiseStride != 1
                || flags != ArrayOptionsHelper.setOptionBit(0L, type)) {
            throw damaged(entry, zip);
        }
        long stride = 1;
        for (int i = 0; i < r; i++) {
            int d = order == 'c' ? r - 1 - i : i; // the fastest-moving axis first
            if (info[1 + r + d] != stride && info[1 + d] != 1) {
                throw damaged(entry, zip);
            }
            stride *= info[1 + d];
        }
    }

    private static ModelFileException damaged(String entry, Path zip) {
        return new ModelFileException(zip + ": its " + entry + " is damaged (it does not hold one whole array)");
    }

    /** A name from a file, safe to put in a message: control characters escaped, long names cut. */
    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        StringBuilder out = new StringBuilder();
        cut.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
