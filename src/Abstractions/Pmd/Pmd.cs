using System.Globalization;

namespace ArchPgtable;

/// <summary>A raw PMD entry (64 bits). A PMD table is stored as a <see cref="PteTable"/> of the same width, so a PMD slot is a <see cref="PtePointer"/>.</summary>
/// <param name="Value">The raw descriptor.</param>
/// <remarks>Kernel: pmd_t, pmd_val()</remarks>
public readonly record struct Pmd(ulong Value)
{
    /// <summary>The empty entry.</summary>
    /// <remarks>Kernel: __pmd(0), pmd_none()</remarks>
    public static Pmd None => default;

    /// <summary>True for the empty entry.</summary>
    public bool IsNone => Value == 0;

    /// <summary>The same bits seen as a PTE (the leaf attribute bits are shared).</summary>
    /// <remarks>Kernel: pmd_pte()</remarks>
    public Pte AsPte => new(Value);

    /// <summary>The same bits seen as a PMD.</summary>
    /// <remarks>Kernel: pte_pmd()</remarks>
    public static Pmd FromPte(Pte pte) => new(pte.Value);

    /// <inheritdoc />
    public override string ToString() => "0x" + Value.ToString("x16", CultureInfo.InvariantCulture);
}
