using System.Globalization;

namespace ArchPgtable.Mm.Operations;

/// <summary>Argument checks shared by the mm operations.</summary>
internal static class RangeCheck
{
    /// <summary>Checks that <c>[start, start+length)</c> is page-aligned and non-empty; returns the end.</summary>
    public static ulong Range(MmStruct mm, string op, ulong start, ulong length)
    {
        ArgumentNullException.ThrowIfNull(mm);
        var page = mm.System.Arch.Geometry.PageSize;
        if (length == 0 || (start & (page - 1)) != 0 || (length & (page - 1)) != 0 || start + length < start)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{op}: start 0x{start:x} and length 0x{length:x} must be non-zero multiples of the {page}-byte page size."));
        }

        return start + length;
    }

    /// <summary>The end of the PMD-sized chunk that starts at <paramref name="addr"/>, capped at <paramref name="end"/>.</summary>
    /// <remarks>Kernel: pmd_addr_end()</remarks>
    public static ulong PmdEnd(MmStruct mm, ulong addr, ulong end)
    {
        var size = mm.System.Arch.Geometry.PmdSize;
        var next = (addr & ~(size - 1)) + size;
        return next < end && next != 0 ? next : end;
    }
}
