package io.ailanes.sharedlib

import java.nio.file.Files
import java.nio.file.Path

/** The fenced code blocks of the project's Markdown: README.md and docs/*.md. */
final class MarkdownBlocks {

    /** One fenced block: where it is, its language and its text. */
    static final class Block {
        final String file
        final int number
        final int line
        final String language
        final String text

        Block(String file, int number, int line, String language, String text) {
            this.file = file
            this.number = number
            this.line = line
            this.language = language
            this.text = text
        }

        /** How a failure names the block: file, the block's number among its language's blocks, and its line. */
        @Override
        String toString() {
            "$file, $language block $number (line $line)"
        }
    }

    private MarkdownBlocks() {}

    /** README.md and every docs/*.md, sorted by name. */
    static List<Path> documents(Path root) {
        List<Path> docs = root.resolve('docs').toFile().listFiles().findAll { it.name.endsWith('.md') }
                .collect { it.toPath() }.sort()
        return [root.resolve('README.md')] + docs
    }

    /** Every block in {@code language} (the first word of the fence's info string) of every document. */
    static List<Block> all(Path root, String language) {
        documents(root).collectMany { blocks(root, it, language) }
    }

    /** The blocks in {@code language} of one document, numbered from 1 in order. */
    static List<Block> blocks(Path root, Path document, String language) {
        String name = root.relativize(document).toString()
        List<String> lines = Files.readAllLines(document, java.nio.charset.StandardCharsets.UTF_8)
        List<Block> found = []
        String fence = null
        String blockLanguage = null
        int start = 0
        List<String> text = []
        lines.eachWithIndex { String line, int i ->
            if (fence == null) {
                def opening = line =~ /^\s{0,3}(`{3,}|~{3,})\s*([^\s`]*)/
                if (opening.find()) {
                    fence = opening.group(1)
                    blockLanguage = opening.group(2)
                    start = i + 1
                    text = []
                }
            } else if (line.trim().startsWith(fence) && line.trim().replace(fence.substring(0, 1), '').isEmpty()) {
                if (blockLanguage == language) {
                    found << new Block(name, found.size() + 1, start, language, text.join('\n') + '\n')
                }
                fence = null
            } else {
                text << line
            }
        }
        return found
    }
}
