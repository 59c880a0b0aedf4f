package dev.netwright.runtime.format;

import dev.netwright.runtime.design.DesignFormatException;
import dev.netwright.runtime.design.RegularFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;

/**
 * The text of a design file, read only after the path is found to be a regular file of at most
 * {@link DesignJson#MAX_FILE_BYTES}: a pipe, a device or a huge file would hang the reader or exhaust memory.
 */
final class DesignFileText {
    private DesignFileText() {
    }

    /** Refuses what is missing, not a regular file (links followed) or too large, without opening it. */
    static void check(Path file) throws IOException, DesignFormatException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new DesignFormatException(file + ": no such file");
        }
        if (attributes.isDirectory()) {
            throw new DesignFormatException(file + ": is a folder, not a design file");
        }
        if (!attributes.isRegularFile()) {
            throw new DesignFormatException(file + ": is not a regular file (" + RegularFiles.kindOf(file) + ")");
        }
        if (attributes.size() > DesignJson.MAX_FILE_BYTES) {
            Optional<String> other = OtherFormats.ofFile(file);
            if (other.isPresent()) {
                throw OtherFormats.refusal(file.toString(), other.get());
            }
            throw tooLarge(file, bytesInWords(attributes.size()));
        }
    }

    static String read(Path file) throws IOException, DesignFormatException {
        check(file);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) DesignJson.MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new DesignFormatException(file + ": no such file");
        }
        if (bytes.length > DesignJson.MAX_FILE_BYTES) {
            throw tooLarge(file, "more than " + bytesInWords(DesignJson.MAX_FILE_BYTES)); // it grew after the check
        }
        Optional<String> model = OtherFormats.ofBytes(bytes, file); // a design never starts like these
        if (model.isPresent()) {
            throw OtherFormats.refusal(file.toString(), model.get());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            Optional<String> other = OtherFormats.ofFile(file);
            if (other.isPresent()) {
                throw OtherFormats.refusal(file.toString(), other.get());
            }
            throw new DesignFormatException(file + ": not a text file (invalid UTF-8)");
        }
    }

    private static DesignFormatException tooLarge(Path file, String size) {
        return new DesignFormatException(file + ": is too large for a design file (" + size + "; the limit is "
                + bytesInWords(DesignJson.MAX_FILE_BYTES) + ")");
    }

    /** "812 bytes", "1.5 KiB", "32 MiB", "3 GiB": one decimal at most, none when it is zero. */
    static String bytesInWords(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = String.format(Locale.ROOT, "%.1f", value);
        return (number.endsWith(".0") ? number.substring(0, number.length() - 2) : number) + " " + units[unit];
    }
}
