namespace ArchPgtable;

/// <summary>What a non-present, non-none entry records: a swap slot, a migration entry or a marker.</summary>
/// <remarks>
/// Kernel: the type field of swp_entry_t / softleaf_t (swp_type(), softleaf_type()): real swap devices
/// below MAX_SWAPFILES, then SWP_MIGRATION_READ / _READ_EXCLUSIVE / _WRITE and SWP_PTE_MARKER. Device-private,
/// device-exclusive and hwpoison entries are not modelled.
/// </remarks>
public enum NonPresentKind
{
    /// <summary>A swap slot (swap device 0).</summary>
    /// <remarks>Kernel: swp_entry(0, offset); is_swap_entry()</remarks>
    Swap = 0,

    /// <summary>A read migration entry: the page is being migrated and was mapped read-only.</summary>
    /// <remarks>Kernel: SWP_MIGRATION_READ; make_readable_migration_entry()</remarks>
    MigrationRead = 1,

    /// <summary>A read migration entry of an exclusive anonymous page.</summary>
    /// <remarks>Kernel: SWP_MIGRATION_READ_EXCLUSIVE; make_readable_exclusive_migration_entry()</remarks>
    MigrationReadExclusive = 2,

    /// <summary>A write migration entry: the page was mapped writable.</summary>
    /// <remarks>Kernel: SWP_MIGRATION_WRITE; make_writable_migration_entry()</remarks>
    MigrationWrite = 3,

    /// <summary>A PTE marker (uffd-wp, guard region, poisoned); the offset holds the marker bits.</summary>
    /// <remarks>Kernel: SWP_PTE_MARKER; make_pte_marker() (PTE_MARKER_UFFD_WP = 1, PTE_MARKER_POISONED = 2, PTE_MARKER_GUARD = 4)</remarks>
    Marker = 4,
}
