package org.adminprovisioning.bulkimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the emails of an import: a CSV file (RFC 4180: a header line naming an {@code email} column,
 * quoted fields with doubled quotes, commas and line breaks inside quotes, CRLF or LF line ends, a
 * UTF-8 byte order mark) or the {@code emails} array of a JSON body. Blank lines are skipped; every
 * other line is a row, whatever its email looks like (a bad one is reported as that row's outcome).
 */
final class ImportFile {

    private ImportFile() {
    }

    /**
     * @throws ImportRefusedException {@code UNREADABLE_FILE} without an {@code email} header, without rows or
     *                                with an unclosed quote; {@code TOO_MANY_ROWS} over {@code maxRows}
     */
    static List<ImportLine> csv(String body, int maxRows) {
        List<Record> records = records(body.startsWith("\uFEFF") ? body.substring(1) : body);
        if (records.isEmpty()) {
            throw unreadable("The file is empty: its first line must be a header naming an email column");
        }
        Record header = records.get(0);
        int column = -1;
        for (int i = 0; i < header.fields.size(); i++) {
            if ("email".equals(header.fields.get(i).trim().toLowerCase(Locale.ROOT))) {
                column = i;
                break;
            }
        }
        if (column < 0) {
            throw unreadable("The first line must be a header naming an email column (e.g. \"email\"), was: "
                    + abbreviate(String.join(",", header.fields)));
        }
        List<ImportLine> lines = new ArrayList<>();
        for (Record record : records.subList(1, records.size())) {
            String email = column < record.fields.size() ? record.fields.get(column).trim() : "";
            lines.add(new ImportLine(record.line, email));
        }
        return checked(lines, maxRows);
    }

    /** The {@code emails} of a JSON body, numbered from 1. */
    static List<ImportLine> json(List<String> emails, int maxRows) {
        if (emails == null) {
            throw unreadable("The body must be {\"emails\": [...]}");
        }
        List<ImportLine> lines = new ArrayList<>();
        for (int i = 0; i < emails.size(); i++) {
            lines.add(new ImportLine(i + 1, emails.get(i) == null ? "" : emails.get(i).trim()));
        }
        return checked(lines, maxRows);
    }

    private static List<ImportLine> checked(List<ImportLine> lines, int maxRows) {
        if (lines.isEmpty()) {
            throw unreadable("The import has no rows");
        }
        if (lines.size() > maxRows) {
            throw new ImportRefusedException(ImportRefusal.TOO_MANY_ROWS, "An import takes at most " + maxRows
                    + " rows; this one has " + lines.size() + ". Split it into several imports.");
        }
        return lines;
    }

    /** A CSV record: its fields and the line it starts on. Blank lines make no record. */
    private record Record(int line, List<String> fields) {
    }

    private static List<Record> records(String text) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        int recordLine = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && field.toString().isBlank()) {
                quoted = true;
                fieldStarted = true;
                field.setLength(0);
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\r' || c == '\n') {
                endRecord(records, fields, field, fieldStarted, recordLine);
                fields = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                line++;
                recordLine = line;
            } else {
                field.append(c);
                fieldStarted = fieldStarted || !Character.isWhitespace(c);
            }
            i++;
        }
        if (quoted) {
            throw unreadable("A quoted field that starts on line " + recordLine + " is never closed");
        }
        endRecord(records, fields, field, fieldStarted, recordLine);
        return records;
    }

    private static void endRecord(List<Record> records, List<String> fields, StringBuilder field, boolean started,
            int line) {
        if (!started && fields.isEmpty()) {
            return; // a blank line
        }
        fields.add(field.toString());
        records.add(new Record(line, List.copyOf(fields)));
    }

    private static ImportRefusedException unreadable(String message) {
        return new ImportRefusedException(ImportRefusal.UNREADABLE_FILE, message);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
