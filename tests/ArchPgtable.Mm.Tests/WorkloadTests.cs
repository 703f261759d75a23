using ArchPgtable.Mm.Workload;
using Xunit.Abstractions;

namespace ArchPgtable.Mm.Tests;

/// <summary>The <see cref="RandomWorkload"/> engine behind <c>archpgtable workload</c>.</summary>
public class WorkloadTests(ITestOutputHelper output)
{
    public static TheoryData<string> Arches => Machines.All;

    [Theory]
    [MemberData(nameof(Arches))]
    public void Every_configuration_runs_the_mixed_workload_without_findings(string arch)
    {
        const int seed = 5;
        var result = new RandomWorkload(Machines.Build(arch), null, new WorkloadOptions { Ops = 20_000, Seed = seed }).Run();
        Assert.True(result.Findings.Count == 0, $"{arch} seed {seed}: {(result.Findings.Count > 0 ? result.Findings[0] : null)}");
        Assert.Equal(20_000, result.Ops);
        Assert.True(result.StoresChecked > 1000 && result.ReadsChecked > 1000);
        foreach (var name in new[] { "mprotect(R)", "mprotect(RW)", "mremap", "fork", "aging walk", "reclaim" })
        {
            Assert.True(result.OpCounts.GetValueOrDefault(name) > 0, $"{arch}: no {name} ran");
        }
    }

    [Theory]
    [InlineData(WorkloadPaths.Old)]
    [InlineData(WorkloadPaths.New)]
    public void Old_and_new_paths_alone_find_nothing(WorkloadPaths paths)
    {
        foreach (var arch in new[] { "arm64-4k", "x86_64", "riscv64-sv48" })
        {
            var result = new RandomWorkload(Machines.Build(arch), null, new WorkloadOptions { Ops = 20_000, Seed = 9, Paths = paths }).Run();
            Assert.True(result.Findings.Count == 0, $"{arch} {paths}: {(result.Findings.Count > 0 ? result.Findings[0] : null)}");
        }
    }

    /// <summary>
    /// The mprotect variant that lets the batch's first page decide the write upgrade is found by the random workload
    /// (seed 1 finds it within 20,000 operations). The write-ignoring mremap variant needs a writable contiguous block
    /// followed by read-only pages of the same folio, which the random mix did not reach in 200,000 operations on seeds
    /// 1–6; DifferentialPathTests catches it on that state directly.
    /// </summary>
    [Theory]
    [InlineData(WorkloadPaths.BadMprotect)]
    public void Known_bad_variants_are_found_and_the_replay_reproduces_them(WorkloadPaths paths)
    {
        var arch = Machines.Build("arm64-4k");
        WorkloadResult? found = null;
        var seed = 0;
        for (seed = 1; seed <= 3 && found is null; seed++)
        {
            var r = new RandomWorkload(arch, null, new WorkloadOptions { Ops = 20_000, Seed = seed, Paths = paths }).Run();
            if (r.Findings.Count > 0)
            {
                found = r;
                break;
            }
        }

        Assert.NotNull(found);
        var f = found.Findings[0];
        output.WriteLine($"seed {seed}: {f}");
        Assert.True(f.Kind is WorkloadFindingKind.Permission or WorkloadFindingKind.Isolation, f.ToString());
        var replay = new RandomWorkload(arch, null, new WorkloadOptions { Ops = found.Ops, Seed = seed, Paths = paths }).Run();
        Assert.Equal(f, replay.Findings[0]);
        Assert.Equal(found.Ops, replay.Ops);
    }
}
