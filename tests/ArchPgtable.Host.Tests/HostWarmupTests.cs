using ArchPgtable.Generic;
using ArchPgtable.Host.Cli;
using ArchPgtable.Host.Tests.Support;
using ArchPgtable.Kconfig;
using ArchPgtable.Mm.Experiments;

namespace ArchPgtable.Host.Tests;

/// <summary>host_ms on tier-1 code: the warm-up runs, untraced, on a throwaway region, and changes no event count.</summary>
public sealed class HostWarmupTests
{
    [Fact]
    public void Warmup_runs_old_and_new_of_every_folio_size_untraced_on_a_capped_region_for_at_least_MinRounds()
    {
        var experiment = new RecordingExperiment();
        var arch = GenericArch();
        var setup = new ExperimentSetup(arch) { Trace = new ArchPgtable.Mm.Tracing.TraceRecorder(10) };
        var plan = new ExperimentPlan(experiment, 1UL << 30, [4096UL, 65536UL], []);

        var (rounds, bytes) = HostWarmup.Run(plan, setup);

        Assert.InRange(rounds, HostWarmup.MinRounds, int.MaxValue);
        Assert.Equal(HostWarmup.MaxBytes, bytes);
        Assert.Equal(rounds * 2 * 2, experiment.Calls.Count);
        Assert.All(experiment.Calls, c => Assert.Null(c.Traced));
        Assert.All(experiment.Calls, c => Assert.Equal(HostWarmup.MaxBytes, c.Region));
        Assert.Equal([4096UL, 4096UL, 65536UL, 65536UL], experiment.Calls.Take(4).Select(c => c.Folio));
        Assert.Equal([ExperimentPath.Old, ExperimentPath.New, ExperimentPath.Old, ExperimentPath.New], experiment.Calls.Take(4).Select(c => c.Path));
    }

    [Fact]
    public void Once_warms_an_experiment_on_an_arch_once_per_process()
    {
        var experiment = new RecordingExperiment { NameOverride = "recording-once" };
        var setup = new ExperimentSetup(GenericArch());
        var plan = new ExperimentPlan(experiment, 1UL << 20, [65536UL], []);

        Assert.InRange(HostWarmup.Once(plan, setup).Rounds, HostWarmup.MinRounds, int.MaxValue);
        var calls = experiment.Calls.Count;
        Assert.Equal((0, 0UL), HostWarmup.Once(plan, setup));
        Assert.Equal(calls, experiment.Calls.Count);
    }

    [Fact]
    public void Warmup_region_is_the_measured_region_when_smaller_and_a_plan_without_rows_is_not_warmed()
    {
        var experiment = new RecordingExperiment();
        var setup = new ExperimentSetup(GenericArch());

        Assert.Equal((0, 0UL), HostWarmup.Run(new ExperimentPlan(experiment, 1UL << 20, [], [2UL << 20]), setup));
        Assert.Empty(experiment.Calls);

        var (_, bytes) = HostWarmup.Run(new ExperimentPlan(experiment, 1UL << 20, [65536UL], []), setup);
        Assert.Equal(1UL << 20, bytes);
        Assert.All(experiment.Calls, c => Assert.Equal(1UL << 20, c.Region));
    }

    [Fact]
    public void Lazyfree_json_says_how_host_ms_was_measured_and_its_counts_are_those_of_one_unwarmed_run()
    {
        const ulong Region = 4UL << 20, Folio = 64UL << 10;
        var json = CliRun.Run("lazyfree", "--json", "--arch", "generic", "--size", "4M", "--folio", "64K").Json();

        // Other tests of this process may have warmed lazyfree on generic already: then 0 rounds, 0 bytes.
        var timing = json.GetProperty("host_timing");
        var rounds = timing.GetProperty("warmup_rounds").GetInt32();
        Assert.True(rounds == 0 || rounds >= HostWarmup.MinRounds, $"{rounds} rounds");
        Assert.Equal(rounds == 0 ? 0 : Region, timing.GetProperty("warmup_bytes").GetUInt64());
        Assert.Contains("tier-1", timing.GetProperty("method").GetString(), StringComparison.Ordinal);

        var lazyfree = ExperimentCatalog.Find("lazyfree")!;
        var setup = new ExperimentSetup(GenericArch());
        var row = json.GetProperty("rows")[0];
        foreach (var (name, path) in new[] { ("old", ExperimentPath.Old), ("new", ExperimentPath.New) })
        {
            var direct = lazyfree.Run(setup, Region, Folio, path);
            var cli = row.GetProperty(name);
            Assert.Equal(direct.Cost.PteReads, cli.GetProperty("pte_reads").GetInt64());
            Assert.Equal(direct.Cost.PteWrites, cli.GetProperty("pte_writes").GetInt64());
            Assert.Equal(direct.Cost.TlbFlushes, cli.GetProperty("tlb_flushes").GetInt64());
            Assert.Equal(direct.Cost.FolioSplits, cli.GetProperty("splits").GetInt64());
            Assert.Equal(direct.Events.FolioLookups, cli.GetProperty("folio_lookups").GetInt64());
            Assert.Equal(direct.SimulatedMs, cli.GetProperty("sim_ms").GetDouble());
            Assert.Equal(direct.Metric("lazyfree_pages"), cli.GetProperty("lazyfree_pages").GetDouble());
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void A_measured_row_runs_each_side_samples_times_traces_only_the_first_and_reports_the_median_host_ms(int samples)
    {
        // Host times 50, 10, 40, 20, 30 ms for old (new: ten times that), in call order.
        var experiment = new RecordingExperiment { HostMs = [50, 500, 10, 100, 40, 400, 20, 200, 30, 300], SimulatedMs = 7 };
        var trace = new ArchPgtable.Mm.Tracing.TraceRecorder(10);
        var setup = new ExperimentSetup(GenericArch()) { Trace = trace };

        var row = HostWarmup.MeasuredRow(experiment, setup, 1UL << 20, 65536UL, samples);

        Assert.Equal(samples * 2, experiment.Calls.Count);
        Assert.Same(trace, experiment.Calls[0].Traced);
        Assert.Same(trace, experiment.Calls[1].Traced);
        Assert.All(experiment.Calls.Skip(2), c => Assert.Null(c.Traced));
        var expectedOld = HostWarmup.Median([.. new double[] { 50, 10, 40, 20, 30 }.Take(samples)]);
        Assert.Equal(expectedOld, row.Old.HostMs);
        Assert.Equal(expectedOld * 10, row.New.HostMs);
        Assert.Equal(7, row.Old.SimulatedMs);
    }

    [Theory]
    [InlineData(new[] { 3.0 }, 3.0)]
    [InlineData(new[] { 9.0, 1.0 }, 5.0)]
    [InlineData(new[] { 9.0, 1.0, 4.0 }, 4.0)]
    [InlineData(new[] { 1.0, 100.0, 2.0, 3.0 }, 2.5)]
    public void Median_is_the_middle_value_or_the_mean_of_the_middle_two(double[] values, double median) =>
        Assert.Equal(median, HostWarmup.Median(values));

    [Fact]
    public void Lazyfree_json_reports_the_samples_it_took()
    {
        var json = CliRun.Run("lazyfree", "--json", "--arch", "generic", "--size", "1M", "--folio", "64K", "--host-samples", "2").Json();

        Assert.Equal(2, json.GetProperty("host_timing").GetProperty("samples").GetInt32());
        Assert.Contains("median", json.GetProperty("host_timing").GetProperty("method").GetString(), StringComparison.Ordinal);
    }

    private static Plugins.ArchInstance GenericArch()
    {
        var plugin = new GenericArchPlugin();
        return plugin.Build(KconfigResolver.Resolve(plugin.Arch, plugin.Kconfig, []));
    }

    /// <summary>An experiment that records its calls and simulates nothing.</summary>
    private sealed class RecordingExperiment : Experiment
    {
        public List<(ulong Region, ulong Folio, ExperimentPath Path, object? Traced)> Calls { get; } = [];

        public string NameOverride { get; init; } = "recording";

        /// <summary>Host times handed out in call order (0 once used up).</summary>
        public double[] HostMs { get; init; } = [];

        public double SimulatedMs { get; init; }

        public override string Name => NameOverride;

        public override string Title => "records calls";

        public override string OldLabel => "old";

        public override string NewLabel => "new";

        public override PublishedTable Published { get; } = new("none", "none", "s", []);

        public override CostModelSummary CostModel { get; } = new("nothing", "nothing");

        public override ExperimentResult Run(ExperimentSetup setup, ulong regionBytes, ulong folioBytes, ExperimentPath path)
        {
            Calls.Add((regionBytes, folioBytes, path, setup.Trace));
            Thread.Sleep(1);
            var i = Calls.Count - 1;
            return new ExperimentResult(SimulatedMs, i < HostMs.Length ? HostMs[i] : 0, default, default);
        }
    }
}
