using System.Text.RegularExpressions;

namespace ArchPgtable.Mm.Tests.Tracing;

public partial class FtraceTextTests
{
    [GeneratedRegex(@"^\s*archpgtable-\d+\s+\[\d{3}\]\s+\d+\.\d{6}: [a-z_0-9]+:( [a-z_0-9]+=\S.*)?$")]
    private static partial Regex FtraceLine();

    [Fact]
    public void Every_line_is_a_comment_or_ftrace_shaped()
    {
        var lines = TraceScenario.Text(TraceScenario.Run()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("# tracer: archpgtable", lines[0]);
        var body = lines.Where(l => !l.StartsWith('#')).ToList();
        Assert.NotEmpty(body);
        Assert.All(body, l => Assert.Matches(FtraceLine(), l));
        Assert.Contains(body, l => l.Contains(": clear_young_dirty_ptes: addr=0x40000000 ptep=0 nr=16 flags=CYDP_CLEAR_YOUNG|CYDP_CLEAR_DIRTY", StringComparison.Ordinal));
        Assert.Contains(body, l => l.Contains(": clear_young_dirty_ptes_return:", StringComparison.Ordinal));
        Assert.Contains(body, l => l.Contains(" [000] ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_truncated_text_trace_says_so_in_its_header_and_last_line()
    {
        var lines = TraceScenario.Text(TraceScenario.Run(limit: 20)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("# truncated: --trace-limit 20 reached", StringComparison.Ordinal));
        Assert.Contains(": trace_truncated: limit=20", lines[^1], StringComparison.Ordinal);
    }
}
