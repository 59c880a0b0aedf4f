package dev.netwright.app.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.runtime.design.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The most recently opened or saved designs, newest first, kept in a small JSON file. The list is a
 * convenience: a corrupt or unwritable store is logged and worked around, never thrown at the caller.
 */
public final class RecentFiles {
    public static final int MAX_ENTRIES = 10;

    private static final Logger LOG = LoggerFactory.getLogger(RecentFiles.class);
    private static final int FORMAT_VERSION = 1;

    private final Path store;
    private final ObjectMapper mapper = new ObjectMapper();

    public RecentFiles(Path store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Recent designs that still exist, newest first. */
    public synchronized List<Path> list() {
        return read().stream().filter(Files::isRegularFile).toList();
    }

    /** Puts a design at the front; a path already listed (compared absolute and normalised) moves there. */
    public synchronized void add(Path designFile) {
        Path entry = key(designFile);
        List<Path> entries = new ArrayList<>(read());
        entries.remove(entry);
        entries.add(0, entry);
        // Entries that vanished are kept (a drive may come back) but count towards the limit.
        write(entries.subList(0, Math.min(entries.size(), MAX_ENTRIES)));
    }

    public synchronized void remove(Path designFile) {
        List<Path> entries = new ArrayList<>(read());
        if (entries.remove(key(designFile))) {
            write(entries);
        }
    }

    public synchronized void clear() {
        write(List.of());
    }

    private static Path key(Path designFile) {
        return Objects.requireNonNull(designFile, "designFile").toAbsolutePath().normalize();
    }

    private List<Path> read() {
        String text;
        try {
            text = Files.readString(store, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            LOG.warn("Cannot read the recent-files list {}; showing none ({})", store, e.toString());
            return List.of();
        }
        try {
            JsonNode files = mapper.readTree(text).get("files");
            if (files == null || !files.isArray()) {
                throw new IOException("no \"files\" array");
            }
            List<Path> entries = new ArrayList<>();
            for (JsonNode file : files) {
                if (!file.isTextual()) {
                    throw new IOException("an entry is not a string: " + file);
                }
                Path entry = key(Path.of(file.asText()));
                if (!entries.contains(entry)) {
                    entries.add(entry);
                }
            }
            return entries;
        } catch (IOException | InvalidPathException e) {
            LOG.warn("Ignoring the corrupt recent-files list {}; it will be rewritten on the next change ({})",
                    store, e.toString());
            return List.of();
        }
    }

    private void write(List<Path> entries) {
        ObjectNode root = mapper.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        ArrayNode files = root.putArray("files");
        entries.forEach(p -> files.add(p.toString()));
        try {
            AtomicFiles.write(store, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            LOG.warn("Cannot write the recent-files list {} ({})", store, e.toString());
        }
    }
}
