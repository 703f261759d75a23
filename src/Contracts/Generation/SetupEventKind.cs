namespace ArchPgtable.Contracts.Generation;

/// <summary>What happens to a generated state after its folios are mapped.</summary>
internal enum SetupEventKind
{
    /// <summary>A load by the CPU through the TLB/MMU (a fault is fixed as the fault handler would).</summary>
    Read,

    /// <summary>A store by the CPU through the TLB/MMU (a fault is fixed as the fault handler would).</summary>
    Write,

    /// <summary><c>ptep_set_wrprotect()</c> of one entry (fork of an order-0 page; unfolds a contiguous block).</summary>
    Wrprotect,

    /// <summary><c>ptep_get_and_clear()</c> + <c>set_pte_at()</c> of the last entry of a block: the refold path.</summary>
    Refold,

    /// <summary><c>ptep_test_and_clear_young()</c> of one entry (reclaim aging).</summary>
    Age,
}
