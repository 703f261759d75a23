using ArchPgtable.Host.Tests.Support;

namespace ArchPgtable.Host.Tests;

/// <summary>
/// A third-party plugin whose <c>ptep_set_access_flags</c> decides "nothing to do" from the gathered view (arm64 from
/// v6.10 until mainline's fix): on an SMMU without HTTU, <c>lazyfree</c> records a fault livelock and exits 1, and
/// <c>verify</c> on that machine fails <c>ptep_set_access_flags/fault-progress</c>.
/// </summary>
[Collection(PluginBuildsCollection.Name)]
public sealed class MachineLivelockPluginTests(PluginBuilds builds)
{
    private static readonly string Source = Arm64DerivedPlugin.Source("GatheredPlugin", "arm64-gathered",
        "arm64 with a ptep_set_access_flags that trusts the gathered view", "gathered no-op ptep_set_access_flags", "GatheredOps", OpsSource,
        withMachines: true);

    private const string OpsSource = """
        public sealed class GatheredOps : Arm64ContPteOps
        {
            public GatheredOps(Arm64Granule granule) : base(granule) { }

            [KernelHelper("contpte_ptep_set_access_flags")]
            protected override bool PtepSetAccessFlagsCore(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty)
            {
                if (Arm64Pte.Cont(Arm64RawPtes.PtepGet(ptep)) && Arm64Pte.MkNonCont(PtepGet(ptep)) == Arm64Pte.MkNonCont(entry))
                {
                    return false;
                }

                return base.PtepSetAccessFlagsCore(vma, addr, ptep, entry, dirty);
            }
        }
        """;

    private string Place() => Path.GetDirectoryName(Arm64DerivedPlugin.Place(builds, "GatheredPlugin", Source))!;

    [Fact]
    public void Lazyfree_on_an_smmu_without_httu_reports_a_fault_livelock_and_exits_1()
    {
        var dir = Place();

        var result = CliRun.Run("lazyfree", "--plugins", dir, "--arch", "arm64-gathered", "--machine", "smmu-no-httu", "--size", "1M", "--folio", "64K");

        Assert.True(result.ExitCode == 1, result.Out + result.Error);
        Assert.Contains("fault livelock(s)", result.Out, StringComparison.Ordinal);
        Assert.Contains("fault livelock: smmu0", result.Out, StringComparison.Ordinal);
        Assert.Contains("ptep_set_access_flags(", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_on_an_smmu_without_httu_fails_fault_progress()
    {
        var dir = Place();

        var result = CliRun.Run("verify", "--plugins", dir, "--arch", "arm64-gathered", "--machine", "smmu-no-httu", "--helper", "ptep_set_access_flags", "--cases", "3000", "--seed", "1");

        Assert.True(result.ExitCode == 1, result.Out + result.Error);
        Assert.Contains("FAIL ptep_set_access_flags/fault-progress", result.Out, StringComparison.Ordinal);
        Assert.Contains("[agent smmu0", result.Out, StringComparison.Ordinal);
    }
}
