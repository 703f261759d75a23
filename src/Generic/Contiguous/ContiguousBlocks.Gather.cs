using System.Globalization;
using System.Runtime.CompilerServices;

namespace ArchPgtable.Generic.Contiguous;

/// <summary>The young/dirty gather: the locked read and the lock-free read of a block entry.</summary>
public sealed partial class ContiguousBlocks<TEncoding>
{
    /// <summary>
    /// How many times the lockless gather restarts before it gives up. On real hardware a restart means a racing
    /// fold/unfold/modify was seen and the loop is unbounded; in this model only an access observer can change the
    /// table mid-scan, so a block still inconsistent after this many scans is misprogrammed and reported by an
    /// exception instead of spinning forever. Large enough for a writer that makes one PTE write per reader read
    /// through a whole unfold of a 128-entry block (2 × 128 + 1 writes).
    /// </summary>
    /// <remarks>Kernel: the unbounded "goto retry" of contpte_ptep_get_lockless()</remarks>
    public const int LocklessRetryLimit = 1024;

    /// <summary>
    /// The core-mm view of block entry <paramref name="ptep"/> (raw value <paramref name="raw"/>) with young and dirty
    /// OR-ed from every entry of its block (hardware may set them on any one). With <see cref="IContiguousEncoding.GatherEarlyExit"/>
    /// the scan stops once both are found, in mainline's read order: entries are read from the block's first until one is
    /// dirty or young; after a dirty one the scan for young starts again at that same entry (read a second time), after a
    /// young one the scan for dirty starts at the next entry.
    /// </summary>
    /// <remarks>Kernel: contpte_ptep_get() (mainline, with the early exit); riscv's huge_ptep_get() gathers without it</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Pte GatherBlock(PtePointer ptep, Pte raw)
    {
        // With the early exit, plain reads (PteTable.Read, inlined): such a gather reads one or two entries of a
        // written block, where the setup of a scan per step cost more than the reads (MADV_FREE of 64K folios went from
        // 0.64 to 1.08 ms per GiB when this went through a per-step PteTable.Scan).
        var orig = _enc.View(raw, ptep.Index & (_blockPtes - 1));
        var table = ptep.Table;
        var i = ptep.Index & ~(_blockPtes - 1);
        var end = i + _blockPtes;
        if (!_enc.GatherEarlyExit)
        {
            // Every entry is read: one PteTable.Fold, which tests the hooks once for the block.
            var gather = new YoungDirtyGather(this, orig);
            table.Fold(i, _blockPtes, ref gather);
            return gather.View;
        }

        // One scan to the first entry that is dirty or young, then one for the other flag, as mainline reads them.
        for (; i < end; i++)
        {
            var pte = table.Read(i);
            if (_enc.Dirty(pte))
            {
                orig = _enc.MkDirty(orig);
                for (; i < end; i++)
                {
                    if (_enc.Young(table.Read(i)))
                    {
                        return _enc.MkYoung(orig);
                    }
                }

                return orig;
            }

            if (_enc.Young(pte))
            {
                orig = _enc.MkYoung(orig);
                for (i++; i < end; i++)
                {
                    if (_enc.Dirty(table.Read(i)))
                    {
                        return _enc.MkDirty(orig);
                    }
                }

                return orig;
            }
        }

        return orig;
    }

    /// <summary>
    /// The lock-free read: if the entry is a valid block entry, scan its block and gather A/D, restarting from the
    /// beginning whenever an entry differs from what a consistent block holds there (<see cref="IContiguousEncoding.Sibling"/>)
    /// in anything but A/D (a racing fold, unfold or modify). Same early exit and read order as <see cref="GatherBlock"/>;
    /// entries after the exit are not read, so not checked.
    /// </summary>
    /// <exception cref="InvalidOperationException">The block stayed inconsistent for <see cref="LocklessRetryLimit"/> scans.</exception>
    /// <remarks>Kernel: contpte_ptep_get_lockless() (mainline, with the early exit) and contpte_is_consistent()</remarks>
    public Pte PtepGetLockless(PtePointer ptep, string blockNoun, string misprogrammed)
    {
        var offset = ptep.Index & (_blockPtes - 1);
        var first = ptep.AlignDown(_blockPtes);
        for (var attempt = 0; attempt < LocklessRetryLimit; attempt++)
        {
            var raw = ptep.Read();
            if (!_enc.IsBlock(raw))
            {
                return raw;
            }

            var view = _enc.View(raw, offset);
            if (TryGatherConsistent(first, _enc.Sibling(raw, -offset), ref view))
            {
                return view;
            }
        }

        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"ptep_get_lockless: the {blockNoun} at PTE index {first.Index} stayed inconsistent for {LocklessRetryLimit} scans ({misprogrammed})."));
    }

    /// <summary>One scan of <see cref="PtepGetLockless"/>: false at the first inconsistent entry read (the caller retries).</summary>
    /// <remarks>Kernel: the loop of contpte_ptep_get_lockless() between "retry:" and its "goto retry"s</remarks>
    private bool TryGatherConsistent(PtePointer first, Pte expected, ref Pte view)
    {
        var table = first.Table;
        var want = Normalise(expected);
        var end = first.Index + _blockPtes;
        if (!_enc.GatherEarlyExit)
        {
            for (var i = first.Index; i < end; i++, want = _enc.Sibling(want, 1))
            {
                var pte = table.Read(i);
                if (Normalise(pte) != want)
                {
                    return false;
                }

                view = OrYoungDirty(view, pte);
            }

            return true;
        }

        for (var i = first.Index; i < end; i++, want = _enc.Sibling(want, 1))
        {
            var pte = table.Read(i);
            if (Normalise(pte) != want)
            {
                return false;
            }

            if (_enc.Dirty(pte))
            {
                view = _enc.MkDirty(view);
                for (; i < end; i++, want = _enc.Sibling(want, 1))
                {
                    pte = table.Read(i);
                    if (Normalise(pte) != want)
                    {
                        return false;
                    }

                    if (_enc.Young(pte))
                    {
                        view = _enc.MkYoung(view);
                        break;
                    }
                }

                return true;
            }

            if (_enc.Young(pte))
            {
                view = _enc.MkYoung(view);
                for (i++, want = _enc.Sibling(want, 1); i < end; i++, want = _enc.Sibling(want, 1))
                {
                    pte = table.Read(i);
                    if (Normalise(pte) != want)
                    {
                        return false;
                    }

                    if (_enc.Dirty(pte))
                    {
                        view = _enc.MkDirty(view);
                        break;
                    }
                }

                return true;
            }
        }

        return true;
    }

    /// <summary>Kernel: the "if (pte_dirty(pte)) orig_pte = pte_mkdirty(orig_pte); if (pte_young(pte)) …" step of every gather.</summary>
    private Pte OrYoungDirty(Pte view, Pte pte)
    {
        view = _enc.Dirty(pte) ? _enc.MkDirty(view) : view;
        return _enc.Young(pte) ? _enc.MkYoung(view) : view;
    }

    /// <summary>The young/dirty OR of a block without the early exit (<see cref="OrYoungDirty"/> per entry), as a <see cref="PteTable.Fold{T}"/>.</summary>
    private struct YoungDirtyGather(ContiguousBlocks<TEncoding> blocks, Pte view) : IPteFold
    {
        /// <summary>The view with young and dirty OR-ed from every entry added so far.</summary>
        public Pte View { get; private set; } = view;

        public void Add(Pte pte) => View = blocks.OrYoungDirty(View, pte);
    }
}
