using System.Numerics;
using System.Runtime.CompilerServices;

namespace ArchPgtable.Mm.Memory;

/// <summary>
/// A binary buddy allocator over a PFN range: free blocks of order 0..<see cref="PhysicalMemory.MaxOrder"/>, each
/// naturally aligned to its size; an allocation takes the lowest free block of the smallest order that fits and splits
/// it down; a free merges the block with its buddy for as long as the buddy is free and whole. Free blocks are kept as
/// one bit per possible block and order plus one summary bit per 64-bit word (about 2 bits a page in all), so
/// allocating and freeing allocate nothing and cost O(order + words / 4096).
/// </summary>
/// <remarks>Kernel: mm/page_alloc.c — __rmqueue_smallest() / expand() (split) and __free_one_page() (buddy merge), the per-order free_area.</remarks>
internal sealed class BuddyAllocator
{
    private readonly ulong _base;
    private readonly ulong _end;
    private readonly ulong[][] _bits;
    private readonly ulong[][] _summary;
    private readonly int[] _summaryHint;
    private readonly long[] _freeBlocks;
    private readonly int _maxOrder;

    /// <summary>An allocator for <c>[basePfn, basePfn + pages)</c> with nothing free yet.</summary>
    public BuddyAllocator(ulong basePfn, long pages, int maxOrder = PhysicalMemory.MaxOrder)
    {
        _maxOrder = maxOrder;
        _base = basePfn;
        _end = basePfn + (ulong)pages;
        var orders = maxOrder + 1;
        _bits = new ulong[orders][];
        _summary = new ulong[orders][];
        _summaryHint = new int[orders];
        _freeBlocks = new long[orders];
        for (var o = 0; o < orders; o++)
        {
            var blocks = (long)((_end >> o) - (_base >> o) + 1);
            var words = (int)((blocks + 63) / 64);
            _bits[o] = new ulong[words];
            _summary[o] = new ulong[(words + 63) / 64];
        }
    }

    /// <summary>Bytes of bookkeeping.</summary>
    public long StateBytes => _bits.Sum(b => (long)b.Length * sizeof(ulong)) + _summary.Sum(s => (long)s.Length * sizeof(ulong));

    /// <summary>Free blocks of exactly <paramref name="order"/>.</summary>
    public long FreeBlocks(int order) => _freeBlocks[order];

    /// <summary>Free pages in all.</summary>
    public long FreePages
    {
        get
        {
            long sum = 0;
            for (var o = 0; o < _freeBlocks.Length; o++)
            {
                sum += _freeBlocks[o] << o;
            }

            return sum;
        }
    }

    /// <summary>The largest order with a free block, or −1 when nothing is free.</summary>
    public int LargestFreeOrder()
    {
        for (var o = _freeBlocks.Length - 1; o >= 0; o--)
        {
            if (_freeBlocks[o] > 0)
            {
                return o;
            }
        }

        return -1;
    }

    /// <summary>True when <paramref name="pfn"/> heads a free block of exactly <paramref name="order"/>.</summary>
    /// <remarks>Kernel: PageBuddy() &amp;&amp; buddy_order() == order</remarks>
    public bool IsFreeBlock(ulong pfn, int order) =>
        (pfn & ((1UL << order) - 1)) == 0 && pfn >= _base && pfn + (1UL << order) <= _end && TestBit(order, pfn >> order);

    /// <summary>Takes the lowest free block of the smallest order ≥ <paramref name="order"/>, splitting it down; false when none is left.</summary>
    /// <remarks>Kernel: __rmqueue_smallest() → expand()</remarks>
    public bool TryAlloc(int order, out ulong head)
    {
        for (var o = order; o < _bits.Length; o++)
        {
            if (_freeBlocks[o] == 0)
            {
                continue;
            }

            var block = FindFirst(o);
            ClearBit(o, block);
            head = block << o;
            while (o > order)
            {
                o--;
                SetBit(o, (head >> o) + 1);
            }

            return true;
        }

        head = 0;
        return false;
    }

    /// <summary>Returns the block of 2^<paramref name="order"/> pages at <paramref name="head"/>, merging it with free buddies.</summary>
    /// <remarks>Kernel: __free_one_page()</remarks>
    public void Free(ulong head, int order)
    {
        while (order < _maxOrder)
        {
            var buddy = head ^ (1UL << order);
            if (!IsFreeBlock(buddy, order))
            {
                break;
            }

            ClearBit(order, buddy >> order);
            head &= ~(1UL << order);
            order++;
        }

        SetBit(order, head >> order);
    }

    /// <summary>Adds every page of <c>[from, to)</c> as the largest aligned blocks that fit (boot-time memblock release).</summary>
    /// <remarks>Kernel: memblock_free_all() → __free_pages_core()</remarks>
    public void AddRange(ulong from, ulong to)
    {
        while (from < to)
        {
            var order = 0;
            while (order < _maxOrder && (from & ((2UL << order) - 1)) == 0 && from + (2UL << order) <= to)
            {
                order++;
            }

            Free(from, order);
            from += 1UL << order;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Bit(int order, ulong block) => (int)(block - (_base >> order));

    private bool TestBit(int order, ulong block)
    {
        var i = Bit(order, block);
        return (_bits[order][i >> 6] & (1UL << (i & 63))) != 0;
    }

    private void SetBit(int order, ulong block)
    {
        var i = Bit(order, block);
        var w = i >> 6;
        _bits[order][w] |= 1UL << (i & 63);
        _summary[order][w >> 6] |= 1UL << (w & 63);
        if ((w >> 6) < _summaryHint[order])
        {
            _summaryHint[order] = w >> 6;
        }

        _freeBlocks[order]++;
    }

    private void ClearBit(int order, ulong block)
    {
        var i = Bit(order, block);
        var w = i >> 6;
        var word = _bits[order][w] & ~(1UL << (i & 63));
        _bits[order][w] = word;
        if (word == 0)
        {
            _summary[order][w >> 6] &= ~(1UL << (w & 63));
        }

        _freeBlocks[order]--;
    }

    private ulong FindFirst(int order)
    {
        var summary = _summary[order];
        for (var s = _summaryHint[order]; s < summary.Length; s++)
        {
            if (summary[s] == 0)
            {
                continue;
            }

            _summaryHint[order] = s;
            var w = (s << 6) + BitOperations.TrailingZeroCount(summary[s]);
            var i = (w << 6) + BitOperations.TrailingZeroCount(_bits[order][w]);
            return (ulong)i + (_base >> order);
        }

        throw new InvalidOperationException($"buddy allocator: order {order} counts {_freeBlocks[order]} free blocks but none is marked.");
    }
}
