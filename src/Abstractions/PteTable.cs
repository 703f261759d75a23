using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ArchPgtable;

/// <summary>
/// One last-level page table: a page of PTE words (512 for 4 KiB pages). Every access to a
/// word goes through this API, which counts it in <see cref="Counters"/> when counters are attached and, when
/// <see cref="Observer"/> is set, reports it. No helper touches the words any other way. With nothing attached an
/// access is the array access (whose index check is also the observer test) and one null test of the counters; the batch
/// primitives (<see cref="Transform{T}"/>, <see cref="UpdateBits"/>, <see cref="WriteRun{T}"/>, <see cref="Fold{T}"/>)
/// test the hooks once per batch; and where <see cref="HooksSupported"/> is switched off, the JIT drops the hooks.
/// </summary>
/// <remarks>Kernel: the PTE page of a PMD (pte_t *, pte_offset_map()).</remarks>
public sealed class PteTable
{
    private readonly ulong[] _words;

    // _words while no observer is attached, else an empty array: Read and Write test the index against its length,
    // which is both the bounds check and the observer test (an observer sends every index to the observed path), then
    // count if counters are attached. Counted or not, the inlined access stays this small: a second array for
    // "nothing attached" in front of it made MADV_FREE, which reads counted tables, 4-6% slower (interleaved against
    // 19b290d, five runs; 3-15% in session 8) and still left single-entry helpers 5-9% over the hook-free code. A
    // process that attaches nothing switches the hooks off instead (HooksSupported), and the batch primitives test them
    // once per batch (README, "What the hooks cost with nothing attached").
    private ulong[] _plain;
    private IPteAccessObserver? _observer;
    private CostCounters? _counters;

    /// <summary>Creates a table of <paramref name="entries"/> zero (none) entries.</summary>
    /// <param name="entries">Entries per table (the geometry's PTRS_PER_PTE); a power of two.</param>
    /// <param name="counters">Where accesses are counted; when null nothing is counted until <see cref="Counters"/> is set.</param>
    /// <param name="baseAddress">The virtual address mapped by entry 0 (aligned to the table's span), for diagnostics.</param>
    public PteTable(int entries, CostCounters? counters = null, ulong baseAddress = 0)
    {
        if (entries <= 0 || (entries & (entries - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(entries), entries, "PTRS_PER_PTE must be a positive power of two.");
        }

        _words = new ulong[entries];
        _plain = _words;
        Counters = counters;
        BaseAddress = baseAddress;
    }

    /// <summary>
    /// The <see cref="AppContext"/> switch that says whether tables can have counters or an observer attached in this
    /// process: <c>&lt;RuntimeHostConfigurationOption Include="ArchPgtable.PteTable.HooksSupported" Value="false" /&gt;</c>
    /// in a project (or <c>"configProperties": { "ArchPgtable.PteTable.HooksSupported": false }</c> in its
    /// runtimeconfig.json) turns them off for a process that never counts or observes.
    /// </summary>
    public const string HooksSupportedSwitch = "ArchPgtable.PteTable.HooksSupported";

    /// <summary>
    /// True (the default) when counters and observers can be attached. False when <see cref="HooksSupportedSwitch"/> is
    /// set false: a feature switch like <c>EventSource.IsSupported</c>, read once per process, so the optimising JIT
    /// folds it and <see cref="Read"/>/<see cref="Write"/> compile to the array access alone; attaching anything then
    /// throws <see cref="NotSupportedException"/>, and the address spaces (which attach their counters) cannot be made.
    /// </summary>
    [FeatureSwitchDefinition(HooksSupportedSwitch)]
    public static bool HooksSupported { get; } = !AppContext.TryGetSwitch(HooksSupportedSwitch, out var supported) || supported;

    /// <summary>Entries in the table.</summary>
    /// <remarks>Kernel: PTRS_PER_PTE</remarks>
    public int Count => _words.Length;

    /// <summary>The virtual address mapped by entry 0.</summary>
    public ulong BaseAddress { get; }

    /// <summary>
    /// The counters this table's accesses are charged to (an address space's tables share one instance); null when
    /// nothing is counted. Attach before the accesses you want counted; set null to stop counting. Attach and detach
    /// (this and <see cref="Observer"/>) only while no other thread is accessing the table.
    /// </summary>
    /// <exception cref="NotSupportedException">Set non-null where <see cref="HooksSupported"/> is false.</exception>
    public CostCounters? Counters
    {
        get => _counters;
        set
        {
            RefuseIfHooksUnsupported(value);
            _counters = value;
        }
    }

    /// <summary>An optional access hook (race injection, write-set recording, traces); null on the fast path.</summary>
    /// <exception cref="NotSupportedException">Set non-null where <see cref="HooksSupported"/> is false.</exception>
    public IPteAccessObserver? Observer
    {
        get => _observer;
        set
        {
            RefuseIfHooksUnsupported(value);
            _observer = value;
            _plain = value is null ? _words : [];
        }
    }

    /// <summary>True when neither counters nor an observer is attached.</summary>
    public bool NothingAttached => Counters is null && _observer is null;

    /// <summary>A pointer to entry <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the table.</exception>
    public PtePointer this[int index] => new(this, index);

    /// <summary>Reads an entry.</summary>
    /// <exception cref="IndexOutOfRangeException">The index is outside the table.</exception>
    /// <remarks>Kernel: READ_ONCE(*ptep)</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Pte Read(int index)
    {
        if (!HooksSupported)
        {
            return new Pte(_words[index]);
        }

        var plain = _plain;
        if ((uint)index < (uint)plain.Length)
        {
            var value = new Pte(plain[index]);
            if (Counters is { } counters)
            {
                counters._pteReads++;
            }

            return value;
        }

        return ObservedRead(index);
    }

    /// <summary>Stores an entry.</summary>
    /// <exception cref="IndexOutOfRangeException">The index is outside the table.</exception>
    /// <remarks>Kernel: WRITE_ONCE(*ptep, pte)</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(int index, Pte value)
    {
        if (!HooksSupported)
        {
            _words[index] = value.Value;
            return;
        }

        var plain = _plain;
        if ((uint)index < (uint)plain.Length)
        {
            plain[index] = value.Value;
            if (Counters is { } counters)
            {
                counters._pteWrites++;
            }

            return;
        }

        ObservedWrite(index, value);
    }

    /// <summary>
    /// Reads each of <paramref name="count"/> entries from <paramref name="index"/> and stores
    /// <paramref name="transform"/>'s result: a plain read and a plain store per entry, counted and
    /// observed exactly as <see cref="Read"/> then <see cref="Write"/> would be, in one tight loop.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range leaves the table.</exception>
    /// <remarks>Kernel: a loop of __ptep_get() / __set_pte() (e.g. the raw __clear_young_dirty_ptes() with both flags).</remarks>
    public void Transform<T>(int index, int count, T transform)
        where T : struct, IPteTransform
    {
        CheckRange(index, count);

        if (HooksSupported && _observer is not null)
        {
            for (var i = index; i < index + count; i++)
            {
                Write(i, transform.Apply(Read(i)));
            }

            return;
        }

        // One add per counter for the batch; the range was checked above, so the loop indexes without bounds checks.
        ChargeBatch(count);
        ref var word = ref MemoryMarshal.GetArrayDataReference(_words);
        for (nint i = index, end = index + count; i < end; i++)
        {
            ref var w = ref Unsafe.Add(ref word, i);
            w = transform.Apply(new Pte(w)).Value;
        }
    }

    /// <summary>
    /// Reads each of <paramref name="count"/> entries from <paramref name="index"/>, in order, into
    /// <paramref name="fold"/>: a plain read per entry, counted and observed exactly as <see cref="Read"/> would be, in
    /// one tight loop. The range is checked before anything is read.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range leaves the table.</exception>
    /// <remarks>Kernel: a loop of __ptep_get() over a range (e.g. the young/dirty gather of riscv's huge_ptep_get())</remarks>
    public void Fold<T>(int index, int count, ref T fold)
        where T : struct, IPteFold
    {
        CheckRange(index, count);

        if (HooksSupported && _observer is not null)
        {
            for (var i = index; i < index + count; i++)
            {
                fold.Add(Read(i));
            }

            return;
        }

        if (HooksSupported && Counters is { } counters)
        {
            counters._pteReads += count;
        }

        ref var word = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_words), index);
        for (nint i = 0; i < count; i++)
        {
            fold.Add(new Pte(Unsafe.Add(ref word, i)));
        }
    }

    /// <summary>
    /// Stores <paramref name="first"/> into entry <paramref name="index"/> and each next value (<paramref name="next"/>
    /// applied to the previous one) into the following entries, <paramref name="count"/> in all: a plain store per
    /// entry, counted and observed exactly as <see cref="Write"/> would be, in one tight loop. The range is checked
    /// before anything is stored.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range leaves the table.</exception>
    /// <remarks>Kernel: the loop of set_ptes() / an arch's __set_ptes(): set_pte(); pte = pte_advance_pfn(pte, 1)</remarks>
    public void WriteRun<T>(int index, int count, Pte first, T next)
        where T : struct, IPteTransform
    {
        CheckRange(index, count);

        if (count == 0)
        {
            return;
        }

        if (HooksSupported && _observer is not null)
        {
            for (var i = index; ; i++)
            {
                Write(i, first);
                if (i == index + count - 1)
                {
                    return;
                }

                first = next.Apply(first);
            }
        }

        if (HooksSupported && Counters is { } counters)
        {
            counters._pteWrites += count;
        }

        // next is applied between stores only, as the kernel's loop does: count - 1 times.
        ref var word = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_words), index);
        word = first.Value;
        for (nint i = 1; i < count; i++)
        {
            first = next.Apply(first);
            Unsafe.Add(ref word, i) = first.Value;
        }
    }

    /// <summary>
    /// Clears the bits of <paramref name="clear"/>, then sets those of <paramref name="set"/>, in each of
    /// <paramref name="count"/> entries from <paramref name="index"/>: a plain read and a plain store per entry, counted
    /// and observed exactly as <see cref="Transform{T}"/> (and <see cref="Read"/> then <see cref="Write"/>) would. With no
    /// observer the range is checked once, the counters take one add each, and the loop is a load, an and, an or and a
    /// store per four entries (256-bit vectors where accelerated; the masks stay in registers), then per entry for
    /// the tail. Each entry is still read and stored once, as floor.c's C loop does.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range leaves the table.</exception>
    /// <remarks>Kernel: a loop of __ptep_get() / clear_pte_bit() / set_pte_bit() / __set_pte() (e.g. arm64's raw
    /// __clear_young_dirty_ptes() with both flags: clear PTE_AF | PTE_DIRTY, set PTE_RDONLY).</remarks>
    public void UpdateBits(int index, int count, ulong clear, ulong set)
    {
        CheckRange(index, count);

        if (HooksSupported && _observer is not null)
        {
            for (var k = index; k < index + count; k++)
            {
                Write(k, new Pte((Read(k).Value & ~clear) | set));
            }

            return;
        }

        ChargeBatch(count);
        var keep = ~clear;
        ref var w = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_words), index);
        nuint i = 0;
        var n = (nuint)count;

        // Whole 256-bit vectors first (four entries; a 16-entry contiguous block is four steps), then the tail entry by
        // entry (the whole range where 256-bit vectors are not accelerated).
        if (Vector256.IsHardwareAccelerated && n >= (nuint)Vector256<ulong>.Count)
        {
            var keepV = Vector256.Create(keep);
            var setV = Vector256.Create(set);
            for (var last = n - (nuint)Vector256<ulong>.Count; i <= last; i += (nuint)Vector256<ulong>.Count)
            {
                ((Vector256.LoadUnsafe(ref w, i) & keepV) | setV).StoreUnsafe(ref w, i);
            }
        }

        for (; i < n; i++)
        {
            ref var x = ref Unsafe.Add(ref w, i);
            x = (x & keep) | set;
        }
    }

    /// <summary>Atomically replaces an entry and returns the old value.</summary>
    /// <remarks>Kernel: xchg(&amp;pte_val(*ptep), val)</remarks>
    public Pte Exchange(int index, Pte value)
    {
        ref var word = ref _words[index];
        if (Counters is { } counters)
        {
            counters._atomicUpdates++;
            counters._pteWrites++;
        }

        _observer?.BeforeAccess(this, index, PteAccessKind.Exchange);
        var old = new Pte(Interlocked.Exchange(ref word, value.Value));
        _observer?.AfterAccess(this, index, PteAccessKind.Exchange, old, value);
        return old;
    }

    /// <summary>Atomically replaces an entry if it equals <paramref name="comparand"/>; returns the value found.</summary>
    /// <remarks>Kernel: cmpxchg_relaxed(&amp;pte_val(*ptep), old, new)</remarks>
    public Pte CompareExchange(int index, Pte value, Pte comparand)
    {
        ref var word = ref _words[index];
        var counters = Counters;
        if (counters is not null)
        {
            counters._atomicUpdates++;
        }

        _observer?.BeforeAccess(this, index, PteAccessKind.CompareExchange);
        var found = new Pte(Interlocked.CompareExchange(ref word, value.Value, comparand.Value));
        var success = found == comparand;
        if (success && counters is not null)
        {
            counters._pteWrites++;
        }

        _observer?.AfterAccess(this, index, PteAccessKind.CompareExchange, found, success ? value : found);
        return found;
    }

    /// <summary>
    /// The hardware walker's atomic descriptor update (set access flag, set dirty). Counted as a
    /// hardware update, not as software cost. Returns the value found.
    /// </summary>
    /// <remarks>Kernel: none; FEAT_HAFDBS / x86 / Svadu atomic A/D update.</remarks>
    public Pte HardwareCompareExchange(int index, Pte value, Pte comparand)
    {
        var found = new Pte(Interlocked.CompareExchange(ref _words[index], value.Value, comparand.Value));
        if (found == comparand && Counters is { } counters)
        {
            counters._hardwareUpdates++;
        }

        return found;
    }

    /// <summary>Reads an entry without counting or observing it: for diagnostics, checkers and the hardware walker.</summary>
    public Pte Peek(int index) => new(_words[index]);

    /// <summary>Copies every raw word into <paramref name="destination"/> without counting: for snapshots and checkers.</summary>
    public void CopyTo(Span<ulong> destination) => _words.CopyTo(destination);

    /// <summary>Refuses a hook where <see cref="HooksSupported"/> is false.</summary>
    private static void RefuseIfHooksUnsupported(object? hook)
    {
        if (!HooksSupported && hook is not null)
        {
            throw new NotSupportedException($"PteTable hooks are switched off in this process ({HooksSupportedSwitch} = false): nothing can be counted or observed.");
        }
    }

    /// <summary>Throws unless entries <paramref name="index"/>..<paramref name="index"/> + <paramref name="count"/> - 1 lie in the table (an empty range may start at its end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckRange(int index, int count)
    {
        if ((uint)index > (uint)_words.Length || (uint)count > (uint)(_words.Length - index))
        {
            ThrowRangeOutside(index, count);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowRangeOutside(int index, int count) =>
        throw new ArgumentOutOfRangeException(nameof(count), count, $"entries {index}..{index + count - 1} leave the PTE table (0..{_words.Length - 1}).");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ChargeBatch(int count)
    {
        if (HooksSupported && Counters is { } counters)
        {
            counters._pteReads += count;
            counters._pteWrites += count;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Pte ObservedRead(int index)
    {
        ref var word = ref _words[index];
        if (Counters is { } counters)
        {
            counters._pteReads++;
        }

        var observer = _observer!;
        observer.BeforeAccess(this, index, PteAccessKind.Read);
        var value = new Pte(word);
        observer.AfterAccess(this, index, PteAccessKind.Read, value, value);
        return value;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ObservedWrite(int index, Pte value)
    {
        ref var word = ref _words[index];
        if (Counters is { } counters)
        {
            counters._pteWrites++;
        }

        var observer = _observer!;
        observer.BeforeAccess(this, index, PteAccessKind.Write);
        var old = new Pte(word);
        word = value.Value;
        observer.AfterAccess(this, index, PteAccessKind.Write, old, value);
    }
}
