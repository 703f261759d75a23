using ArchPgtable.Arm64;
using ArchPgtable.Contracts.PmdHelpers;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Generic;
using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;
using ArchPgtable.RiscV;
using ArchPgtable.X86;

namespace ArchPgtable.Contracts.Tests;

/// <summary>Issue 13 item 5: the PMD helpers' contract on every arch, the race that the atomic overrides exist for, and a broken override caught.</summary>
public sealed class PmdContractTests
{
    private const int Seed = 13;

    public static TheoryData<string> Archs => new(Builds.Keys);

    private static readonly Dictionary<string, Func<ArchInstance>> Builds = new()
    {
        ["arm64-4k"] = () => Build(new Arm64ArchPlugin(), $"{Arm64Kconfig.Pages4K}=y"),
        ["arm64-16k"] = () => Build(new Arm64ArchPlugin(), $"{Arm64Kconfig.Pages16K}=y"),
        ["arm64-64k"] = () => Build(new Arm64ArchPlugin(), $"{Arm64Kconfig.Pages64K}=y"),
        ["arm64-noafdbm"] = () => Build(new Arm64ArchPlugin(), $"{Arm64Kconfig.HwAfdbm}=n"),
        ["x86_64"] = () => Build(new X86ArchPlugin()),
        ["x86_64-nosaveddirty"] = () => Build(new X86ArchPlugin(), $"{X86Kconfig.UserShadowStack}=n"),
        ["riscv64-svadu"] = () => Build(new RiscVArchPlugin(), $"{RiscVKconfig.Svadu}=y"),
        ["riscv64-svade"] = () => Build(new RiscVArchPlugin(), $"{RiscVKconfig.Svadu}=n"),
        ["generic"] = () => Build(new GenericArchPlugin()),
    };

    [Theory]
    [MemberData(nameof(Archs))]
    public void Every_pmd_helper_keeps_its_contract(string arch)
    {
        var violations = PmdContract.Check(Builds[arch](), Seed, cases: 300);

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Theory]
    [InlineData("arm64-4k")]
    [InlineData("arm64-64k")]
    [InlineData("x86_64")]
    [InlineData("x86_64-nosaveddirty")]
    [InlineData("riscv64-svadu")]
    public void The_arch_overrides_do_not_lose_a_racing_hardware_dirty_update(string arch)
    {
        var violations = PmdContract.Check(Builds[arch](), Seed, cases: 100, race: true);

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Fact]
    public void The_generic_defaults_lose_a_racing_hardware_dirty_update_which_is_why_hardware_ad_arches_override_them()
    {
        var violations = PmdContract.Check(Builds["generic"](), Seed, cases: 50, race: true);

        Assert.True(violations.Any(v => v.Contains("pmdp_set_wrprotect/race", StringComparison.Ordinal)), string.Join("\n", violations));
        Assert.Contains(violations, v => v.Contains("pmdp_test_and_clear_young/race", StringComparison.Ordinal));
        Assert.All(violations, v => Assert.Contains("replay: seed 13 case", v, StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrprotect_that_drops_dirty_is_caught()
    {
        var generic = Builds["generic"]();
        var broken = new ArchInstance
        {
            Arch = generic.Arch,
            Config = generic.Config,
            Geometry = generic.Geometry,
            Format = generic.Format,
            Ops = generic.Ops,
            Hardware = generic.Hardware,
            PmdOps = new CleaningWrprotect(generic.Format, generic.Geometry),
        };

        var violations = PmdContract.Check(broken, Seed, cases: 50);

        Assert.Contains(violations, v => v.StartsWith("generic: pmdp_set_wrprotect: ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Archs))]
    public void Verify_runs_every_pmd_property_and_each_holds_or_is_skipped_for_a_reason(string arch)
    {
        var results = ContractSuite.Verify(Builds[arch](), new ContractOptions { Cases = 40 });
        var pmd = results.Where(r => r.Name.StartsWith("pmd", StringComparison.Ordinal)).ToList();

        Assert.Equal(
            ["pmd_format/contract", "pmdp_test_and_clear_young/contract", "pmdp_test_and_clear_young/race", "pmdp_set_access_flags/contract",
             "pmdp_huge_get_and_clear/contract", "pmdp_huge_get_and_clear/race", "pmdp_huge_get_and_clear_full/contract",
             "pmdp_set_wrprotect/contract", "pmdp_set_wrprotect/race", "pmdp_invalidate/contract", "pmdp_invalidate/race"],
            pmd.Select(r => r.Name));
        Assert.All(pmd, r => Assert.True(r.Status is PropertyStatus.Pass or PropertyStatus.Skip, r.ToString()));
        Assert.All(pmd.Where(r => r.Name.EndsWith("/contract", StringComparison.Ordinal)), r => Assert.Equal(PropertyStatus.Pass, r.Status));
        var races = pmd.Where(r => r.Name.EndsWith("/race", StringComparison.Ordinal)).ToList();
        // The generic defaults are not atomic by design; without hardware A/D nothing races.
        var expectSkip = arch is "generic" or "arm64-noafdbm" or "riscv64-svade";
        Assert.All(races, r => Assert.Equal(expectSkip ? PropertyStatus.Skip : PropertyStatus.Pass, r.Status));
    }

    [Fact]
    public void A_broken_pmd_override_fails_in_the_suite_with_a_shrunk_counterexample_that_replays()
    {
        var generic = Builds["generic"]();
        var broken = generic.WithPmdOps(new CleaningWrprotect(generic.Format, generic.Geometry));

        var first = ContractSuite.Check(broken, "pmdp_set_wrprotect/contract", new ContractOptions { Cases = 200 });

        Assert.Equal(PropertyStatus.Fail, first.Status);
        var cx = first.Counterexample!;
        Assert.Contains("pmdp_set_wrprotect(mm, 0x0, pmdp)", cx.Call, StringComparison.Ordinal);      // shrunk to slot 0
        Assert.Contains("pfn 1 PMDs", cx.Setup[0], StringComparison.Ordinal);                           // and the first PMD-aligned PFN
        Assert.Contains(cx.Violations, v => v.StartsWith("pmdp_set_wrprotect: ", StringComparison.Ordinal) && v.Contains("keep dirty (True)", StringComparison.Ordinal));
        var replay = ContractSuite.Check(broken, "pmdp_set_wrprotect/contract", new ContractOptions { Seed = first.Seed, Cases = 1 });
        Assert.Equal(PropertyStatus.Fail, replay.Status);
        Assert.Equal(cx.ToString(), replay.Counterexample!.ToString());
        Assert.Equal(PropertyStatus.Pass, ContractSuite.Check(broken, "pmdp_invalidate/contract", new ContractOptions { Cases = 50 }).Status);
    }

    [Fact]
    public void A_non_atomic_pmd_override_on_arm64_fails_the_race_property()
    {
        var arm64 = Builds["arm64-4k"]();
        var broken = arm64.WithPmdOps(new ArchPgtable.Testing.ReadThenWriteWrprotectPmdOps(arm64.PmdOps!));

        var race = ContractSuite.Check(broken, "pmdp_set_wrprotect/race", new ContractOptions { Cases = 100 });

        Assert.Equal(PropertyStatus.Fail, race.Status);
        Assert.NotNull(race.Counterexample!.Race);
        Assert.Contains(race.Counterexample.Violations, v => v.Contains("was lost (not dirty)", StringComparison.Ordinal));
        Assert.Equal(PropertyStatus.Pass, ContractSuite.Check(broken, "pmdp_set_wrprotect/contract", new ContractOptions { Cases = 50 }).Status);
        Assert.Equal(PropertyStatus.Pass, ContractSuite.Check(arm64, "pmdp_set_wrprotect/race", new ContractOptions { Cases = 100 }).Status);
    }

    [Theory]
    [InlineData("arm64-4k", 2UL << 20)]
    [InlineData("arm64-16k", 32UL << 20)]
    [InlineData("arm64-64k", 512UL << 20)]
    [InlineData("x86_64", 2UL << 20)]
    [InlineData("riscv64-svadu", 2UL << 20)]
    public void A_leaf_pmd_is_the_arch_block_encoding(string arch, ulong pmdSize)
    {
        var a = Builds[arch]();
        var ops = a.PmdOps!;
        var pmd = ops.PfnPmd(ops.PmdSize >> a.Geometry.PageShift, a.Format.ProtFor(VmFlags.Read | VmFlags.Write));

        Assert.Equal(pmdSize, ops.PmdSize);
        Assert.True(ops.Leaf(pmd) && ops.Valid(pmd) && ops.Present(pmd));
        switch (arch)
        {
            case var s when s.StartsWith("arm64", StringComparison.Ordinal):
                Assert.Equal(1UL, pmd.Value & 3);              // level-2 block descriptor: bits[1:0] = 01
                Assert.False(ops.Leaf(new Pmd(0x1003)));       // a table descriptor: bits[1:0] = 11
                break;
            case "x86_64":
                Assert.NotEqual(0UL, pmd.Value & (1UL << 7));  // _PAGE_PSE
                Assert.False(ops.Leaf(new Pmd(0x1007)));       // present, RW, user, no PSE: a table
                break;
            default:
                Assert.NotEqual(0UL, pmd.Value & 0xe);         // R/W/X: a leaf
                Assert.False(ops.Leaf(new Pmd(0x401)));        // valid without R/W/X: a table
                break;
        }
    }

    [Fact]
    public void A_misaligned_address_or_a_non_leaf_entry_is_rejected()
    {
        var a = Builds["x86_64"]();
        var ops = a.PmdOps!;
        var table = new PteTable(a.Geometry.PtrsPerPte);
        var mm = new NoFlushMm();
        Assert.Throws<ArgumentException>(() => ops.PmdpTestAndClearYoung(mm, 0, table[0]));   // empty entry
        table.Write(1, ops.PfnPmd(512, a.Format.ProtFor(VmFlags.Read)).AsPte);
        var e = Assert.Throws<ArgumentException>(() => ops.PmdpSetWrprotect(mm, 4096, table[1]));
        Assert.Contains("pmdp_set_wrprotect", e.Message, StringComparison.Ordinal);
    }

    private static ArchInstance Build(IArchPlugin plugin, params string[] assignments) =>
        plugin.Build(KconfigResolver.Resolve(plugin.Arch, plugin.Kconfig, [KernelConfig.FromAssignments("test", assignments)]));

    /// <summary>A pmdp_set_wrprotect that also cleans the entry: the dirty bit of a written THP is lost.</summary>
    private sealed class CleaningWrprotect(IPteFormat format, ArchGeometry g) : GenericPmdOps(format, g.PmdSize, g.PageShift)
    {
        protected override void PmdpSetWrprotectCore(IMmContext mm, ulong addr, PtePointer pmdp) =>
            pmdp.Write(MkClean(WrProtect(PmdpGet(pmdp))).AsPte);
    }

    private sealed class NoFlushMm : IMmContext, ITlbFlusher
    {
        public bool IsUserMm => true;

        public ITlbFlusher Tlb => this;

        public ICostCounters Counters { get; } = new CostCounters();

        public bool TryGetFolio(ulong pfn, out FolioExtent folio)
        {
            folio = default;
            return false;
        }

        public void FlushPage(ulong addr)
        {
        }

        public void FlushRange(ulong start, ulong end, ulong stride, bool lastLevel, bool sync)
        {
        }

        public void FlushAll()
        {
        }
    }
}
