using ArchPgtable.Arm64;
using ArchPgtable.Native.Interop;
using ArchPgtable.Plugins;
using ArchPgtable.Testing;

namespace ArchPgtable.Native.Tests;

/// <summary>
/// The shim's feature checks are answered by the machine chosen with <c>--machine</c>: Linux 6.12 has no BBML2 code, so
/// TestData/bbml2-elide-fold-flush.patch adds mainline's <c>system_supports_bbml2_noabort()</c> check to
/// <c>contpte_convert()</c>; on the bbml2 machine (every agent has BBML2_NOABORT) the fold/unfold's intermediate TLB
/// invalidation is elided, on any other machine it stays.
/// </summary>
public sealed class MachineFeatureTests
{
    private static readonly string Bbml2Patch = NativeTree.TestData("bbml2-elide-fold-flush.patch");

    [Theory]
    [InlineData("bbml2", 0)]
    [InlineData("smmu-httu", 1)]
    [InlineData("hafdbs", 1)]
    public void The_patched_contpte_convert_elides_its_flush_only_on_a_bbml2_machine(string preset, int intermediateFlushes)
    {
        var arch = OnMachine(NativeTree.Native(Arm64Granule.Granule4K, Bbml2Patch), preset);

        var cost = UnfoldOneBlock(arch);

        Assert.Equal(1, cost.Unfolds);
        Assert.Equal(intermediateFlushes, cost.TlbFlushes);
        Assert.Equal(preset == "bbml2", ((NativePageTableOps)arch.Ops).Features.Supports(NativeFeature.Bbml2NoAbort));
    }

    [Fact]
    public void The_unpatched_6_12_tree_flushes_on_the_bbml2_machine_too_it_has_no_bbml2_check()
    {
        var native = NativeTree.Native();
        Assert.Empty(NativeArch.BuildInfoOf(native.Ops)!.FeatureChecks);

        var cost = UnfoldOneBlock(OnMachine(native, "bbml2"));

        Assert.Equal(1, cost.TlbFlushes);
    }

    [Fact]
    public void The_patched_build_reports_its_feature_check_and_takes_the_models_bbml2_findings()
    {
        var native = NativeTree.Native(Arm64Granule.Granule4K, Bbml2Patch);
        Assert.Contains(NativeFeature.Bbml2NoAbort, NativeArch.BuildInfoOf(native.Ops)!.FeatureChecks);

        var onBbml2 = OnMachine(native, "bbml2");
        var onHttu = OnMachine(native, "smmu-httu");

        Assert.Equal(["clear_young_dirty_ptes/contract", "mkold_clean_ptes/contract"], onBbml2.KnownFindings.Select(f => f.Property));
        Assert.Empty(onHttu.KnownFindings);
        Assert.Contains("BBML2_NOABORT", onBbml2.Description, StringComparison.Ordinal);
        Assert.Empty(OnMachine(NativeTree.Native(), "bbml2").KnownFindings);
    }

    [Theory]
    [InlineData("hafdbs", true, true)]
    [InlineData("hafdbs", false, false)]
    [InlineData("bbml2", true, true)]
    public void Cpu_has_hw_af_follows_every_cpus_effective_access_flag(string preset, bool hafdbs, bool expected)
    {
        var arch = OnMachine(NativeTree.Native(Arm64Granule.Granule4K, hafdbs: hafdbs), preset);
        Assert.Equal(expected, ((NativePageTableOps)arch.Ops).Features.Supports(NativeFeature.HardwareAccessFlag));
    }

    private static ArchInstance OnMachine(ArchInstance native, string preset)
    {
        var machine = native.MachineSupportOrDefault.Find(preset) ?? throw new InvalidOperationException(preset);
        return native.MachineSupportOrDefault.ForMachine(native, machine);
    }

    /// <summary>Maps one 16-page contiguous block, then write-protects one entry of it (an unfold through contpte_convert(), which flushes nothing else).</summary>
    private static CostSnapshot UnfoldOneBlock(ArchInstance arch)
    {
        var mm = new TestMm();
        var table = mm.NewTable(arch.Geometry);
        var c = arch.Geometry.ContPtes;
        mm.AddFolio(0x100000, c);
        var pte = arch.Format.MkYoung(arch.Format.MkDirty(arch.Format.MkWrite(
            arch.Format.PfnPte(0x100000, arch.Format.ProtFor(VmFlags.Read | VmFlags.Write)))));
        arch.Ops.SetPtes(mm, (ulong)c << arch.Geometry.PageShift, table[c], pte, c);
        Assert.True(arch.Format.Present(table.Peek(c)));
        var before = mm.Cost.Snapshot();
        arch.Ops.PtepSetWrprotect(mm, (ulong)(c + 3) << arch.Geometry.PageShift, table[c + 3]);
        return mm.Cost.Snapshot() - before;
    }
}
