namespace ArchPgtable.Contracts.Checking;

/// <summary>A call with concrete arguments: the range <c>[Start, Start + Nr)</c> of table indices and the helper-specific values.</summary>
/// <param name="Start">The first entry's table index.</param>
/// <param name="Nr">The number of entries.</param>
/// <param name="Flags">CYDP flags.</param>
/// <param name="Full">The <c>full</c> argument.</param>
/// <param name="Entry">The entry argument (set_ptes, set_pte_at, ptep_set_access_flags).</param>
/// <param name="Dirty">The <c>dirty</c> argument of ptep_set_access_flags.</param>
/// <param name="Variant">The generated variant number.</param>
internal readonly record struct ResolvedCall(int Start, int Nr, CydpFlags Flags, bool Full, Pte Entry, bool Dirty, int Variant)
{
    /// <summary>The <c>old_pte</c> argument of modify_prot_commit_ptes() / ptep_modify_prot_commit(): what the start returned.</summary>
    public Pte OldEntry { get; init; }

    /// <summary>One past the last entry.</summary>
    public int End => Start + Nr;

    /// <summary>True when <paramref name="index"/> is in the range.</summary>
    public bool Contains(int index) => index >= Start && index < End;
}
