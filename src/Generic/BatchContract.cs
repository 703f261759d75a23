using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace ArchPgtable.Generic;

/// <summary>
/// The checks every helper makes before it touches an entry: a real pointer, <c>nr ≥ 1</c>, the
/// range inside one PTE table, a page-aligned address that matches the pointer, valid flags.
/// Each failure throws an <see cref="ArgumentException"/> naming the helper and the violation.
/// </summary>
/// <remarks>Kernel: the "Context:" clause of every *_ptes() kernel-doc, and the VM_WARN_ON()s that guard it.</remarks>
public static class BatchContract
{
    /// <summary>Checks a single-entry helper's arguments.</summary>
    /// <param name="geometry">The geometry the helper assumes.</param>
    /// <param name="helper">The kernel name of the helper, for the message.</param>
    /// <param name="addr">The virtual address of the entry.</param>
    /// <param name="ptep">The entry.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckSingle(ArchGeometry geometry, string helper, ulong addr, PtePointer ptep) =>
        CheckBatch(geometry, helper, addr, ptep, 1);

    /// <summary>Checks a pointer-only helper's arguments (no address).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckPointer(ArchGeometry geometry, string helper, PtePointer ptep)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        CheckPointer(geometry.PtrsPerPte, helper, ptep);
    }

    /// <summary>Checks a pointer-only helper's arguments (no address) against a table size the caller already holds.</summary>
    /// <param name="ptrsPerPte">The geometry's PTRS_PER_PTE.</param>
    /// <param name="helper">The kernel name of the helper, for the message.</param>
    /// <param name="ptep">The entry.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckPointer(int ptrsPerPte, string helper, PtePointer ptep)
    {
        var table = ptep.Table;
        if (table is null || table.Count != ptrsPerPte)
        {
            ThrowBadPointer(ptrsPerPte, helper, ptep);
        }
    }

    /// <summary>Checks a batch helper's arguments.</summary>
    /// <param name="geometry">The geometry the helper assumes.</param>
    /// <param name="helper">The kernel name of the helper, for the message.</param>
    /// <param name="addr">The virtual address of the first entry.</param>
    /// <param name="ptep">The first entry.</param>
    /// <param name="nr">The number of entries.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckBatch(ArchGeometry geometry, string helper, ulong addr, PtePointer ptep, int nr)
    {
        CheckPointer(geometry, helper, ptep);

        // The pointer is valid, so 0 ≤ Index < Count: nr - 1 as unsigned is below EntriesToTableEnd
        // exactly when 1 ≤ nr ≤ EntriesToTableEnd. The address is page-aligned and maps Index exactly
        // when its offset inside the PMD span is Index pages.
        var shift = geometry.PageShift;
        var pmdOffset = addr & (((ulong)geometry.PtrsPerPte << shift) - 1);
        if ((uint)(nr - 1) >= (uint)ptep.EntriesToTableEnd || pmdOffset != (ulong)ptep.Index << shift)
        {
            ThrowBadBatch(geometry, helper, addr, ptep, nr);
        }
    }

    /// <summary>Checks <see cref="IPageTableOps.ClearYoungDirtyPtes"/> flags.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckCydpFlags(CydpFlags flags)
    {
        if (flags == CydpFlags.None || (flags & ~(CydpFlags.Young | CydpFlags.Dirty)) != 0)
        {
            ThrowBadCydpFlags(flags);
        }
    }

    /// <summary>Checks (without counting the reads) that every entry of the batch is present.</summary>
    /// <remarks>Kernel: batch contract rule 5 ("called only on present PTEs").</remarks>
    public static void CheckPresent(IPteFormat format, string helper, PtePointer ptep, int nr)
    {
        ArgumentNullException.ThrowIfNull(format);
        for (var i = 0; i < nr; i++)
        {
            var pte = ptep.Table.Peek(ptep.Index + i);
            if (!format.Present(pte))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{helper}: entry {i} of the batch (PTE index {ptep.Index + i}) is not present ({format.Describe(pte)}); batch helpers take present entries only."),
                    nameof(ptep));
            }
        }
    }

    /// <summary>Checks (without counting the reads) that no entry of the batch is present.</summary>
    /// <remarks>Kernel: clear_nonpresent_ptes() "Context: … The PTEs are all not present."</remarks>
    public static void CheckNotPresent(IPteFormat format, string helper, PtePointer ptep, int nr)
    {
        ArgumentNullException.ThrowIfNull(format);
        for (var i = 0; i < nr; i++)
        {
            var pte = ptep.Table.Peek(ptep.Index + i);
            if (format.Present(pte))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{helper}: entry {i} of the batch (PTE index {ptep.Index + i}) is present ({format.Describe(pte)}); this helper takes non-present entries only."),
                    nameof(ptep));
            }
        }
    }

    /// <summary>Checks (without counting the reads) that every target of a multi-entry <c>set_ptes</c> is none and the new entry is present.</summary>
    /// <remarks>Kernel: set_ptes() rule: with nr &gt; 1 every target starts not present and every new PTE is present.</remarks>
    public static void CheckSetPtes(IPteFormat format, PtePointer ptep, Pte pte, int nr)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (nr == 1)
        {
            return;
        }

        if (!format.Present(pte))
        {
            throw new ArgumentException($"set_ptes: with nr={nr} the new entry must be present ({format.Describe(pte)}).", nameof(pte));
        }

        for (var i = 0; i < nr; i++)
        {
            var old = ptep.Table.Peek(ptep.Index + i);
            if (format.Present(old))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"set_ptes: with nr={nr} every target must start not present, but entry {i} (PTE index {ptep.Index + i}) is {format.Describe(old)}."),
                    nameof(ptep));
            }
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadPointer(int ptrsPerPte, string helper, PtePointer ptep)
    {
        if (ptep.Table is null)
        {
            throw new ArgumentException($"{helper}: ptep is a null PTE pointer.", nameof(ptep));
        }

        throw new ArgumentException(
            $"{helper}: the PTE table has {ptep.Table.Count} entries but PTRS_PER_PTE is {ptrsPerPte}.",
            nameof(ptep));
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadBatch(ArchGeometry geometry, string helper, ulong addr, PtePointer ptep, int nr)
    {
        if (nr < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(nr), nr, $"{helper}: nr must be at least 1 (got {nr}).");
        }

        if (nr > ptep.EntriesToTableEnd)
        {
            throw new ArgumentOutOfRangeException(nameof(nr), nr, string.Create(CultureInfo.InvariantCulture,
                $"{helper}: nr={nr} from PTE index {ptep.Index} crosses the PTE table boundary ({ptep.Table.Count} entries); a batch never leaves one PMD."));
        }

        if ((addr & (geometry.PageSize - 1)) != 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{helper}: addr 0x{addr:x} is not aligned to the {geometry.PageSize}-byte page size."), nameof(addr));
        }

        var index = geometry.PteIndex(addr);
        if (index != ptep.Index)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{helper}: addr 0x{addr:x} maps PTE index {index} but ptep points at index {ptep.Index}."), nameof(addr));
        }

        throw new UnreachableException($"{helper}: ThrowBadBatch called for a valid batch.");
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadCydpFlags(CydpFlags flags) =>
        throw new ArgumentException(
            $"clear_young_dirty_ptes: flags must be CYDP_CLEAR_YOUNG, CYDP_CLEAR_DIRTY or both (got {(int)flags}).",
            nameof(flags));
}
