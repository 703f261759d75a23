using ArchPgtable.Mm.Operations;

namespace ArchPgtable.Contracts.Tests.KnownBad;

/// <summary>
/// Known-bad <c>folio_pte_batch_flags()</c>: it drops FPB_RESPECT_SOFT_DIRTY, so a batch runs across entries whose
/// soft-dirty bits differ and a caller that keeps soft-dirty per entry (mprotect, fork of a soft-dirty range) would
/// give every page of the batch the first entry's soft-dirty state.
/// </summary>
internal static class SoftDirtyBlindFolioPteBatch
{
    public static int BatchFlags(IPageTableOps ops, FolioExtent folio, PtePointer ptep, ref Pte ptent, int maxNr, FpbFlags flags) =>
        FolioPteBatch.BatchFlags(ops, folio, ptep, ref ptent, maxNr, flags & ~FpbFlags.RespectSoftDirty);
}
