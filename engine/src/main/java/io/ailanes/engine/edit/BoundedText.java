package io.ailanes.engine.edit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The one read of a text file a step takes as input (a task, a plan, a diff): at most a given number of bytes, and
 * strict UTF-8, so a huge or binary file fails with a message naming it instead of filling memory or the prompt.
 * The CLI reads local files with it, the Jenkins plugin the agent's workspace files.
 */
public final class BoundedText {

    private BoundedText() {}

    /**
     * The file's text.
     *
     * @param shownAs how messages name the file (the path the user gave)
     * @param options {@link LinkOption#NOFOLLOW_LINKS} where a link must not lead out of a workspace
     * @throws IOException when it is larger than {@code maxBytes} or not UTF-8 text, saying which
     */
    public static String read(Path file, String shownAs, int maxBytes, LinkOption... options) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, options)) {
            bytes = in.readNBytes(maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            throw new IOException(shownAs + " is larger than " + maxBytes + " bytes");
        }
        String text = TextRules.decode(bytes);
        if (text == null) {
            throw new IOException(shownAs + " is not UTF-8 text");
        }
        return text;
    }
}
