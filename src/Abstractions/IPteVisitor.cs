namespace ArchPgtable;

/// <summary>
/// A reader for <see cref="PteTable.Scan{T}"/>: sees each entry in turn and says whether to read the next one. A
/// struct, passed by reference, so the JIT specialises the loop for it, it keeps its state in place and nothing is
/// allocated.
/// </summary>
public interface IPteVisitor
{
    /// <summary>Sees the entry just read; false stops the scan (that entry still counts as read).</summary>
    bool Visit(Pte pte);
}
