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
        var arch = Machines.Build("arm64-4k");
        var (sys, mm) = Machines.Create(arch, 0x10000, folioOrder: 4, machine: arch.MachineSupportOrDefault.Find(preset)!);
        var ops = sys.Arch.Ops;
        var f = sys.Arch.Format;
        var page = sys.Arch.Geometry.PageSize;
        ulong Va(int i) => Machines.Base + ((ulong)i * page);
        PtePointer P(int i) => mm.PageTable.PtePointer(Va(i));
        Machines.WriteAll(sys, mm, Machines.Base, 0x10000);

        // Unfold (ptep_get_and_clear of the block's last entry), drop every cached translation, then let the CPU
        // cache a per-page entry of page 5 with a store: the entry is writable and dirty.
        var last = ops.PtepGetAndClear(mm, Va(15), P(15));
        mm.Tlb.FlushAll();
        sys.Mmu.Write(mm, Va(Stale));
        Assert.Contains(sys.DefaultAgent.Tlb.EntriesOf(mm.Id), e => e.Pages == 1 && e.BaseVpn == Va(Stale) >> sys.Arch.Geometry.PageShift);

        // set_pte_at() of the last entry refolds the block (contpte_try_fold -> contpte_convert).
        var before = sys.Counters.Snapshot();
        ops.SetPteAt(mm, Va(15), P(15), last);
        Assert.Equal(1, (sys.Counters.Snapshot() - before).Folds);

        // A caller cleans pages 0..1 only and flushes only its range, as the mmu_gather does.
        ops.ClearYoungDirtyPtes(mm, Va(0), P(0), 2, CydpFlags.Young | CydpFlags.Dirty);
        mm.Tlb.FlushRange(Va(0), Va(2), page, lastLevel: true, sync: true);
        Assert.False(f.Dirty(ops.PtepGet(P(Stale))));

        sys.Mmu.Write(mm, Va(Stale));

        Assert.Equal(dirtyAfterStore, f.Dirty(ops.PtepGet(P(Stale))));
    }

    [Fact]
    public void Madvise_free_of_the_whole_folio_flushes_the_whole_block_so_bbml2_keeps_the_store_dirty()
    {
        var arch = Machines.Build("arm64-4k");
        var (sys, mm) = Machines.Create(arch, 0x10000, folioOrder: 4, machine: arch.MachineSupportOrDefault.Find("bbml2")!);
        var ops = sys.Arch.Ops;
        var page = sys.Arch.Geometry.PageSize;
        ulong Va(int i) => Machines.Base + ((ulong)i * page);
        PtePointer P(int i) => mm.PageTable.PtePointer(Va(i));
        Machines.WriteAll(sys, mm, Machines.Base, 0x10000);
        var last = ops.PtepGetAndClear(mm, Va(15), P(15));
        mm.Tlb.FlushAll();
        sys.Mmu.Write(mm, Va(Stale));
        ops.SetPteAt(mm, Va(15), P(15), last);

        // Core mm's MADV_FREE covers the whole folio, and its flush covers every page of the block.
        Madvise.Free(mm, Machines.Base, 0x10000, MadviseFreeAlgorithm.New);
        sys.Mmu.Write(mm, Va(Stale));

        Assert.True(sys.Arch.Format.Dirty(ops.PtepGet(P(Stale))));
        Assert.Empty(sys.Oracle!.Losses);
    }
}
