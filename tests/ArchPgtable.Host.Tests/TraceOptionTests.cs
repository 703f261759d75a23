using System.Text.Json;
using ArchPgtable.Host.Tests.Support;

namespace ArchPgtable.Host.Tests;

public sealed class TraceOptionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("archpgtable-trace-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<JsonElement> Events(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. doc.RootElement.GetProperty("traceEvents").EnumerateArray().Select(e => e.Clone())];
    }

    [Fact]
    public void Lazyfree_writes_a_chrome_trace_of_each_madvise()
    {
        var path = Path.Combine(_dir, "lazyfree.json");
        var r = CliRun.Run("lazyfree", "--arch", "generic", "--size", "64K", "--folio", "16K", "--trace", path);
        Assert.Equal(0, r.ExitCode);
        var events = Events(path);
        Assert.Equal(2, events.Count(e => e.GetProperty("name").GetString() == "madvise" && e.GetProperty("ph").GetString() == "B"));
        Assert.Contains(events, e => e.GetProperty("name").GetString() == "clear_young_dirty_ptes");
        Assert.Contains(events, e => e.GetProperty("name").GetString() == "process_name"
            && e.GetProperty("args").GetProperty("name").GetString() == "lazyfree 16K new on generic");
    }

    [Fact]
    public void Verify_traces_the_helper_calls_of_its_cases_in_text()
    {
        var path = Path.Combine(_dir, "verify.txt");
        var r = CliRun.Run("verify", "--arch", "generic", "--helper", "wrprotect_ptes", "--cases", "2", "--seed", "0000000000001",
            "--trace", path, "--trace-format", "text", "--trace-limit", "500");
        Assert.Equal(0, r.ExitCode);
        var text = File.ReadAllLines(path);
        Assert.Equal("# tracer: archpgtable", text[0]);
        Assert.Contains(text, l => l.Contains(": wrprotect_ptes: addr=", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_traces_its_scenario_faults_included()
    {
        var path = Path.Combine(_dir, "render.json");
        Assert.Equal(0, CliRun.Run("render", "fork", "--arch", "generic", "--trace", path).ExitCode);
        var events = Events(path);
        Assert.Contains(events, e => e.GetProperty("name").GetString() == "handle_mm_fault");
        Assert.Contains(events, e => e.GetProperty("name").GetString() == "ptep_set_wrprotect" || e.GetProperty("name").GetString() == "wrprotect_ptes");
        Assert.Contains(events, e => e.GetProperty("name").GetString() == "flush_tlb_mm");
    }

    [Fact]
    public void Info_writes_an_empty_trace()
    {
        var path = Path.Combine(_dir, "info.json");
        Assert.Equal(0, CliRun.Run("info", "--arch", "generic", "--trace", path).ExitCode);
        Assert.DoesNotContain(Events(path), e => e.GetProperty("ph").GetString() != "M");
    }

    [Theory]
    [InlineData("--trace", "/nonexistent-folder/t.json")]
    [InlineData("--trace-limit", "0")]
    [InlineData("--trace-format", "xml")]
    public void Bad_trace_options_are_one_line_and_exit_2(string option, string value)
    {
        var args = option == "--trace" ? new[] { "info", option, value } : ["info", "--trace", Path.Combine(_dir, "t.json"), option, value];
        var r = CliRun.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(Path.Combine(_dir, "t.json")));
    }
}
