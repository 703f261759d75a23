namespace ArchPgtable;

/// <summary>
/// What <see cref="PteTable.Fold{T}"/> does with each entry it reads: a struct, so the JIT specialises the loop for it
/// and nothing is allocated. It accumulates in its own fields (the fold is passed by reference).
/// </summary>
public interface IPteFold
{
    /// <summary>Takes in the next entry read.</summary>
    void Add(Pte pte);
}
