namespace ArchPgtable.Mm.Operations;

/// <summary>How <see cref="FolioPteBatch.BatchFlags"/> compares and merges the entries of a batch.</summary>
/// <remarks>Kernel: fpb_t (mm/internal.h, v6.17+: David Hildenbrand, "folio_pte_batch() improvements").</remarks>
[Flags]
public enum FpbFlags
{
    /// <summary>Ignore dirty, soft-dirty, write and young; merge nothing (what <c>folio_pte_batch()</c> passes).</summary>
    None = 0,

    /// <summary>Entries that differ in dirty end the batch.</summary>
    /// <remarks>Kernel: FPB_RESPECT_DIRTY</remarks>
    RespectDirty = 1 << 0,

    /// <summary>Entries that differ in soft-dirty end the batch.</summary>
    /// <remarks>Kernel: FPB_RESPECT_SOFT_DIRTY</remarks>
    RespectSoftDirty = 1 << 1,

    /// <summary>Entries that differ in write end the batch.</summary>
    /// <remarks>Kernel: FPB_RESPECT_WRITE</remarks>
    RespectWrite = 1 << 2,

    /// <summary>If any later entry of the batch is writable, make the caller's copy of the first entry writable.</summary>
    /// <remarks>Kernel: FPB_MERGE_WRITE</remarks>
    MergeWrite = 1 << 3,

    /// <summary>If any later entry of the batch is young (dirty), make the caller's copy of the first entry young (dirty).</summary>
    /// <remarks>Kernel: FPB_MERGE_YOUNG_DIRTY</remarks>
    MergeYoungDirty = 1 << 4,
}
