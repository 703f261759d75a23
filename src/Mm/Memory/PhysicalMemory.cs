using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace ArchPgtable.Mm.Memory;

/// <summary>
/// The simulated physical memory: a PFN space with per-page state in arrays indexed by PFN
/// (content version, folio order, folio flags, mapcount — 7 bytes a page — plus one PageAnonExclusive bit), folios
/// allocated naturally aligned to their size by a buddy allocator (≈2 bits a page; freed buddies merge), and a
/// reserved shared zero page.
/// </summary>
/// <remarks>Kernel: the memmap (struct page array), the buddy allocator, ZERO_PAGE.</remarks>
public sealed class PhysicalMemory
{
    /// <summary>The largest folio order supported.</summary>
    /// <remarks>Kernel: MAX_PAGE_ORDER (orders above it are not modelled).</remarks>
    public const int MaxOrder = 10;

    /// <summary>The largest <see cref="MaxPageOrder"/> a memory may have (arm64 64K pages: the 512M PMD order).</summary>
    /// <remarks>Kernel: ARCH_FORCE_MAX_ORDER's largest default (13, arm64 with 64K pages).</remarks>
    public const int MaxSupportedOrder = 13;

    private readonly int[] _version;
    private readonly byte[] _order;
    private readonly FolioFlags[] _flags;
    private readonly byte[] _mapcount;
    private readonly ulong[] _anonExclusive;
    private readonly BuddyAllocator _buddy;

    /// <summary>Creates a PFN space of <paramref name="pages"/> pages starting at <paramref name="basePfn"/>, whose buddy allocator
    /// keeps blocks up to <paramref name="maxOrder"/> (default <see cref="MaxOrder"/>; the PMD order where that is larger).</summary>
    public PhysicalMemory(long pages, ulong basePfn = 0x80000, int maxOrder = MaxOrder)
    {
        if (maxOrder is < MaxOrder or > MaxSupportedOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(maxOrder), maxOrder, $"the largest buddy order must be {MaxOrder}..{MaxSupportedOrder}.");
        }

        MaxPageOrder = maxOrder;
        if (pages < 2 || pages > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(pages), pages, "physical memory must have 2..2^31-1 pages.");
        }

        BasePfn = basePfn;
        Pages = pages;
        _version = new int[pages];
        _order = new byte[pages];
        _flags = new FolioFlags[pages];
        _mapcount = new byte[pages];
        _anonExclusive = new ulong[(pages + 63) / 64];
        _buddy = new BuddyAllocator(basePfn, pages, maxOrder);
        ZeroPfn = basePfn;
        _flags[0] = FolioFlags.Allocated;
        _buddy.AddRange(basePfn + 1, basePfn + (ulong)pages);
    }

    /// <summary>The largest folio order this memory allocates.</summary>
    /// <remarks>Kernel: MAX_PAGE_ORDER</remarks>
    public int MaxPageOrder { get; }

    /// <summary>The first PFN.</summary>
    public ulong BasePfn { get; }

    /// <summary>The number of pages.</summary>
    public long Pages { get; }

    /// <summary>The shared zero page (always reads as version 0, never written).</summary>
    /// <remarks>Kernel: my_zero_pfn()</remarks>
    public ulong ZeroPfn { get; }

    /// <summary>Pages currently allocated to folios (the zero page excluded).</summary>
    public long AllocatedPages { get; private set; }

    /// <summary>Bytes of per-page state this memory holds.</summary>
    public long StateBytes => (Pages * (sizeof(int) + sizeof(byte) + sizeof(FolioFlags) + sizeof(byte))) + ((long)_anonExclusive.Length * sizeof(ulong)) + _buddy.StateBytes;

    /// <summary>Pages in free buddy blocks.</summary>
    /// <remarks>Kernel: NR_FREE_PAGES</remarks>
    public long FreePages => _buddy.FreePages;

    /// <summary>Free buddy blocks of exactly <paramref name="order"/>.</summary>
    /// <remarks>Kernel: zone-&gt;free_area[order].nr_free</remarks>
    public long FreeBlocks(int order) => order is < 0 || order > MaxPageOrder
        ? throw new ArgumentOutOfRangeException(nameof(order), order, $"folio order must be 0..{MaxPageOrder}.")
        : _buddy.FreeBlocks(order);

    /// <summary>The largest order a free block has, or −1 when memory is full.</summary>
    public int LargestFreeOrder => _buddy.LargestFreeOrder();

    /// <summary>Allocates a folio of 2^<paramref name="order"/> pages aligned to its size; every page starts at version 0 with mapcount 0.</summary>
    /// <exception cref="InsufficientMemoryException">No aligned free block of that order is left.</exception>
    /// <remarks>Kernel: folio_alloc() / vma_alloc_folio()</remarks>
    public ulong AllocFolio(int order, FolioFlags flags)
    {
        if (order is < 0 || order > MaxPageOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, $"folio order must be 0..{MaxPageOrder}.");
        }

        if (!TryAllocFolio(order, flags, out var head))
        {
            throw new InsufficientMemoryException(string.Create(CultureInfo.InvariantCulture,
                $"out of simulated physical memory: no free aligned order-{order} block ({AllocatedPages} of {Pages} pages in use)."));
        }

        return head;
    }

    /// <summary>
    /// Allocates a folio of 2^<paramref name="order"/> pages aligned to its size, as <see cref="AllocFolio"/> does;
    /// false (nothing changed) when no free block of that order or larger is left. Allocates no managed memory.
    /// </summary>
    /// <remarks>Kernel: folio_alloc() returning NULL</remarks>
    public bool TryAllocFolio(int order, FolioFlags flags, out ulong head)
    {
        if (order is < 0 || order > MaxPageOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, $"folio order must be 0..{MaxPageOrder}.");
        }

        if (!_buddy.TryAlloc(order, out head))
        {
            return false;
        }

        var nr = 1 << order;
        var i = Idx(head);
        Array.Clear(_version, i, nr);
        Array.Fill(_order, (byte)order, i, nr);
        Array.Clear(_flags, i, nr);
        Array.Clear(_mapcount, i, nr);
        _flags[i] = flags | FolioFlags.Allocated;
        SetAnonExclusive(head, nr, false);
        AllocatedPages += nr;
        return true;
    }

    /// <summary>Frees a folio given its head PFN.</summary>
    /// <remarks>Kernel: folio_put() dropping the last reference</remarks>
    public void FreeFolio(ulong head)
    {
        var i = CheckHead(head);
        var order = _order[i];
        var nr = 1 << order;
        for (var k = 0; k < nr; k++)
        {
            if (_mapcount[i + k] != 0)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"freeing folio 0x{head:x} while page 0x{head + (ulong)k:x} is still mapped {_mapcount[i + k]} time(s)."));
            }
        }

        Array.Clear(_flags, i, nr);
        Array.Clear(_order, i, nr);
        SetAnonExclusive(head, nr, false);
        _buddy.Free(head, order);
        AllocatedPages -= nr;
    }

    /// <summary>True when <paramref name="pfn"/> heads a free buddy block of exactly <paramref name="order"/>.</summary>
    /// <remarks>Kernel: PageBuddy(page) &amp;&amp; buddy_order(page) == order</remarks>
    public bool IsFreeBlock(ulong pfn, int order) => order >= 0 && order <= MaxPageOrder && _buddy.IsFreeBlock(pfn, order);

    /// <summary>True when the page is marked exclusive to the one process that maps it (a writable private mapping needs it).</summary>
    /// <remarks>Kernel: PageAnonExclusive()</remarks>
    public bool AnonExclusive(ulong pfn)
    {
        var i = Idx(pfn);
        return (_anonExclusive[i >> 6] & (1UL << (i & 63))) != 0;
    }

    /// <summary>Sets or clears PageAnonExclusive on <paramref name="nr"/> pages from <paramref name="pfn"/>.</summary>
    /// <remarks>Kernel: SetPageAnonExclusive() / ClearPageAnonExclusive() (folio_add_new_anon_rmap(), folio_try_dup_anon_rmap_ptes())</remarks>
    public void SetAnonExclusive(ulong pfn, int nr, bool exclusive)
    {
        var i = Idx(pfn);
        if (nr > 0)
        {
            Idx(pfn + (ulong)nr - 1);
        }

        for (var k = i; k < i + nr; k++)
        {
            if (exclusive)
            {
                _anonExclusive[k >> 6] |= 1UL << (k & 63);
            }
            else
            {
                _anonExclusive[k >> 6] &= ~(1UL << (k & 63));
            }
        }
    }

    /// <summary>Splits a folio into order-0 folios that keep the head's flags; returns the number of pages.</summary>
    /// <remarks>Kernel: split_folio() — the memmap part (the caller unmaps and remaps)</remarks>
    public int SplitFolio(ulong head)
    {
        var i = CheckHead(head);
        var nr = 1 << _order[i];
        var flags = _flags[i];
        Array.Clear(_order, i, nr);
        Array.Fill(_flags, flags, i, nr);
        return nr;
    }

    /// <summary>The head PFN of the folio containing <paramref name="pfn"/>.</summary>
    /// <remarks>Kernel: folio_pfn(page_folio(pfn_to_page(pfn)))</remarks>
    public ulong HeadOf(ulong pfn) => pfn & ~((1UL << _order[Idx(pfn)]) - 1);

    /// <summary>How many times <see cref="FolioOf"/> looked a folio up (the experiments' "folio lookups").</summary>
    public long FolioLookups { get; private set; }

    /// <summary>The order of the folio containing <paramref name="pfn"/>.</summary>
    /// <remarks>Kernel: folio_order()</remarks>
    public int OrderOf(ulong pfn) => _order[Idx(pfn)];

    /// <summary>The folio containing <paramref name="pfn"/> (each call counts as one <see cref="FolioLookups"/>).</summary>
    /// <remarks>Kernel: page_folio(pfn_to_page()) as vm_normal_folio() does it.</remarks>
    public FolioExtent FolioOf(ulong pfn)
    {
        FolioLookups++;
        var order = _order[Idx(pfn)];
        return new FolioExtent(pfn & ~((1UL << order) - 1), 1 << order);
    }

    /// <summary>True when <paramref name="pfn"/> lies inside this memory.</summary>
    /// <remarks>Kernel: pfn_valid()</remarks>
    public bool IsValid(ulong pfn) => pfn >= BasePfn && pfn - BasePfn < (ulong)Pages;

    /// <summary>The flags of the folio containing <paramref name="pfn"/>.</summary>
    public FolioFlags Flags(ulong pfn) => _flags[Idx(HeadOf(pfn))];

    /// <summary>The flags of <paramref name="folio"/> (as <see cref="FolioOf"/> returned it), read from its head page without looking the head up again.</summary>
    /// <remarks>Kernel: folio-&gt;flags</remarks>
    public FolioFlags Flags(FolioExtent folio) => _flags[Idx(folio.StartPfn)];

    /// <summary>Clears flags on <paramref name="folio"/> (as <see cref="FolioOf"/> returned it), on its head page directly.</summary>
    /// <remarks>Kernel: folio_clear_*(folio)</remarks>
    public void ClearFlags(FolioExtent folio, FolioFlags flags) => _flags[Idx(folio.StartPfn)] &= ~flags;

    /// <summary>Sets flags on the folio containing <paramref name="pfn"/>.</summary>
    public void SetFlags(ulong pfn, FolioFlags flags) => _flags[Idx(HeadOf(pfn))] |= flags;

    /// <summary>Clears flags on the folio containing <paramref name="pfn"/>.</summary>
    public void ClearFlags(ulong pfn, FolioFlags flags) => _flags[Idx(HeadOf(pfn))] &= ~flags;

    /// <summary>True when the folio containing <paramref name="pfn"/> has every flag in <paramref name="flags"/>.</summary>
    public bool Test(ulong pfn, FolioFlags flags) => (Flags(pfn) & flags) == flags;

    /// <summary>The content version of one page.</summary>
    public int Version(ulong pfn) => _version[Idx(pfn)];

    /// <summary>Sets the content version of one page.</summary>
    public void SetVersion(ulong pfn, int version)
    {
        if (pfn == ZeroPfn)
        {
            throw new InvalidOperationException("the zero page is never written.");
        }

        _version[Idx(pfn)] = version;
    }

    /// <summary>Sets a page's version when its content is copied in (swap-in, copy-on-write); the zero page is refused.</summary>
    internal void SetVersionRaw(ulong pfn, int version) => SetVersion(pfn, version);

    /// <summary>How many PTEs map one page.</summary>
    /// <remarks>Kernel: page_mapcount()</remarks>
    public int Mapcount(ulong pfn) => _mapcount[Idx(pfn)];

    /// <summary>Adds <paramref name="delta"/> (the result must stay within 0..255) to the mapcount of <paramref name="nr"/> pages from <paramref name="pfn"/>.</summary>
    /// <remarks>Kernel: folio_add_anon_rmap_ptes() / folio_remove_rmap_ptes() / folio_try_dup_anon_rmap_ptes()</remarks>
    public void AddMapcount(ulong pfn, int nr, int delta)
    {
        var i = Idx(pfn);
        for (var k = 0; k < nr; k++)
        {
            var v = _mapcount[i + k] + delta;
            if (v is < 0 or > byte.MaxValue)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"mapcount of page 0x{pfn + (ulong)k:x} would become {v}."));
            }

            _mapcount[i + k] = (byte)v;
        }
    }

    /// <summary>The sum of the mapcounts of every page of the folio containing <paramref name="pfn"/>.</summary>
    /// <remarks>Kernel: folio_mapcount()</remarks>
    public int FolioMapcount(ulong pfn)
    {
        var f = FolioOf(pfn);
        var i = Idx(f.StartPfn);
        var sum = 0;
        for (var k = 0; k < f.NrPages; k++)
        {
            sum += _mapcount[i + k];
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Idx(ulong pfn)
    {
        // One unsigned compare covers both ends: a PFN below BasePfn wraps to a huge offset.
        var i = pfn - BasePfn;
        if (i >= (ulong)Pages)
        {
            ThrowOutside(pfn);
        }

        return (int)i;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowOutside(ulong pfn) =>
        throw new ArgumentOutOfRangeException(nameof(pfn), pfn,
            string.Create(CultureInfo.InvariantCulture, $"PFN 0x{pfn:x} is outside physical memory 0x{BasePfn:x}..0x{BasePfn + (ulong)Pages - 1:x}."));

    private int CheckHead(ulong head)
    {
        var i = Idx(head);
        if ((_flags[i] & FolioFlags.Allocated) == 0 || HeadOf(head) != head || head == ZeroPfn)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"PFN 0x{head:x} is not the head of an allocated folio."));
        }

        return i;
    }
}
