package dev.tailboard.logs;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '~', quoteCharacter = '"', textBlock = """
            plain text                                   ~ plain text
            "\u001b[1;31mERROR\u001b[m failed"            ~ ERROR failed
            10%\r55%\r100% done                          ~ 100% done
            abcdef\rXY                                   ~ XYcdef
            abcdef\rXY\u001b[K                           ~ XY
            "\u001b[0Ksection_start:1:prep\r\u001b[0K\u001b[36;1mPreparing\u001b[0;m" ~ Preparing
            "\u001b[0Ksection_end:2:prep\r\u001b[0K"      ~ ""
            "\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\" ~ link
            abc\u001b[31                                 ~ abc
            ab\bc                                        ~ ac
            x\u001b[5Gy                                  ~ "x   y"
            """)
    void showsWhatATerminalShows(String raw, String shown) {
        assertEquals(shown, LogText.visible(raw));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '~', quoteCharacter = '"', textBlock = """
            plain text                                   ~ plain text
            "\u001b[1;31mERROR\u001b[m failed"            ~ ERROR failed
            "\u001b[0Ksection_start:1:prep\r\u001b[0K\u001b[36;1mPreparing\u001b[0;m" ~ "section_start:1:prep\rPreparing"
            "\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\" ~ link
            ab\bc                                        ~ abc
            """)
    void unstyledKeepsWhatATerminalWouldOverwrite(String raw, String shown) {
        assertEquals(shown, LogText.unstyled(raw));
    }
}
