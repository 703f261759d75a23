using System.Globalization;

namespace ArchPgtable.Mm.Memory;

/// <summary>
/// Which anonymous folio sizes the fault path may allocate, like
/// <c>/sys/kernel/mm/transparent_hugepage/hugepages-&lt;size&gt;kB/enabled</c>. Order 0 is always allowed.
/// </summary>
/// <remarks>Kernel: thp_vma_allowable_orders() / alloc_anon_folio()</remarks>
public sealed class ThpPolicy
{
    private readonly bool[] _enabled = new bool[PhysicalMemory.MaxSupportedOrder + 1];

    /// <summary>Only order-0 (base page) folios.</summary>
    public static ThpPolicy BasePagesOnly => new();

    /// <summary>A policy enabling exactly the given orders.</summary>
    public static ThpPolicy WithOrders(params int[] orders)
    {
        var p = new ThpPolicy();
        foreach (var o in orders)
        {
            p.Enable(o);
        }

        return p;
    }

    /// <summary>A policy enabling the one folio size <paramref name="folioBytes"/> for pages of <paramref name="pageSize"/> bytes.</summary>
    /// <exception cref="ArgumentException">The size is not a power-of-two multiple of the page size within the supported orders.</exception>
    public static ThpPolicy ForFolioSize(ulong folioBytes, ulong pageSize)
    {
        if (folioBytes < pageSize || folioBytes % pageSize != 0 || !ulong.IsPow2(folioBytes / pageSize))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"folio size {folioBytes} bytes is not a power-of-two multiple of the {pageSize}-byte page."));
        }

        return WithOrders(System.Numerics.BitOperations.Log2(folioBytes / pageSize));
    }

    /// <summary>Enables one order.</summary>
    public void Enable(int order)
    {
        if (order is < 0 or > PhysicalMemory.MaxSupportedOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, $"folio order must be 0..{PhysicalMemory.MaxSupportedOrder}.");
        }

        _enabled[order] = true;
    }

    /// <summary>True when the fault path may allocate folios of <paramref name="order"/> (always for 0).</summary>
    public bool IsEnabled(int order) => order == 0 || (order is > 0 and <= PhysicalMemory.MaxSupportedOrder && _enabled[order]);
}
