using ArchPgtable.Contracts.Differential;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Testing;

namespace ArchPgtable.Native.Tests;

/// <summary>
/// x86_64 from the same pipeline, with only a name list and a shim header (Arches/X86NativeSpec.cs, Shim/ap_x86.h): the
/// kernel's own helpers pass the contract suite, race injection reaches them (their plain <c>*ptep</c> reads are taken
/// through the host), and diff finds nothing to explain against the shipped X86 model, but does find a changed C helper.
/// </summary>
public sealed class X86NativeTests
{
    private static readonly Dictionary<string, string> NoNames = [];

    public static TheoryData<string> PropertyNames => new(ContractSuite.Properties.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(PropertyNames))]
    public void Native_x86_64_helpers_hold(string property)
    {
        var arch = NativeTree.X86();
        var result = ContractSuite.Check(arch, property, new ContractOptions { Cases = 60 });
        Assert.False(result.IsFailure(), $"{arch.Description}: {result}");
    }

    [Fact]
    public void The_helpers_come_from_the_x86_files_and_the_pgtable_h_defaults()
    {
        var info = NativeArch.BuildInfoOf(NativeTree.X86().Ops)!;
        var byHelper = info.Helpers.ToDictionary(h => h.Helper);

        Assert.StartsWith("6.12.", info.KernelVersion, StringComparison.Ordinal);
        Assert.Equal("arch/x86/mm/pgtable.c", byHelper["ptep_set_access_flags"].File);
        Assert.Equal("arch/x86/mm/pgtable.c", byHelper["ptep_test_and_clear_young"].File);
        Assert.Equal("arch/x86/include/asm/pgtable.h", byHelper["ptep_set_wrprotect"].File);
        Assert.Equal("arch/x86/include/asm/pgtable.h", byHelper["ptep_get_and_clear"].File);
        Assert.Equal("include/linux/pgtable.h", byHelper["wrprotect_ptes"].File);
        Assert.Equal("include/linux/pgtable.h", byHelper["clear_young_dirty_ptes"].File);
        Assert.Equal("include/linux/pgtable.h", byHelper["set_ptes"].File);
    }

    [Fact]
    public void X86s_own_ptep_get_and_clear_full_is_called_not_the_pgtable_h_default()
    {
        var arch = NativeTree.X86();
        var mm = new TestMm();
        var table = mm.NewTable(arch.Geometry);
        var f = arch.Format;
        var pte = f.MkYoung(f.MkDirty(f.MkWrite(f.PfnPte(0x100000, f.ProtFor(VmFlags.Read | VmFlags.Write)))));
        arch.Ops.SetPtes(mm, 0x4000, table[4], pte, 1);
        var before = mm.Cost.Snapshot();

        // full=1: native_local_ptep_get_and_clear(): a plain read (taken through the host) and a plain clear, no xchg.
        var old = arch.Ops.PtepGetAndClearFull(mm, 0x4000, table[4], full: true);

        var cost = mm.Cost.Snapshot() - before;
        Assert.Equal(pte, old);
        Assert.Equal(0UL, table.Peek(4).Value);
        Assert.Equal(1, cost.PteReads);
        Assert.Equal(1, cost.PteWrites);
        Assert.Equal(0, cost.AtomicUpdates);
    }

    [Fact]
    public void Race_injection_reaches_the_x86_C_code_a_plain_read_modify_write_wrprotect_loses_the_dirty_bit()
    {
        var patched = NativeTree.X86(NativeTree.TestData("x86-wrprotect-not-atomic.patch"));
        Assert.False(ContractSuite.Check(patched, "ptep_set_wrprotect/contract", new ContractOptions { Cases = 100 }).IsFailure());

        var result = ContractSuite.Check(patched, "ptep_set_wrprotect/race", new ContractOptions { Cases = 200 });

        Assert.True(result.IsFailure(), result.ToString());
        Assert.Contains("lost the dirty state a concurrent hardware store set", result.Counterexample!.ToString(), StringComparison.Ordinal);
        Assert.False(ContractSuite.Check(NativeTree.X86(), "ptep_set_wrprotect/race", new ContractOptions { Cases = 200 }).IsFailure());
    }

    [Fact]
    public void Diff_finds_no_difference_between_the_x86_model_and_the_debian_tree()
    {
        var native = NativeTree.X86();
        var results = DifferentialSuite.Compare(
            new DiffSide(NativeTree.X86Model(), "model", NoNames), new DiffSide(native, "native", NoNames), new ContractOptions { Cases = 100 });

        Assert.Empty(NativeArch.BuildInfoOf(native.Ops)!.KnownDifferences);
        // Helpers the tree does not have while the model overrides them are reported as not compared, never dropped.
        Assert.Equal([], results.Where(r => r.Skipped).Select(r => r.Helper).Order(StringComparer.Ordinal));
        Assert.Equal(24, results.Count);
        Assert.All(results, r => Assert.True(r.Passed, $"{r.Name}: {r.Counterexample}"));
    }

    [Fact]
    public void Diff_finds_a_C_helper_that_flushes_where_x86_does_not()
    {
        var patched = NativeTree.X86(NativeTree.TestData("x86-clear-flush-young-flushes.patch"));
        Assert.False(ContractSuite.Check(patched, "ptep_clear_flush_young/contract", new ContractOptions { Cases = 100 }).IsFailure());

        var results = DifferentialSuite.Compare(
            new DiffSide(NativeTree.X86Model(), "model", NoNames), new DiffSide(patched, "native", NoNames),
            new ContractOptions { Cases = 200, Helper = "ptep_clear_flush_young" });

        var r = Assert.Single(results);
        Assert.False(r.Passed);
        Assert.Contains("TLB maintenance, in order", r.Counterexample!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_pte_reads_are_rewritten_to_go_through_the_host_and_nothing_else_is()
    {
        const string source = "int f(pte_t *ptep, pte_t *xp) { pte_t res = *ptep; WRITE_ONCE(*ptep, res); return pte_same(*xp, READ_ONCE(*ptep)) || pte_young(*ptep); }";

        var rewritten = Build.NativeSourceGenerator.RewritePlainPteReads(source);

        Assert.Equal(
            "int f(pte_t *ptep, pte_t *xp) { pte_t res = READ_ONCE(*ptep); WRITE_ONCE(*ptep, res); return pte_same(READ_ONCE(*xp), READ_ONCE(*ptep)) || pte_young(READ_ONCE(*ptep)); }",
            rewritten);
    }
}
