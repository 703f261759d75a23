namespace ArchPgtable.Mm.Operations;

/// <summary>What reclaim decided for one folio.</summary>
public enum ReclaimOutcome
{
    /// <summary>Referenced since the last scan: kept (and its young bits cleared).</summary>
    KeptReferenced,

    /// <summary>Mapped where this scan cannot see it, or locked: kept.</summary>
    KeptBusy,

    /// <summary>Lazyfree and clean in every PTE: discarded without writing it anywhere.</summary>
    Discarded,

    /// <summary>Lazyfree but written after MADV_FREE: made swap-backed again and kept.</summary>
    Redirtied,

    /// <summary>Anonymous and swap-backed: written to swap, PTEs replaced by swap entries.</summary>
    SwappedOut,
}
