package io.hubbub.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The app must run against Azure Web PubSub as well as Hubbub, so its code may use nothing of Hubbub's: only the
 * official SDK. Today the pom keeps Hubbub modules out of the main compile classpath; this guards against a pom
 * change (say, the testkit moved to compile scope) that would let main code reach them unnoticed.
 */
class IndependenceTest {

    @Test
    void mainCodeImportsNothingOfHubbubButTheChat() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).isDirectory();
        List<String> offending;
        try (Stream<Path> files = Files.walk(main)) {
            offending = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(IndependenceTest::imports)
                    .filter(i -> i.contains(" io.hubbub.") && !i.contains(" io.hubbub.chat."))
                    .toList();
        }
        assertThat(offending).isEmpty();
    }

    /** "File.java: import x.y.Z;" for each import line of the file. */
    private static Stream<String> imports(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .map(String::trim)
                    .filter(l -> l.startsWith("import "))
                    .map(l -> file.getFileName() + ": " + l.replace("import static ", "import "));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
