using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace ArchPgtable;

/// <summary>
/// A pointer to one PTE: a table and an index. Arithmetic that leaves the table throws, so a
/// helper can never walk off its PTE table into the next one.
/// </summary>
/// <remarks>Kernel: pte_t *ptep</remarks>
public readonly struct PtePointer : IEquatable<PtePointer>
{
    /// <summary>Creates a pointer to entry <paramref name="index"/> of <paramref name="table"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the table.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PtePointer(PteTable table, int index)
    {
        ArgumentNullException.ThrowIfNull(table);
        if ((uint)index >= (uint)table.Count)
        {
            ThrowIndexOutside(table, index);
        }

        Table = table;
        Index = index;
    }

    /// <summary>An already-checked pointer: <paramref name="index"/> is known to lie inside <paramref name="table"/>.</summary>
    private PtePointer(PteTable table, uint index)
    {
        Table = table;
        Index = (int)index;
    }

    /// <summary>The table pointed into.</summary>
    public PteTable Table { get; }

    /// <summary>The entry index inside <see cref="Table"/>.</summary>
    public int Index { get; }

    /// <summary>Entries from this one to the end of the table, this one included.</summary>
    public int EntriesToTableEnd => Table.Count - Index;

    /// <summary>Reads the entry.</summary>
    /// <remarks>Kernel: READ_ONCE(*ptep) / __ptep_get()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Pte Read() => Table.Read(Index);

    /// <summary>Stores the entry.</summary>
    /// <remarks>Kernel: WRITE_ONCE(*ptep, pte) / __set_pte()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(Pte value) => Table.Write(Index, value);

    /// <summary>Atomically replaces the entry, returning the old value.</summary>
    /// <remarks>Kernel: xchg()</remarks>
    public Pte Exchange(Pte value) => Table.Exchange(Index, value);

    /// <summary>
    /// Replaces the entry with <paramref name="transform"/> applied to it by a compare-and-exchange
    /// loop: read, compute, exchange if the entry still holds what was read, else recompute from
    /// what it holds now. A concurrent (hardware) update is never lost unless the transform drops
    /// it. Returns the value replaced.
    /// </summary>
    /// <remarks>Kernel: the try_cmpxchg() loop of ptep_set_wrprotect() (x86), ___ptep_set_wrprotect() and __ptep_test_and_clear_young() (arm64)</remarks>
    public Pte CompareExchangeLoop<T>(T transform)
        where T : IPteTransform
    {
        var pte = Read();
        for (; ; )
        {
            var found = CompareExchange(transform.Apply(pte), pte);
            if (found == pte)
            {
                return pte;
            }

            pte = found;
        }
    }

    /// <summary>Atomically replaces the entry if it equals <paramref name="comparand"/>; returns the value found.</summary>
    /// <remarks>Kernel: cmpxchg_relaxed()</remarks>
    public Pte CompareExchange(Pte value, Pte comparand) => Table.CompareExchange(Index, value, comparand);

    /// <summary>Reads the entry without counting or observing the access.</summary>
    public Pte Peek() => Table.Peek(Index);

    /// <summary>The pointer <paramref name="n"/> entries further on.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The result would leave the PTE table.</exception>
    /// <remarks>Kernel: ptep + n</remarks>
    public static PtePointer operator +(PtePointer p, int n) => p.Offset(n);

    /// <summary>The pointer <paramref name="n"/> entries back.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The result would leave the PTE table.</exception>
    /// <remarks>Kernel: ptep - n</remarks>
    public static PtePointer operator -(PtePointer p, int n) => p.Offset(-n);

    /// <summary>The distance in entries between two pointers into the same table.</summary>
    /// <exception cref="ArgumentException">The pointers are in different tables.</exception>
    public static int operator -(PtePointer a, PtePointer b)
    {
        if (!ReferenceEquals(a.Table, b.Table))
        {
            throw new ArgumentException("Cannot subtract pointers into different PTE tables.", nameof(b));
        }

        return a.Index - b.Index;
    }

    /// <summary>The pointer <paramref name="n"/> entries away (negative goes back).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The result would leave the PTE table.</exception>
    /// <exception cref="InvalidOperationException">This is the default (null) pointer.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PtePointer Offset(int n)
    {
        var table = Table;
        if (table is null)
        {
            ThrowNullOffset(n);
        }

        // Index is in 0..Count-1: a negative target, or one past int.MaxValue (which wraps negative),
        // is at least 2^31 as unsigned, so one unsigned compare covers both ends.
        var target = (uint)(Index + n);
        if (target >= (uint)table.Count)
        {
            ThrowOffsetOutside(table, Index, n);
        }

        return new PtePointer(table, target);
    }

    /// <summary>The pointer to the first entry of the naturally aligned group of <paramref name="entries"/> containing this one.</summary>
    /// <remarks>Kernel: contpte_align_down()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PtePointer AlignDown(int entries) => new(Table, Index & ~(entries - 1));

    /// <summary>Same table and index.</summary>
    public bool Equals(PtePointer other) => ReferenceEquals(Table, other.Table) && Index == other.Index;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PtePointer other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Table, Index);

    /// <summary>Same table and index.</summary>
    public static bool operator ==(PtePointer left, PtePointer right) => left.Equals(right);

    /// <summary>Different table or index.</summary>
    public static bool operator !=(PtePointer left, PtePointer right) => !left.Equals(right);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowIndexOutside(PteTable table, int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index,
            $"PTE index {index} is outside the PTE table (0..{table.Count - 1}).");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNullOffset(int n) =>
        throw new InvalidOperationException($"ptep + {n} on a null (default) PTE pointer.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOffsetOutside(PteTable table, int index, int n) =>
        throw new ArgumentOutOfRangeException(nameof(n), n,
            $"ptep + {n} leaves the PTE table: index {index} + {n} is outside 0..{table.Count - 1}.");

    /// <summary>The pointer as <c>table@0x…[index]</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"pte[{Index}] of table@0x{Table?.BaseAddress ?? 0:x}");
}
