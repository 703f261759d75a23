using System.Globalization;

namespace ArchPgtable;

/// <summary>A page-table entry value: the raw 64-bit descriptor word.</summary>
/// <remarks>Kernel: pte_t (pte_val(), __pte()).</remarks>
public readonly record struct Pte(ulong Value)
{
    /// <summary>The all-zero entry.</summary>
    /// <remarks>Kernel: __pte(0); pte_none() is true for it on every modelled arch.</remarks>
    public static Pte None => default;

    /// <summary>True when every bit is zero.</summary>
    /// <remarks>Kernel: pte_none()</remarks>
    public bool IsNone => Value == 0;

    /// <summary>Returns the raw value in kernel-style hexadecimal.</summary>
    public override string ToString() => "0x" + Value.ToString("x16", CultureInfo.InvariantCulture);
}
