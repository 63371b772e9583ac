package org.adminprovisioning.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How an import file is read: the CSV shapes spreadsheets and scripts write, and the JSON body. */
class ImportFileTests {

    private static List<ImportLine> csv(String text) {
        return ImportFile.csv(text, 10_000);
    }

    @Test
    void aPlainFile_givesOneRowPerLine_numberedAsTheFileIs() {
        assertThat(csv("email\na@example.com\nb@example.com\n")).containsExactly(
                new ImportLine(2, "a@example.com"), new ImportLine(3, "b@example.com"));
    }

    @Test
    void aByteOrderMark_andCrlfLineEnds_areRead() {
        assertThat(csv("\uFEFFemail\r\na@example.com\r\nb@example.com")).containsExactly(
                new ImportLine(2, "a@example.com"), new ImportLine(3, "b@example.com"));
    }

    @Test
    void blankLines_areSkipped_butLineNumbersStayThoseOfTheFile() {
        assertThat(csv("email\n\na@example.com\n   \n\r\nb@example.com\n\n")).containsExactly(
                new ImportLine(3, "a@example.com"), new ImportLine(6, "b@example.com"));
    }

    @Test
    void quotedFields_withCommasQuotesAndLineBreaks_areOneField() {
        List<ImportLine> lines = csv("name,\"email\",note\n"
                + "\"Doe, Ann\",\"ann@example.com\",\"said \"\"hi\"\"\"\n"
                + "Bob,bob@example.com,\"two\nlines\"\n"
                + "Cy,\" cy@example.com \",\n");

        assertThat(lines).containsExactly(new ImportLine(2, "ann@example.com"), new ImportLine(3, "bob@example.com"),
                new ImportLine(5, "cy@example.com"));
    }

    @Test
    void theEmailColumn_isFoundByName_inAnyLetterCase_andAShortRowHasNoEmail() {
        assertThat(csv("First,Last, Email \nAnn,Doe,ann@example.com\nBob\n")).containsExactly(
                new ImportLine(2, "ann@example.com"), new ImportLine(3, ""));
    }

    @Test
    void duplicateRows_areKept_forTheImportToReport() {
        assertThat(csv("email\na@example.com\nA@Example.com\na@example.com\n")).extracting(ImportLine::email)
                .containsExactly("a@example.com", "A@Example.com", "a@example.com");
    }

    @Test
    void aFileWithoutAnEmailHeader_isRefused() {
        assertThatThrownBy(() -> csv("a@example.com\nb@example.com\n")).isInstanceOfSatisfying(
                ImportRefusedException.class, e -> assertThat(e.refusal()).isEqualTo(ImportRefusal.UNREADABLE_FILE))
                .hasMessageContaining("header naming an email column");
        assertThatThrownBy(() -> csv("")).isInstanceOf(ImportRefusedException.class);
        assertThatThrownBy(() -> csv("email\n\n")).isInstanceOf(ImportRefusedException.class)
                .hasMessageContaining("no rows");
    }

    @Test
    void anUnclosedQuote_isRefused_namingItsLine() {
        assertThatThrownBy(() -> csv("email\na@example.com\n\"b@example.com\n")).isInstanceOf(ImportRefusedException.class)
                .hasMessageContaining("line 3");
    }

    @Test
    void tenThousandRows_areTaken_andOneMoreIsRefused() {
        StringBuilder file = new StringBuilder("email\n");
        for (int i = 0; i < 10_000; i++) {
            file.append("user").append(i).append("@example.com\n");
        }
        assertThat(csv(file.toString())).hasSize(10_000);

        file.append("one.too.many@example.com\n");
        assertThatThrownBy(() -> csv(file.toString())).isInstanceOfSatisfying(ImportRefusedException.class,
                e -> assertThat(e.refusal()).isEqualTo(ImportRefusal.TOO_MANY_ROWS))
                .hasMessageContaining("at most 10000 rows; this one has 10001");
    }

    @Test
    void aJsonBody_numbersItsEmailsFromOne() {
        List<String> emails = new ArrayList<>(List.of(" a@example.com ", "b@example.com"));
        emails.add(null);

        assertThat(ImportFile.json(emails, 10)).containsExactly(new ImportLine(1, "a@example.com"),
                new ImportLine(2, "b@example.com"), new ImportLine(3, ""));
        assertThatThrownBy(() -> ImportFile.json(null, 10)).isInstanceOf(ImportRefusedException.class);
        assertThatThrownBy(() -> ImportFile.json(List.of("a@x.io", "b@x.io"), 1)).isInstanceOfSatisfying(
                ImportRefusedException.class, e -> assertThat(e.refusal()).isEqualTo(ImportRefusal.TOO_MANY_ROWS));
    }
}
