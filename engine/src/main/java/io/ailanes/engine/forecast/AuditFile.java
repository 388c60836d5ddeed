package io.ailanes.engine.forecast;

import java.nio.file.Path;

/** One past build's {@code audit.jsonl}, with the name a forecast calls it by (a path, or {@code #42}). */
public record AuditFile(String name, Path file) {

    public static AuditFile of(Path file) {
        return new AuditFile(file.toString(), file);
    }
}
