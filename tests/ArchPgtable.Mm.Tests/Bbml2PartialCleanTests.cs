using ArchPgtable.Mm.Operations;

namespace ArchPgtable.Mm.Tests;

/// <summary>
/// The finding the <c>bbml2</c> preset declares (<c>Arm64KnownFindings.Bbml2</c>), built step by step: a fold whose
/// <c>contpte_convert()</c> elides its TLBI leaves per-page TLB entries of the block cached; a clean of part of the
/// block (widened to the whole block) followed by a flush of only that part leaves a stale writable-dirty entry
/// elsewhere in the block, so a store through it does not set the dirty state. Without BBML2_NOABORT the fold
/// flushes and the same store sets it. The random contract generator seldom builds this four-step state, so
/// <c>verify</c> on <c>bbml2</c> reports the declaration as XPASS; this test is what shows the finding is real.
/// </summary>
public class Bbml2PartialCleanTests
{
    private const int Stale = 5;

    [Theory]
    [InlineData("bbml2", false)]
    [InlineData("hafdbs", true)]
    public void A_store_after_a_partial_clean_of_a_refolded_block_sets_dirty_only_when_the_fold_flushed(string preset, bool dirtyAfterStore)
    {
        var b = Refolded(preset);

        // A caller cleans pages 0..1 only and flushes only its range, as the mmu_gather does.
        b.Ops.ClearYoungDirtyPtes(b.Mm, b.Va(0), b.P(0), 2, CydpFlags.Young | CydpFlags.Dirty);
        b.Mm.Tlb.FlushRange(b.Va(0), b.Va(2), b.Sys.Arch.Geometry.PageSize, lastLevel: true, sync: true);
        Assert.False(b.Dirty(Stale));

        b.Sys.Mmu.Write(b.Mm, b.Va(Stale));

        Assert.Equal(dirtyAfterStore, b.Dirty(Stale));
    }

    [Fact]
    public void Madvise_free_of_the_whole_folio_flushes_the_whole_block_so_bbml2_keeps_the_store_dirty()
    {
        var b = Refolded("bbml2");

        // Core mm's MADV_FREE covers the whole folio, and its flush covers every page of the block.
        Madvise.Free(b.Mm, Machines.Base, 0x10000, MadviseFreeAlgorithm.New);
        b.Sys.Mmu.Write(b.Mm, b.Va(Stale));

        Assert.True(b.Dirty(Stale));
        Assert.Empty(b.Sys.Oracle!.Losses);
    }

    /// <summary>
    /// A written 64K folio whose block was unfolded (ptep_get_and_clear of its last entry), whose translations were all
    /// dropped, whose page 5 the CPU then stored to (caching a writable, dirty per-page entry), and whose block
    /// set_pte_at() of the last entry refolded (contpte_try_fold -> contpte_convert).
    /// </summary>
    private static Block Refolded(string preset)
    {
        var arch = Machines.Build("arm64-4k");
        var (sys, mm) = Machines.Create(arch, 0x10000, folioOrder: 4, machine: arch.MachineSupportOrDefault.Find(preset)!);
        var b = new Block(sys, mm);
        Machines.WriteAll(sys, mm, Machines.Base, 0x10000);
        var last = b.Ops.PtepGetAndClear(mm, b.Va(15), b.P(15));
        mm.Tlb.FlushAll();
        sys.Mmu.Write(mm, b.Va(Stale));
        Assert.Contains(sys.DefaultAgent.Tlb.EntriesOf(mm.Id), e => e.Pages == 1 && e.BaseVpn == b.Va(Stale) >> sys.Arch.Geometry.PageShift);

        var before = sys.Counters.Snapshot();
        b.Ops.SetPteAt(mm, b.Va(15), b.P(15), last);
        Assert.Equal(1, (sys.Counters.Snapshot() - before).Folds);
        return b;
    }

    private sealed record Block(MmSystem Sys, MmStruct Mm)
    {
        public IPageTableOps Ops => Sys.Arch.Ops;

        public ulong Va(int i) => Machines.Base + ((ulong)i * Sys.Arch.Geometry.PageSize);

        public PtePointer P(int i) => Mm.PageTable.PtePointer(Va(i));

        public bool Dirty(int i) => Sys.Arch.Format.Dirty(Ops.PtepGet(P(i)));
    }
}
