using System.Globalization;
using System.Runtime.CompilerServices;

namespace ArchPgtable.Contracts.World;

/// <summary>
/// One entry as core mm sees it through <c>ptep_get()</c>: present, PFN, write, young, dirty and the
/// remaining attributes (A/D, write and the arch's private view bits normalised away). Not-present
/// entries compare by raw value.
/// </summary>
/// <remarks>Kernel: what pte_present(), pte_pfn(), pte_write(), pte_young(), pte_dirty() and pte_pgprot() report for ptep_get(ptep).</remarks>
internal readonly record struct PteView(Pte Value, bool Present, ulong Pfn, bool Write, bool Young, bool Dirty, ulong Attr)
{
    /// <summary>Decodes <paramref name="value"/>; <paramref name="privateBits"/> are masked out of <see cref="Attr"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PteView Of(IPteFormat format, Pte value, ulong privateBits)
    {
        if (!format.Present(value))
        {
            return new PteView(value, false, 0, false, false, false, value.Value);
        }

        var attr = format.Pgprot(format.MkOld(format.MkClean(format.WrProtect(value)))).Value & ~privateBits;
        return new PteView(value, true, format.Pfn(value), format.Write(value), format.Young(value), format.Dirty(value), attr);
    }

    /// <summary>True when present, PFN, write and attributes agree (young and dirty may differ).</summary>
    public bool SameMapping(in PteView other) =>
        Present == other.Present && Pfn == other.Pfn && Write == other.Write && Attr == other.Attr;

    /// <summary>True when everything core mm can see agrees.</summary>
    public bool SameView(in PteView other) => SameMapping(other) && Young == other.Young && Dirty == other.Dirty;

    /// <summary>A short form: <c>present pfn=0x… W Y D</c> or <c>none</c> / <c>not present 0x…</c>.</summary>
    public string Short() => !Present
        ? (Value.IsNone ? "none" : "not present " + Value)
        : string.Create(CultureInfo.InvariantCulture,
            $"pfn=0x{Pfn:x}{(Write ? " write" : " ro")}{(Young ? " young" : " old")}{(Dirty ? " dirty" : " clean")}");
}
