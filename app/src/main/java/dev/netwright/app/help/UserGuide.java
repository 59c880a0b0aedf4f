package dev.netwright.app.help;

import dev.netwright.runtime.design.AtomicFiles;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The user guide (docs/guide.md, in the app's jar with the screenshots it shows) as a web page: written as
 * {@code index.html} with its images into a folder of the app's, for the desktop's browser to open. Plain files,
 * so it reads the same in any browser and offline; written again on every opening, so it is the running version's.
 */
public final class UserGuide {
    /** The guide and its images inside the jar (the app's POM copies them from docs/). */
    static final String RESOURCES = "/dev/netwright/app/help/guide/";
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final String STYLE = """
            body { font-family: sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #222; }
            img { max-width: 100%; border: 1px solid #ccc; }
            code { background: #f4f4f4; padding: 0 .2em; }
            pre { background: #f4f4f4; padding: .6em; overflow-x: auto; }
            table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .2em .5em; text-align: left; }
            """;

    private UserGuide() {
    }

    /** Writes the guide into {@code folder} (created if needed) and returns its page. Not on the FX thread. */
    public static Path writeTo(Path folder) throws IOException {
        String markdown = new String(resource("guide.md"), StandardCharsets.UTF_8);
        Node document = Parser.builder().extensions(EXTENSIONS).build().parse(markdown);
        Files.createDirectories(folder);
        for (String image : images(document)) {
            Path target = folder.resolve(image).normalize();
            if (!target.startsWith(folder)) {
                throw new IOException("the guide names an image outside its folder: " + image);
            }
            Files.createDirectories(target.getParent());
            AtomicFiles.write(target, resource(image));
        }
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Netwright user guide</title>"
                + "<style>" + STYLE + "</style></head><body>\n"
                + HtmlRenderer.builder().extensions(EXTENSIONS).build().render(document) + "</body></html>\n";
        Path page = folder.resolve("index.html");
        AtomicFiles.write(page, html.getBytes(StandardCharsets.UTF_8));
        return page;
    }

    /** The images the guide shows, as paths relative to it (images/…), in order. */
    static Set<String> images(Node document) {
        Set<String> found = new LinkedHashSet<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                found.add(image.getDestination());
                visitChildren(image);
            }
        });
        return found;
    }

    /** The guide's markdown, parsed (for the tests). */
    static Node parsed() {
        return Parser.builder().extensions(EXTENSIONS).build().parse(new String(resource("guide.md"), StandardCharsets.UTF_8));
    }

    private static byte[] resource(String name) {
        try (InputStream in = UserGuide.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the user guide's " + name + " is missing from this build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
