namespace ArchPgtable;

/// <summary>What <see cref="IPageTableOps.ClearYoungDirtyPtes"/> clears.</summary>
/// <remarks>Kernel: cydp_t (CYDP_CLEAR_YOUNG, CYDP_CLEAR_DIRTY).</remarks>
[Flags]
public enum CydpFlags
{
    /// <summary>Nothing; not a valid argument to the helper.</summary>
    None = 0,

    /// <summary>Clear the access flag.</summary>
    /// <remarks>Kernel: CYDP_CLEAR_YOUNG</remarks>
    Young = 1,

    /// <summary>Clear the dirty state.</summary>
    /// <remarks>Kernel: CYDP_CLEAR_DIRTY</remarks>
    Dirty = 2,
}
