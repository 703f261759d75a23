using System.Text.RegularExpressions;
using ArchPgtable.Host.Tests.Support;
using ArchPgtable.Hosting.Configuration;

namespace ArchPgtable.Host.Tests;

/// <summary>Issue 14 items 1 and 8: one seed gives one output; every run prints the seed that replays it; shards partition the run.</summary>
public sealed partial class DeterminismAndShardTests
{
    private static CliResult Run(params string[] args) => CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, args);

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("csv")]
    [InlineData("ktap")]
    public void The_same_seed_prints_byte_identical_output(string format)
    {
        string[] args = ["verify", "--arch", "arm64", "--helper", "wrprotect_ptes", "--cases", "40", "--seed", "-42", "--format", format];

        var first = Run(args);
        var second = Run(args);

        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public void Riscv64_strict_twice_with_one_seed_gives_one_answer()
    {
        string[] args = ["verify", "--arch", "riscv64", "--strict", "--seed", "12345", "--helper", "ptep_set_access_flags", "--cases", "300"];

        var first = Run(args);
        var second = Run(args);

        Assert.Equal(first.ExitCode, second.ExitCode);
        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public void A_run_without_seed_prints_a_drawn_seed_that_replays_it()
    {
        var drawn = Run("verify", "--arch", "generic", "--helper", "clear_young_dirty_ptes", "--cases", "30", "--json");
        var seed = drawn.Json().GetProperty("seed").GetString()!;
        Assert.Matches("^[0-9]+$", seed);

        var replay = Run("verify", "--arch", "generic", "--helper", "clear_young_dirty_ptes", "--cases", "30", "--json", "--seed", seed);

        Assert.Equal(drawn.Out, replay.Out);
        var text = Run("verify", "--arch", "generic", "--helper", "clear_young_dirty_ptes", "--cases", "3");
        Assert.Matches(@"^seed: [0-9]+ \(drawn at random; --seed [0-9]+ replays this run\)", text.Out);
    }

    [Fact]
    public void A_strict_failure_summary_counts_the_failure()
    {
        var result = Run("verify", "--arch", "riscv64", "--machine", "default", "--strict", "--seed", "1", "--helper", "ptep_set_access_flags", "--cases", "4000");

        Assert.Equal(ExitCodes.CheckFailed, result.ExitCode);
        var summary = result.Out.TrimEnd().Split(Environment.NewLine)[^1];
        Assert.Equal("riscv64: 1 property failed (2 held, 1 failed (1 known finding, --strict), 0 XPASS, 0 skipped)", summary);
        Assert.Contains("replay: archpgtable verify --arch riscv64 --machine default --helper ptep_set_access_flags --seed ", result.Out, StringComparison.Ordinal);
        Assert.DoesNotMatch(FailedWithZero(), result.Out);
    }

    [Fact]
    public void The_shards_of_n_partition_the_full_run()
    {
        string[] args = ["verify", "--all", "--cases", "5", "--seed", "99", "--json"];
        var full = Items(Run(args));

        var shards = Enumerable.Range(1, 3).Select(i => Run([.. args, "--shard", $"{i}/3"])).ToList();
        var parts = shards.Select(Items).ToList();

        Assert.All(shards, (s, i) =>
        {
            var shard = s.Json().GetProperty("shard");
            Assert.Equal(i + 1, shard.GetProperty("index").GetInt32());
            Assert.Equal(3, shard.GetProperty("count").GetInt32());
            Assert.Equal(full.Count, shard.GetProperty("of").GetInt32());
        });
        Assert.Equal(full.Count, parts.Sum(p => p.Count));
        Assert.Equal(full.Order(StringComparer.Ordinal), parts.SelectMany(p => p).Order(StringComparer.Ordinal));
        Assert.All(parts, p => Assert.NotEmpty(p));
    }

    /// <summary>Each (build, property) result as one comparable line: arch, name, status, cases, replay token.</summary>
    private static List<string> Items(CliResult result) =>
    [
        .. result.Json().GetProperty("builds").EnumerateArray().SelectMany(b => b.GetProperty("properties").EnumerateArray()
            .Select(p => $"{b.GetProperty("arch").GetString()} {p.GetProperty("name").GetString()} {p.GetProperty("status").GetString()} "
                + $"{p.GetProperty("cases").GetInt64()} {p.GetProperty("seed")}")),
    ];

    [GeneratedRegex(@"property failed \([^)]*\b0 failed")]
    private static partial Regex FailedWithZero();
}
