namespace ArchPgtable;

/// <summary>
/// A pure per-entry modification for <see cref="PteTable.Transform{T}"/>: a struct, so the JIT
/// specialises the loop for it and nothing is allocated.
/// </summary>
public interface IPteTransform
{
    /// <summary>The new value of an entry that held <paramref name="pte"/>.</summary>
    Pte Apply(Pte pte);
}
