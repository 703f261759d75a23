using System.Text.Json;
using ArchPgtable.Host.Tests.Support;

namespace ArchPgtable.Host.Tests;

public sealed class LazyfreeCommandTests
{
    private static readonly string Shipped = Path.Combine(AppContext.BaseDirectory, "plugins");

    [Fact]
    public void Json_rows_carry_old_and_new_costs_and_new_never_splits_on_arm64()
    {
        var json = CliRun.Run("lazyfree", "--json", "--size", "4M", "--folio", "4K,64K,2M", "--plugins", Shipped).Json();
        Assert.Equal("arm64", json.GetProperty("arch").GetString());
        Assert.Equal(4UL << 20, json.GetProperty("size_bytes").GetUInt64());
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([4096UL, 65536UL, 2097152UL], rows.Select(r => r.GetProperty("folio_bytes").GetUInt64()));
        Assert.Empty(json.GetProperty("not_modelled").EnumerateArray());

        // The PMD-mapped row: madvise_free_huge_pmd() on both sides, no split, the same cost, the published 0%.
        var pmd = rows[2];
        Assert.Equal(0, pmd.GetProperty("published_change").GetDouble(), 6);
        Assert.Equal(pmd.GetProperty("old").GetProperty("sim_ms").GetDouble(), pmd.GetProperty("new").GetProperty("sim_ms").GetDouble());
        foreach (var algo in new[] { "old", "new" })
        {
            Assert.Equal(0, pmd.GetProperty(algo).GetProperty("splits").GetInt64());
            Assert.Equal(0, pmd.GetProperty(algo).GetProperty("unfolds").GetInt64());
            Assert.Equal(2, pmd.GetProperty(algo).GetProperty("lazyfree_folios").GetInt64());
            Assert.Equal(1024, pmd.GetProperty(algo).GetProperty("clean_old_pages").GetInt64());
        }

        var big = rows[1];
        Assert.Equal(64, big.GetProperty("old").GetProperty("splits").GetInt64());
        Assert.Equal(0, big.GetProperty("new").GetProperty("splits").GetInt64());
        Assert.Equal(64, big.GetProperty("old").GetProperty("unfolds").GetInt64());
        Assert.Equal(1, big.GetProperty("new").GetProperty("tlb_flushes").GetInt64());
        foreach (var algo in new[] { "old", "new" })
        {
            var r = big.GetProperty(algo);
            foreach (var key in new[] { "sim_ms", "host_ms", "pte_writes", "tlb_flushes", "folds", "unfolds", "splits" })
            {
                Assert.True(r.TryGetProperty(key, out _), $"{algo}.{key} missing");
            }

            Assert.Equal(1024, r.GetProperty("lazyfree_pages").GetInt64());
            Assert.Equal(1024, r.GetProperty("clean_old_pages").GetInt64());
        }

        Assert.True(big.GetProperty("change").GetDouble() < -0.9);
        Assert.Equal(-0.97, big.GetProperty("published_change").GetDouble(), 6);
    }

    [Fact]
    public void The_table_has_an_old_and_a_new_row_per_size_and_the_pmd_row()
    {
        var result = CliRun.Run("lazyfree", "--size", "2M", "--folio", "16K,2M", "--arch", "generic");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("generic, 4K pages", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^16K +old ", result.Out);
        Assert.Matches(@"(?m)^ +new ", result.Out);
        Assert.Matches(@"(?m)^2M +old ", result.Out);
        Assert.Contains("2M: PMD-mapped THP", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("not modelled", result.Out, StringComparison.Ordinal);
        Assert.All(result.Out.Split('\n'), l => Assert.True(l.TrimEnd('\r').Length <= 80, l));
    }

    [Theory]
    [InlineData("--size", "lots", "--size 'lots'")]
    [InlineData("--folio", "3K", "not a power-of-two multiple")]
    [InlineData("--folio", "banana", "--folio 'banana'")]
    [InlineData("--size", "100K", "not a multiple of the folio size")]
    public void Bad_sizes_are_usage_errors_naming_the_value(string option, string value, string message)
    {
        var result = CliRun.Run("lazyfree", option, value, "--arch", "generic");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_numbers_reach_json_and_text()
    {
        var json = CliRun.Run("lazyfree", "--json", "--size", "1M", "--folio", "32K", "--arch", "generic").Json();
        var text = CliRun.Run("lazyfree", "--size", "1M", "--folio", "32K", "--arch", "generic").Out;
        var row = json.GetProperty("rows")[0];
        foreach (var algo in new[] { "old", "new" })
        {
            var writes = row.GetProperty(algo).GetProperty("pte_writes").GetInt64();
            Assert.Matches($@"(?m)^\S* +{algo} .* {writes} ", text);
        }

        Assert.Equal(JsonValueKind.Number, row.GetProperty("old").GetProperty("sim_ms").ValueKind);
    }

    [Fact]
    public void The_i5_column_prints_the_cover_letters_changes()
    {
        var result = CliRun.Run("lazyfree", "--size", "2M", "--folio", "4K,16K,32K,64K,128K,256K,512K,1M,2M", "--arch", "generic", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Out);
        var published = json.RootElement.GetProperty("rows").EnumerateArray()
            .Select(r => Math.Round(r.GetProperty("published_change").GetDouble() * 100)).ToArray();
        Assert.Equal([0.0, -94, -95, -97, -99, -99, -99, -99, 0], published);
    }
}
