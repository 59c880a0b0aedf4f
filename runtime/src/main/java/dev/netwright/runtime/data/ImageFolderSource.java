package dev.netwright.runtime.data;

import dev.netwright.runtime.layers.Shape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code images:DIR}: one sub-folder per class (class names = folder names, sorted), PNG or JPEG files (also GIF
 * and BMP, which ImageIO reads too), resized to the Input's height × width and read as grayscale or RGB by its
 * channels. Hidden files and files with other extensions are skipped.
 */
final class ImageFolderSource {
    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderSource.class);
    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp");
    /** The largest image decoded: a phone camera's photo is 12 to 50 megapixels. */
    static final long MAX_PIXELS = 50_000_000;
    /** The decoded image (up to 8 bytes a pixel for 16-bit RGBA) and its RGB copy (4). */
    private static final int DECODING_BYTES_PER_PIXEL = 8 + 4;

    private ImageFolderSource() {
    }

    static TrainValidation open(Path dir, Shape input, long seed, double validationFraction) throws DataException {
        Split.checkFraction(validationFraction);
        int[] hwc = targetShape(input);
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": not a folder (images:DIR names a folder with one sub-folder of images per class)");
        }
        List<Path> classDirs = list(dir).stream().filter(Files::isDirectory).toList();
        if (classDirs.size() < 2) {
            throw new DataException(dir + ": " + (classDirs.isEmpty() ? "no class folders" : "only one class folder ("
                    + classDirs.get(0).getFileName() + ")") + "; put the images of each class in a sub-folder named "
                    + "after the class, at least 2 classes");
        }
        List<String> classNames = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path classDir : classDirs) {
            List<Path> images = imageFiles(classDir);
            if (images.isEmpty()) {
                throw new DataException(classDir + ": no PNG or JPEG images in this class folder");
            }
            for (Path image : images) {
                files.add(image);
                labels.add(classNames.size());
            }
            classNames.add(classDir.getFileName().toString());
        }
        int length = hwc[0] * hwc[1] * hwc[2];
        if ((long) files.size() * length > Integer.MAX_VALUE - 8) {
            throw new DataException(dir + ": " + files.size() + " images of " + hwc[0] + "×" + hwc[1] + "×" + hwc[2]
                    + " are too many to hold in memory");
        }
        HeapRoom heap = HeapRoom.ofThisProcess();
        heap.require((long) files.size() * length * Float.BYTES, dir + ": holding " + Texts.count(files.size())
                + " images of " + hwc[0] + "×" + hwc[1] + "×" + hwc[2]);
        float[] features = new float[files.size() * length];
        for (int i = 0; i < files.size(); i++) {
            ImagePixels.write(decode(files.get(i), heap), hwc[0], hwc[1], hwc[2], features, i * length);
        }
        LOG.info("Read {} images in {} classes from {}", files.size(), classNames.size(), dir);
        Examples all = new Examples(features, labels.stream().mapToInt(Integer::intValue).toArray(), hwc[0], hwc[1],
                hwc[2], classNames);
        String detail = classNames.size() + " classes, resized to " + hwc[0] + "×" + hwc[1]
                + (hwc[2] == 1 ? " grayscale" : " RGB") + "; ";
        return Split.stratified(all, seed, validationFraction, "Images in " + dir, "images", detail);
    }

    /** Height, width and channels to read images as: an image Input's own, or one grayscale row per sequence step. */
    static int[] targetShape(Shape input) throws DataException {
        if (input instanceof Shape.Image image) {
            if (image.channels() != 1 && image.channels() != 3) {
                throw new DataException("Images can be read with 1 channel (grayscale) or 3 (RGB), but the design's "
                        + "Input has " + image.channels() + " channels");
            }
            return new int[] {image.height(), image.width(), image.channels()};
        }
        if (input instanceof Shape.Sequence seq) {
            return new int[] {seq.steps(), seq.features(), 1};
        }
        throw new DataException("An image folder needs a design whose Input is an image or a sequence (rows), but "
                + "the design's Input is " + input.describe());
    }

    /**
     * Reads the size from the file's header first and refuses an image over {@link #MAX_PIXELS} or one whose
     * decoding would not fit the heap, before any pixel is decoded: a PNG of a few hundred kilobytes can hold
     * 20000×20000 pixels.
     */
    static BufferedImage decode(Path file, HeapRoom heap) throws DataException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new DataException(file + ": not a readable image (no PNG or JPEG data found)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                long pixels = (long) width * height;
                if (pixels > MAX_PIXELS) {
                    throw new DataException(file + " is " + width + "×" + height + " pixels, more than the "
                            + MAX_PIXELS / 1_000_000 + "-megapixel limit");
                }
                heap.require(pixels * DECODING_BYTES_PER_PIXEL, file + ": decoding its " + width + "×" + height
                        + " pixels", "");
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new DataException(file + ": not a readable image (" + Texts.reason(e, "the file ends early") + ")", e);
        } catch (RuntimeException e) {
            // ImageIO throws runtime exceptions of its own on some corrupt files; their messages are no help
            throw new DataException(file + ": not a readable image (the image data is corrupt or of a kind that "
                    + "cannot be read)", e);
        }
    }

    /** The image files in {@code classDir}; one with an image extension that is not a regular file is refused. */
    private static List<Path> imageFiles(Path classDir) throws DataException {
        List<Path> images = new ArrayList<>();
        for (Path p : list(classDir)) {
            if (hasImageExtension(p) && !Files.isDirectory(p)) {
                DataFiles.requireRegularFile(p); // a pipe named like an image would block the decoder
                images.add(p);
            } else {
                LOG.debug("Skipping {}: not an image file", p);
            }
        }
        return images;
    }

    private static boolean hasImageExtension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Entries sorted by name, hidden ones left out, so that class indices do not depend on the file system. */
    private static List<Path> list(Path dir) throws DataException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new DataException(dir + ": cannot be listed (" + Texts.reason(e, "a read error") + ")", e);
        }
    }
}
