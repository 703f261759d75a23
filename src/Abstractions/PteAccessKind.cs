namespace ArchPgtable;

/// <summary>The kind of access made to a PTE word through <see cref="PteTable"/>.</summary>
public enum PteAccessKind
{
    /// <summary>A single-copy-atomic read by software.</summary>
    /// <remarks>Kernel: READ_ONCE(*ptep) in __ptep_get().</remarks>
    Read,

    /// <summary>A plain store by software.</summary>
    /// <remarks>Kernel: WRITE_ONCE(*ptep, pte) in __set_pte().</remarks>
    Write,

    /// <summary>An atomic exchange by software.</summary>
    /// <remarks>Kernel: xchg() in __ptep_get_and_clear().</remarks>
    Exchange,

    /// <summary>An atomic compare-and-exchange by software.</summary>
    /// <remarks>Kernel: cmpxchg_relaxed() / try_cmpxchg().</remarks>
    CompareExchange,

    /// <summary>A compare-and-exchange made by the hardware table walker (access flag or dirty update).</summary>
    /// <remarks>Kernel: none; the MMU's atomic descriptor update (FEAT_HAFDBS, x86 locked A/D update, Svadu).</remarks>
    Hardware,
}
