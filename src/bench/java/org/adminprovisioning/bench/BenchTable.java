package org.adminprovisioning.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The bench's figures, each with its target and whether it was met; printed as a table, written as JSON. */
final class BenchTable {

    /** One figure. {@code met} is null for a figure that only informs (no target of its own). */
    record Row(String id, String figure, String value, String target, Boolean met) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    synchronized void add(String id, String figure, String value, String target, Boolean met) {
        rows.add(new Row(id, figure, value, target, met));
        System.out.println("bench: " + id + " " + figure + " = " + value + (target.isEmpty() ? "" : " (target " + target
                + ": " + (met == null ? "-" : met ? "met" : "NOT met") + ")"));
    }

    synchronized void note(String note) {
        notes.add(note);
        System.out.println("bench: note: " + note);
    }

    synchronized String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| | figure | measured | target | met |\n|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.id()).append(" | ").append(row.figure()).append(" | ").append(row.value())
                    .append(" | ").append(row.target()).append(" | ")
                    .append(row.met() == null ? "" : row.met() ? "met" : "**not met**").append(" |\n");
        }
        return out.toString();
    }

    synchronized void write(Path directory, String machine) throws IOException {
        Files.createDirectories(directory);
        StringBuilder json = new StringBuilder("{\n  \"generatedAt\": \"").append(Instant.now())
                .append("\",\n  \"machine\": \"").append(escape(machine)).append("\",\n  \"figures\": [\n");
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            json.append(String.format(Locale.ROOT,
                    "    {\"id\": \"%s\", \"figure\": \"%s\", \"value\": \"%s\", \"target\": \"%s\", \"met\": %s}%s%n",
                    escape(row.id()), escape(row.figure()), escape(row.value()), escape(row.target()),
                    row.met() == null ? "null" : row.met(), i + 1 < rows.size() ? "," : ""));
        }
        json.append("  ],\n  \"notes\": [");
        for (int i = 0; i < notes.size(); i++) {
            json.append(i == 0 ? "\n" : ",\n").append("    \"").append(escape(notes.get(i))).append('"');
        }
        json.append(notes.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        Files.writeString(directory.resolve("bench.json"), json);
        String markdown = "Machine: " + machine + "\n\n" + markdown()
                + (notes.isEmpty() ? "" : "\n" + String.join("\n", notes.stream().map(n -> "- " + n).toList()) + "\n");
        Files.writeString(directory.resolve("bench.md"), markdown);
        System.out.println("\n" + markdown);
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
