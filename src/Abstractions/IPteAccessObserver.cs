namespace ArchPgtable;

/// <summary>
/// An optional hook called around every access to a PTE word. It lets a test inject
/// hardware updates between two software accesses (race injection) or record the set of
/// entries a helper wrote. Set <see cref="PteTable.Observer"/> to null (the default) for
/// the fast path.
/// </summary>
/// <remarks>Kernel: none; the simulator's stand-in for concurrent hardware and page_table_check.</remarks>
public interface IPteAccessObserver
{
    /// <summary>Called before the access reads the word. The observer may change the table
    /// (for example through <see cref="PteTable.HardwareCompareExchange"/>); the access then sees the new value.</summary>
    /// <param name="table">The table accessed.</param>
    /// <param name="index">The entry index.</param>
    /// <param name="kind">The kind of access about to happen.</param>
    void BeforeAccess(PteTable table, int index, PteAccessKind kind);

    /// <summary>Called after the access with the word's value before and after it.</summary>
    /// <param name="table">The table accessed.</param>
    /// <param name="index">The entry index.</param>
    /// <param name="kind">The kind of access that happened.</param>
    /// <param name="before">The value the access found.</param>
    /// <param name="after">The value the word holds now (equal to <paramref name="before"/> for reads and failed compare-exchanges).</param>
    void AfterAccess(PteTable table, int index, PteAccessKind kind, Pte before, Pte after);
}
