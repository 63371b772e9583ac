package org.adminprovisioning.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTests {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', ignoreLeadingAndTrailingWhitespace = false, value = {
            "new.admin@example.com|new.admin@example.com",
            "New.Admin@Example.COM|new.admin@example.com",
            "  new.admin@example.com  |new.admin@example.com",
            "\tANN@EXAMPLE.ORG\t|ann@example.org",
            "o'brien+admins@mail.example.co.uk|o'brien+admins@mail.example.co.uk",
            "a_b-c@sub-domain.example.io|a_b-c@sub-domain.example.io",
            "x@e.co|x@e.co"})
    void of_trimsAndLowerCases(String raw, String normalized) {
        assertThat(EmailAddress.of(raw).value()).isEqualTo(normalized);
        assertThat(EmailAddress.of(raw)).isEqualTo(EmailAddress.of(normalized));
        assertThat(EmailAddress.of(raw)).hasToString(normalized);
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void of_requiresAnAddress(String raw) {
        assertThatThrownBy(() -> EmailAddress.of(raw)).isInstanceOf(InvalidEmailException.class)
                .hasMessage("An email address is required");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
            "not-an-email",
            "@example.com",
            "ann@",
            "ann@example",
            "ann@@example.com",
            "ann example@example.com",
            "ann@exa mple.com",
            ".ann@example.com",
            "an..n@example.com",
            "ann@-example.com",
            "ann@example-.com",
            "ann@example..com",
            "ann@example.com.",
            "\"quoted\"@example.com",
            "ann@[127.0.0.1]",
            "ann@exämple.com",
            "ann<script>@example.com"})
    void of_refusesWhatIsNoAddress(String raw) {
        assertThatThrownBy(() -> EmailAddress.of(raw)).isInstanceOf(InvalidEmailException.class)
                .hasMessageContaining("is not a valid email address");
    }

    @Test
    void of_refusesALocalPartLongerThan64Characters() {
        String local64 = "a".repeat(64);
        assertThat(EmailAddress.of(local64 + "@example.com").value()).startsWith(local64);
        assertThatThrownBy(() -> EmailAddress.of(local64 + "a@example.com")).isInstanceOf(InvalidEmailException.class);
    }

    @Test
    void of_refusesAnAddressLongerThan254Characters_andAbbreviatesItInTheMessage() {
        String label = "a".repeat(63);
        String address = "ann@" + String.join(".", label, label, label, label) + ".com";
        assertThat(address).hasSizeGreaterThan(254);

        assertThatThrownBy(() -> EmailAddress.of(address)).isInstanceOf(InvalidEmailException.class)
                .hasMessageContaining("…")
                .hasMessageNotContaining(address);
    }

    @Test
    void constructor_refusesAValueThatIsNotNormalized() {
        assertThatThrownBy(() -> new EmailAddress("Ann@Example.com")).isInstanceOf(InvalidEmailException.class);
        assertThatThrownBy(() -> new EmailAddress(null)).isInstanceOf(InvalidEmailException.class);
    }
}
