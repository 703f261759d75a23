using System.Globalization;
using ArchPgtable.Hardware;

namespace ArchPgtable.Mm;

/// <summary>
/// A fault that could not get a page even after reclaim (lazyfree, then swap) ran: the access is given up and the run
/// records this instead of an exception escaping core mm. A run with one fails like data loss.
/// </summary>
/// <param name="MmId">The address space.</param>
/// <param name="Address">The faulting address.</param>
/// <param name="Access">Read or write.</param>
/// <param name="Order">The smallest folio order the fault asked for (0 after every mTHP order failed).</param>
/// <param name="AllocatedPages">Pages in use when it gave up.</param>
/// <param name="Pages">Physical pages in all.</param>
/// <param name="Reclaimed">Pages reclaim freed on this fault's last attempt.</param>
/// <remarks>Kernel: VM_FAULT_OOM → pagefault_out_of_memory() (the OOM killer would pick a victim; the model stops the access).</remarks>
public sealed record OutOfMemory(int MmId, ulong Address, MemoryAccess Access, int Order, long AllocatedPages, long Pages, long Reclaimed)
{
    /// <summary>One readable line.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"out of memory: mm {MmId} {Access.ToString().ToLowerInvariant()} fault at 0x{Address:x} found no free order-{Order} block after reclaim freed {Reclaimed} page(s) ({AllocatedPages} of {Pages} pages in use)");
}
