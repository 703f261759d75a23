namespace ArchPgtable.Generic.Contiguous;

/// <summary>
/// The contiguous-block layer: one algorithm for arm64's contpte blocks, riscv's Svnapot ranges and any plugin's
/// encoding. A block is a naturally aligned group of <see cref="BlockPtes"/> entries of one table whose first
/// entry's VA and PA are block-aligned. This part holds fold and unfold through one break-before-make convert,
/// the partial-block unfold at batch ends and the try-fold of <c>set_pte_at()</c>; the other parts hold the A/D
/// gather, the batch helpers, the young helpers, the access-flag update and the public wrappers the helpers of
/// an architecture route through. <typeparamref name="TEncoding"/> is a struct: the JIT specialises the layer
/// per encoding and inlines its hooks.
/// </summary>
/// <typeparam name="TEncoding">The architecture's hook set.</typeparam>
/// <remarks>Kernel: arch/arm64/mm/contpte.c (≈v6.10 to mainline) and the contpte_try_*() inlines of arch/arm64/include/asm/pgtable.h,
/// as a generic mm/contpte.c (the direction of the 2024 "mm: Use common huge_ptep_get()…" riscv/arm64 work and the
/// 2026 riscv Svnapot series) would hold them.</remarks>
public sealed partial class ContiguousBlocks<TEncoding>
    where TEncoding : struct, IContiguousEncoding
{
    // Not readonly: a readonly field of a struct type parameter is copied defensively before every hook call.
#pragma warning disable IDE0044 // Make field readonly
    private TEncoding _enc;
#pragma warning restore IDE0044
    private readonly int _blockPtes;
    private readonly int _pageShift;
    private readonly ulong _pageSize;
    private readonly ulong _blockSize;
    private readonly bool _elideConvertFlush;

    /// <summary>Creates the layer for one encoding and block size.</summary>
    /// <param name="encoding">The architecture's hooks.</param>
    /// <param name="pageShift">PAGE_SHIFT.</param>
    /// <param name="blockPtes">Entries per block (a power of two ≥ 2): CONT_PTES, or 16 for a 64 KiB NAPOT range.</param>
    /// <param name="elideConvertFlush">Every agent of the system tolerates a mix of old and new translations without a conflict abort
    /// (arm64 BBML2_NOABORT): the convert's intermediate TLB flush is elided.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="blockPtes"/> is not a power of two ≥ 2.</exception>
    /// <remarks>Kernel: CONT_PTES / CONT_PTE_SIZE, and system_supports_bbml2_noabort()</remarks>
    public ContiguousBlocks(TEncoding encoding, int pageShift, int blockPtes, bool elideConvertFlush = false)
    {
        if (blockPtes < 2 || (blockPtes & (blockPtes - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(blockPtes), blockPtes, "A block is a power of two ≥ 2 entries.");
        }

        _enc = encoding;
        _blockPtes = blockPtes;
        _pageShift = pageShift;
        _pageSize = 1UL << pageShift;
        _blockSize = (ulong)blockPtes << pageShift;
        _elideConvertFlush = elideConvertFlush;
    }

    /// <summary>Entries per block.</summary>
    /// <remarks>Kernel: CONT_PTES</remarks>
    public int BlockPtes => _blockPtes;

    /// <summary>Bytes mapped by a block.</summary>
    /// <remarks>Kernel: CONT_PTE_SIZE</remarks>
    public ulong BlockSize => _blockSize;

    /// <summary>True when the convert's intermediate TLB flush is elided.</summary>
    /// <remarks>Kernel: system_supports_bbml2_noabort()</remarks>
    public bool ElidesConvertFlush => _elideConvertFlush;

    /// <summary>The hooks, as given.</summary>
    public TEncoding Encoding => _enc;

    /// <summary>Kernel: ALIGN_DOWN(addr, CONT_PTE_SIZE)</summary>
    private ulong BlockStart(ulong addr) => addr & ~(_blockSize - 1);

    /// <summary>Kernel: pte_mkold(pte_mkclean(pte)) — the A/D-normalised form compared by fold and the lockless gather.</summary>
    private Pte Normalise(Pte pte) => _enc.MkOld(_enc.MkClean(pte));

    /// <summary>
    /// Break-before-make repaint of the block containing <paramref name="ptep"/> with the attributes of
    /// <paramref name="plain"/> (a plain entry for any page of the block): exchange every entry with 0 gathering
    /// young/dirty, synchronously flush the block's range (elided under BBML2_NOABORT: a walker may then still hit
    /// an old entry until the caller's flush, never a mix), then write the block from its aligned PFN — encoded when
    /// <paramref name="fold"/>, plain otherwise — with the gathered A/D in every entry.
    /// </summary>
    /// <remarks>Kernel: contpte_convert() (with the !system_supports_bbml2_noabort() condition on its __flush_tlb_range())</remarks>
    public void Convert(IMmContext mm, ulong addr, PtePointer ptep, Pte plain, bool fold)
    {
        ArgumentNullException.ThrowIfNull(mm);
        var start = BlockStart(addr);
        var first = ptep.AlignDown(_blockPtes);
        var pte = _enc.PfnPte(_enc.Pfn(plain) & ~(ulong)(_blockPtes - 1), _enc.Pgprot(plain));
        var table = first.Table;
        for (int i = first.Index, end = first.Index + _blockPtes; i < end; i++)
        {
            var old = table.Exchange(i, Pte.None);
            if (_enc.Dirty(old))
            {
                pte = _enc.MkDirty(pte);
            }

            if (_enc.Young(old))
            {
                pte = _enc.MkYoung(pte);
            }
        }

        if (!_elideConvertFlush)
        {
            mm.Tlb.FlushRange(start, start + _blockSize, _pageSize, lastLevel: true, sync: true);
        }

        if (fold)
        {
            WriteBlock(first, _enc.EncodeBlock(pte));
            mm.Counters.Fold(start, _blockPtes);
        }
        else
        {
            _enc.RawSetPtes(first, pte, _blockPtes);
            mm.Counters.Unfold(start, _blockPtes);
        }
    }

    /// <summary>Unfolds the block of <paramref name="ptep"/> (raw value <paramref name="raw"/>, known to be a block) for a user address space.</summary>
    /// <remarks>Kernel: __contpte_try_unfold()</remarks>
    public void Unfold(IMmContext mm, ulong addr, PtePointer ptep, Pte raw)
    {
        ArgumentNullException.ThrowIfNull(mm);
        if (mm.IsUserMm)
        {
            Convert(mm, addr, ptep, _enc.Plain(raw, ptep.Index & (_blockPtes - 1)), fold: false);
        }
    }

    /// <summary>Unfolds the block of <paramref name="ptep"/> if <paramref name="raw"/> (its raw value) is a valid block entry.</summary>
    /// <remarks>Kernel: contpte_try_unfold()</remarks>
    public void TryUnfold(IMmContext mm, ulong addr, PtePointer ptep, Pte raw)
    {
        if (_enc.IsBlock(raw))
        {
            Unfold(mm, addr, ptep, raw);
        }
    }

    /// <summary>
    /// Unfolds only the blocks a batch of <paramref name="nr"/> entries covers partially: the first entry's block when
    /// the batch does not start on a block boundary or is shorter than a block, the last entry's when it does not end on one.
    /// </summary>
    /// <remarks>Kernel: contpte_try_unfold_partial()</remarks>
    public void TryUnfoldPartial(IMmContext mm, ulong addr, PtePointer ptep, int nr)
    {
        var mask = _blockPtes - 1;
        if ((ptep.Index & mask) != 0 || nr < _blockPtes)
        {
            TryUnfold(mm, addr, ptep, ptep.Read());
        }

        if (((ptep.Index + nr) & mask) != 0)
        {
            var last = ptep + (nr - 1);
            TryUnfold(mm, addr + ((ulong)(nr - 1) << _pageShift), last, last.Read());
        }
    }

    /// <summary>
    /// The cheap filter run after every single-entry set: only the last entry of a block, mapping the last PFN of a
    /// PA-aligned block, valid, not already a block entry and not special, is a fold candidate (core mm fills upwards).
    /// </summary>
    /// <remarks>Kernel: contpte_try_fold()</remarks>
    public void TryFold(IMmContext mm, ulong addr, PtePointer ptep, Pte plain)
    {
        var mask = (ulong)(_blockPtes - 1);
        if (((addr >> _pageShift) & mask) != mask || (_enc.Pfn(plain) & mask) != mask)
        {
            return;
        }

        if (_enc.Valid(plain) && !_enc.HasBlockBit(plain) && !_enc.Special(plain))
        {
            TryFoldCore(mm, addr, ptep, plain);
        }
    }

    /// <summary>
    /// Folds the block if the mm is a user mm, one folio covers the whole block, and every entry equals
    /// pfn_pte(base + i, prot) once young and dirty are normalised away.
    /// </summary>
    /// <remarks>Kernel: __contpte_try_fold()</remarks>
    private void TryFoldCore(IMmContext mm, ulong addr, PtePointer ptep, Pte plain)
    {
        var pfn = _enc.Pfn(plain);
        if (!mm.IsUserMm || !mm.TryGetFolio(pfn, out var folio) || !folio.Contains(pfn))
        {
            return;
        }

        var folioStart = addr - ((pfn - folio.StartPfn) << _pageShift);
        var folioEnd = folioStart + ((ulong)folio.NrPages << _pageShift);
        var start = BlockStart(addr);
        if (folioStart > start || folioEnd < start + _blockSize)
        {
            return;
        }

        var expected = _enc.PfnPte(pfn & ~(ulong)(_blockPtes - 1), _enc.Pgprot(Normalise(plain)));
        var first = ptep.AlignDown(_blockPtes);
        var table = first.Table;
        for (int i = first.Index, end = first.Index + _blockPtes; i < end; i++)
        {
            if (Normalise(table.Read(i)) != expected)
            {
                return;
            }

            expected = _enc.AdvancePfn(expected, 1);
        }

        Convert(mm, addr, ptep, plain, fold: true);
    }

    /// <summary>Writes a whole block from its first entry's raw value <paramref name="raw"/>.</summary>
    /// <remarks>Kernel: __set_ptes() of a pte_mkcont() value (arm64), the loop of set_huge_pte_at() for a NAPOT size (riscv)</remarks>
    private void WriteBlock(PtePointer first, Pte raw) =>
        first.Table.WriteRun(first.Index, _blockPtes, raw, new NextSibling(_enc));

    /// <summary>The next entry of a block from the one before it: the step of <see cref="WriteBlock"/>'s run.</summary>
    private readonly struct NextSibling(TEncoding enc) : IPteTransform
    {
        public Pte Apply(Pte pte) => enc.Sibling(pte, 1);
    }
}
