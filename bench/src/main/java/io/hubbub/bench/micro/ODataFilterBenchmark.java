package io.hubbub.bench.micro;

import io.hubbub.protocol.filter.FilterSubject;
import io.hubbub.protocol.filter.ODataFilter;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** A REST send's {@code filter}: parsed once per request, evaluated once per candidate receiver. */
@State(Scope.Benchmark)
public class ODataFilterBenchmark extends AbstractMicrobenchmark {

    @Param({
        "userId eq 'user-42'",
        "'room-3' in groups or 'room-7' in groups",
        "userId in ('user-1', 'user-2', 'user-42') and not ('muted' in groups)",
        "startswith(userId, 'user-') and length(userId) gt 5 and tolower(connectionId) ne 'conn-1'"
    })
    public String expression;

    private ODataFilter filter;
    private final FilterSubject subject = new Subject("conn-0042", "user-42",
            Set.of("lobby", "room-1", "room-3", "room-9", "announcements"));

    private record Subject(String connectionId, String userId, Set<String> groups) implements FilterSubject {
    }

    @Setup
    public void setUp() {
        filter = ODataFilter.parse(expression);
    }

    @Benchmark
    public boolean matches() {
        return filter.matches(subject);
    }

    @Benchmark
    public ODataFilter parse() {
        return ODataFilter.parse(expression);
    }
}
