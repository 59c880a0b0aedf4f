package dev.netwright.app.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.runtime.design.AtomicFiles;
import dev.netwright.runtime.design.Design;
import dev.netwright.runtime.design.DesignFormatException;
import dev.netwright.runtime.format.DesignJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The recovery copy of the open design: written now and then while there are unsaved changes, cleared on
 * a clean save or quit, so whatever is left at start-up is what a crashed session had not saved.
 * Methods may be called from any thread; they block on disk I/O, so keep them off the UI thread.
 */
public final class Autosave {
    static final String DESIGN_FILE = "recovery" + ProjectFiles.DEFAULT_EXTENSION;
    static final String META_FILE = "recovery.meta.json";
    static final String BROKEN_SUFFIX = ".broken";

    private static final Logger LOG = LoggerFactory.getLogger(Autosave.class);
    private static final int META_VERSION = 1;
    private static final String DESIGN_HASH = "designSha256";

    private final Path designFile;
    private final Path metaFile;
    private final DesignJson json;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    public Autosave(Path recoveryDir) {
        this(recoveryDir, new DesignJson(), Clock.systemUTC());
    }

    Autosave(Path recoveryDir, DesignJson json, Clock clock) {
        Objects.requireNonNull(recoveryDir, "recoveryDir");
        this.designFile = recoveryDir.resolve(DESIGN_FILE);
        this.metaFile = recoveryDir.resolve(META_FILE);
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Writes the recovery copy atomically, replacing the previous one: the design first, then the metadata, which
     * names the design's hash. A failure (a full disk) or a crash between the two leaves the previous pair whole, or
     * a new design beside metadata that does not match it, which {@link #pending()} moves aside rather than offer
     * under the previous copy's file and time.
     */
    public synchronized void write(Design design, Path originalFileOrNull) throws IOException {
        Objects.requireNonNull(design, "design");
        byte[] designBytes = json.write(design).getBytes(StandardCharsets.UTF_8);
        ObjectNode meta = mapper.createObjectNode();
        meta.put("formatVersion", META_VERSION);
        meta.put("originalFile", originalFileOrNull == null ? null
                : originalFileOrNull.toAbsolutePath().normalize().toString());
        meta.put("savedAt", clock.instant().toString());
        meta.put("designName", design.name());
        meta.put(DESIGN_HASH, sha256(designBytes));
        AtomicFiles.write(designFile, designBytes);
        AtomicFiles.write(metaFile, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
    }

    /**
     * What a previous session left unsaved, if anything. A recovery copy that cannot be read is moved
     * aside to {@code *.broken} (kept for the user to inspect) with a logged warning, and gives empty.
     */
    public synchronized Optional<Recovery> pending() {
        boolean hasDesign = Files.exists(designFile);
        boolean hasMeta = Files.exists(metaFile);
        if (!hasDesign && !hasMeta) {
            return Optional.empty();
        }
        try {
            if (!hasDesign) {
                throw new IOException("the metadata has no design beside it (a session ended while writing or clearing it)");
            }
            if (!hasMeta) {
                throw new IOException("the design has no metadata beside it");
            }
            return Optional.of(read());
        } catch (IOException | DesignFormatException | RuntimeException e) {
            LOG.warn("Cannot use the recovery copy in {}; moving it aside to *{}: {}",
                    designFile.getParent(), BROKEN_SUFFIX, e.getMessage());
            moveAside();
            return Optional.empty();
        }
    }

    /**
     * Whether a whole recovery copy (design and metadata) is on disk, without reading or moving anything: safe to
     * ask while another {@code Autosave} on the same folder writes (where {@link #pending()} could take a copy
     * caught between its two files for a broken one and move it aside).
     */
    public boolean holdsCopy() {
        return Files.exists(designFile) && Files.exists(metaFile);
    }

    /** Removes the recovery copy; call after a clean save or quit, or once the user accepted or declined it. */
    public synchronized void clear() throws IOException {
        // Design first: metadata alone is never offered, so a failure in between leaves nothing to recover.
        Files.deleteIfExists(designFile);
        Files.deleteIfExists(metaFile);
    }

    private Recovery read() throws IOException, DesignFormatException {
        JsonNode meta = mapper.readTree(Files.readString(metaFile, StandardCharsets.UTF_8));
        if (meta == null || !meta.isObject()) {
            throw new IOException(metaFile + ": not a JSON object");
        }
        JsonNode savedAt = meta.get("savedAt");
        if (savedAt == null || !savedAt.isTextual()) {
            throw new IOException(metaFile + ": field 'savedAt' is missing or not text");
        }
        JsonNode original = meta.get("originalFile");
        if (original != null && !original.isNull() && !original.isTextual()) {
            throw new IOException(metaFile + ": field 'originalFile' must be text or null");
        }
        Instant at;
        try {
            at = Instant.parse(savedAt.asText());
        } catch (DateTimeParseException e) {
            throw new IOException(metaFile + ": field 'savedAt' is not an instant: " + savedAt.asText(), e);
        }
        String designText = json.readText(designFile);
        JsonNode hash = meta.get(DESIGN_HASH);
        // Metadata written before the hash was added has none; it is taken as it is.
        if (hash != null && !hash.asText().equals(sha256(designText.getBytes(StandardCharsets.UTF_8)))) {
            throw new IOException(metaFile + ": describes another copy of the design than the one beside it"
                    + " (a session ended between writing the two)");
        }
        Design design = json.read(designText, designFile.toString());
        Path originalFile = original == null || original.isNull() ? null : Path.of(original.asText());
        return new Recovery(design, originalFile, at);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private void moveAside() {
        for (Path file : new Path[] {designFile, metaFile}) {
            try {
                if (Files.exists(file)) {
                    Files.move(file, file.resolveSibling(file.getFileName() + BROKEN_SUFFIX),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                LOG.warn("Cannot move the broken recovery file {} aside ({})", file, e.toString());
            }
        }
    }
}
