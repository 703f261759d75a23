using ArchPgtable.X86.Tests.Support;

namespace ArchPgtable.X86.Tests;

/// <summary>x86's helpers keep the batch contract checks of the generic layer.</summary>
public class BatchContractTests
{
    [Fact]
    public void A_batch_that_crosses_the_pte_table_is_rejected_naming_the_helper()
    {
        var w = new X86World();
        w.Map(500, X86World.BasePfn, 12);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => w.Ops.WrprotectPtes(w.Mm, w.Addr(500), w.P(500), 13));
        Assert.Contains("wrprotect_ptes: nr=13 from PTE index 500 crosses the PTE table boundary", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nr_zero_a_mismatched_address_and_a_non_present_entry_are_rejected()
    {
        var w = new X86World();
        w.Map(0, X86World.BasePfn, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => w.Ops.ClearFullPtes(w.Mm, w.Addr(0), w.P(0), 0, false));
        var addr = Assert.Throws<ArgumentException>(() => w.Ops.PtepGetAndClear(w.Mm, w.Addr(1), w.P(0)));
        Assert.Contains("ptep_get_and_clear: addr", addr.Message, StringComparison.Ordinal);
        var hole = Assert.Throws<ArgumentException>(() => w.Ops.ClearYoungDirtyPtes(w.Mm, w.Addr(2), w.P(2), 4, CydpFlags.Young));
        Assert.Contains("entry 2 of the batch (PTE index 4) is not present (none)", hole.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_entry_set_ptes_over_a_present_entry_is_rejected()
    {
        var w = new X86World();
        w.Map(3, X86World.BasePfn, 1);
        var e = Assert.Throws<ArgumentException>(() => w.Map(0, X86World.BasePfn, 4));
        Assert.Contains("entry 3 (PTE index 3) is PRESENT|RW|USER|ACCESSED|NX pfn=0x12340", e.Message, StringComparison.Ordinal);
    }
}
